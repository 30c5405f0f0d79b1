import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DevMailboxResponse } from '@mockboard/contracts';
import { Roles } from '../auth/access.decorators';
import { DevMailboxService } from './dev-mailbox.service';

@ApiTags('admin')
@Controller('admin/dev-mailbox')
@Roles('admin')
export class DevMailboxController {
  constructor(private readonly mailbox: DevMailboxService) {}

  @Get()
  @ApiOperation({
    summary: 'Mail written instead of sent when no SMTP_URL is set, newest first (admins only)',
  })
  async list(): Promise<DevMailboxResponse> {
    return this.mailbox.list();
  }
}
