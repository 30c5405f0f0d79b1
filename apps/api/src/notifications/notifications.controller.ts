import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MarkNotificationsReadRequestSchema,
  type MarkNotificationsReadRequest,
  type NotificationListResponse,
} from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidBody } from '../common/validated.decorators';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'The latest notifications and the unread count' })
  list(@CurrentUser() user: AuthUser): Promise<NotificationListResponse> {
    return this.notifications.list(user.id);
  }

  @Post('read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark notifications read (all of them when no ids are given)' })
  async markRead(
    @CurrentUser() user: AuthUser,
    @ValidBody(MarkNotificationsReadRequestSchema) body: MarkNotificationsReadRequest,
  ): Promise<void> {
    await this.notifications.markRead(user.id, body.ids ?? []);
  }
}
