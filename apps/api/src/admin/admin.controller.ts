import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AdminUserListResponse } from '@mockboard/contracts';
import { Roles } from '../auth/access.decorators';
import { UsersService } from '../auth/users.service';

const USER_LIST_LIMIT = 500;

@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class AdminController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @ApiOperation({ summary: 'Every account, newest first (admins only)' })
  async listUsers(): Promise<AdminUserListResponse> {
    return { users: await this.users.listNewestFirst(USER_LIST_LIMIT) };
  }
}
