import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CalendarFeedResponse } from '@mockboard/contracts';
import { CurrentUser, Public } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { PublicUrl } from '../config/public-url';
import { CalendarFeedService } from './calendar-feed.service';

const ICALENDAR = 'text/calendar; charset=utf-8';

/**
 * Calendar downloads and feeds. Headers are set only once the service has answered: an error
 * thrown before then reaches the exception filter with no Content-Type set, and goes out as JSON.
 */
@ApiTags('calendar')
@Controller()
export class CalendarFeedController {
  constructor(
    private readonly calendar: CalendarFeedService,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Get('sessions/:id/calendar.ics')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'One session as an iCalendar file (participants and admins only)' })
  async sessionCalendar(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const ics = await this.calendar.sessionCalendar(user, id, this.publicUrl.origin);
    response.set({
      'Content-Type': ICALENDAR,
      'Content-Disposition': `attachment; filename="mockboard-session-${id}.ics"`,
      'Cache-Control': 'private, no-store',
    });
    return ics;
  }

  @Get('calendar/feed')
  @ApiOperation({ summary: 'Your private calendar feed URL (made on first use)' })
  feedUrl(@CurrentUser() user: AuthUser): Promise<CalendarFeedResponse> {
    return this.calendar.feedUrl(user, this.publicUrl.origin);
  }

  @Post('calendar/feed/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a new feed URL; the old one stops working' })
  revokeFeed(@CurrentUser() user: AuthUser): Promise<CalendarFeedResponse> {
    return this.calendar.revokeFeed(user, this.publicUrl.origin);
  }

  @Get('calendar/feed/:token.ics')
  @Public()
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'A calendar feed to subscribe to: recent and upcoming sessions (no sign-in)' })
  async feed(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const ics = await this.calendar.feed(token, this.publicUrl.origin);
    response.set({ 'Content-Type': ICALENDAR, 'Cache-Control': 'private, max-age=300' });
    return ics;
  }
}
