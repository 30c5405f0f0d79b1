import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PromptsModule } from '../prompts/prompts.module';
import { RevealedHintsModule } from '../room/hints/revealed-hints.module';
import { ReliabilityRepository } from './reliability.repository';
import { RescheduleProposalsRepository } from './reschedule-proposals.repository';
import { RoundPromptChanges } from './round-prompt-changes';
import { RoundPromptsService } from './round-prompts.service';
import { SessionRecordsService } from './session-records.service';
import { SessionViewsService } from './session-views.service';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/** A session once it exists: its views, cancelling, moving, joining, round prompts, contacts. */
@Module({
  imports: [
    AuthModule,
    CalendarModule,
    PromptsModule,
    NotificationsModule,
    OutboxModule,
    RevealedHintsModule,
  ],
  controllers: [SessionsController],
  providers: [
    ReliabilityRepository,
    RescheduleProposalsRepository,
    RoundPromptChanges,
    RoundPromptsService,
    SessionRecordsService,
    SessionViewsService,
    SessionsRepository,
    SessionsService,
  ],
  exports: [
    RoundPromptChanges,
    RoundPromptsService,
    SessionRecordsService,
    SessionsService,
    SessionViewsService,
  ],
})
export class SessionsModule {}
