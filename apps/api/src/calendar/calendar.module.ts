import { Module } from '@nestjs/common';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';

/**
 * Users' busy periods (calendar_entries): reserved by slots, match requests and sessions, freed by
 * cancelling and moderation. A module of its own because both scheduling (booking) and sessions
 * (cancelling, moving) write them, and scheduling already depends on sessions.
 */
@Module({
  providers: [CalendarRepository, CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
