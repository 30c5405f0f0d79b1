import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PromptsModule } from '../prompts/prompts.module';
import { SessionsModule } from '../sessions/sessions.module';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';
import { MatchRequestsController, SessionRescueController } from './matching.controller';
import { MatchingRepository } from './matching.repository';
import { MatchingService } from './matching.service';
import { RescueService } from './rescue.service';
import { SchedulingSweeper } from './scheduling-sweeper.service';
import { SessionRemindersRepository } from './session-reminders.repository';
import { SessionSweepsRepository } from './session-sweeps.repository';
import { SlotsController } from './slots.controller';
import { SlotsRepository } from './slots.repository';
import { SlotsService } from './slots.service';

/**
 * How sessions come to be and move with time: slots, matching (and rescue by a new match), the
 * calendar feed, and the sweeper. Depends on sessions; nothing here is needed by another module.
 */
@Module({
  imports: [AuthModule, CalendarModule, PromptsModule, NotificationsModule, OutboxModule, SessionsModule],
  controllers: [SlotsController, CalendarFeedController, MatchRequestsController, SessionRescueController],
  providers: [
    MatchingRepository,
    MatchingService,
    RescueService,
    SchedulingSweeper,
    CalendarFeedRepository,
    CalendarFeedService,
    SessionRemindersRepository,
    SessionSweepsRepository,
    SlotsRepository,
    SlotsService,
  ],
})
export class SchedulingModule {}
