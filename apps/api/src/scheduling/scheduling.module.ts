import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PromptsModule } from '../prompts/prompts.module';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarRepository } from './calendar.repository';
import { MatchRequestsController, SessionRescueController } from './matching.controller';
import { MatchingRepository } from './matching.repository';
import { MatchingService } from './matching.service';
import { ReliabilityRepository } from './reliability.repository';
import { RescueService } from './rescue.service';
import { RoundPromptsService } from './round-prompts.service';
import { SchedulingSweeper } from './scheduling-sweeper.service';
import { SessionRemindersRepository } from './session-reminders.repository';
import { SessionViewsService } from './session-views.service';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { SlotsController } from './slots.controller';
import { SlotsRepository } from './slots.repository';
import { SlotsService } from './slots.service';

@Module({
  imports: [AuthModule, PromptsModule, NotificationsModule],
  controllers: [
    SlotsController,
    SessionsController,
    CalendarFeedController,
    MatchRequestsController,
    SessionRescueController,
  ],
  providers: [
    MatchingRepository,
    MatchingService,
    RescueService,
    SchedulingSweeper,
    CalendarFeedRepository,
    CalendarFeedService,
    CalendarRepository,
    ReliabilityRepository,
    RoundPromptsService,
    SessionViewsService,
    SessionRemindersRepository,
    SessionsRepository,
    SessionsService,
    SlotsRepository,
    SlotsService,
  ],
  exports: [
    CalendarFeedRepository,
    SessionsService,
    SessionViewsService,
    SessionsRepository,
    CalendarRepository,
    ReliabilityRepository,
  ],
})
export class SchedulingModule {}
