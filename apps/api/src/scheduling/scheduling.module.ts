import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PromptsModule } from '../prompts/prompts.module';
import { CalendarRepository } from './calendar.repository';
import { ReliabilityRepository } from './reliability.repository';
import { RoundPromptsService } from './round-prompts.service';
import { SessionViewsService } from './session-views.service';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { SlotsController } from './slots.controller';
import { SlotsRepository } from './slots.repository';
import { SlotsService } from './slots.service';

@Module({
  imports: [AuthModule, PromptsModule, NotificationsModule],
  controllers: [SlotsController, SessionsController],
  providers: [
    CalendarRepository,
    ReliabilityRepository,
    RoundPromptsService,
    SessionViewsService,
    SessionsRepository,
    SessionsService,
    SlotsRepository,
    SlotsService,
  ],
  exports: [
    SessionsService,
    SessionViewsService,
    SessionsRepository,
    CalendarRepository,
    ReliabilityRepository,
  ],
})
export class SchedulingModule {}
