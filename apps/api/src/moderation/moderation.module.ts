import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PromptsModule } from '../prompts/prompts.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AccountWithdrawalRepository } from './account-withdrawal.repository';
import { AdminModerationController } from './admin-moderation.controller';
import { BlocksController } from './blocks.controller';
import { BlocksRepository } from './blocks.repository';
import { BlocksService } from './blocks.service';
import { ModerationActionsRepository } from './moderation-actions.repository';
import { ModerationService } from './moderation.service';
import { ReportEvidenceService } from './report-evidence.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { RestrictedAccountsRepository } from './restricted-accounts.repository';

/** Reports, blocks and the admins' moderation of accounts (issue 15). */
@Module({
  imports: [AuthModule, CalendarModule, NotificationsModule, OutboxModule, PromptsModule, SessionsModule],
  controllers: [ReportsController, BlocksController, AdminModerationController],
  providers: [
    AccountWithdrawalRepository,
    BlocksRepository,
    BlocksService,
    ModerationActionsRepository,
    ModerationService,
    ReportEvidenceService,
    ReportsRepository,
    ReportsService,
    RestrictedAccountsRepository,
  ],
})
export class ModerationModule {}
