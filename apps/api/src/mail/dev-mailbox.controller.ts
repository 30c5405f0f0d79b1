import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DevMailboxResponse } from '@mockboard/contracts';
import { Roles } from '../auth/access.decorators';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { DevMailboxRepository } from './dev-mailbox.repository';

@ApiTags('admin')
@Controller('admin/dev-mailbox')
@Roles('admin')
export class DevMailboxController {
  constructor(
    private readonly mailbox: DevMailboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Mail written instead of sent when no SMTP_URL is set, newest first (admins only)',
  })
  async list(): Promise<DevMailboxResponse> {
    return {
      messages: await this.mailbox.newestFirst(),
      deliversToSmtp: this.config.mail.smtpUrl !== null,
    };
  }
}
