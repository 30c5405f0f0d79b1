import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CalendarFeedResponse } from '@mockboard/contracts';
import { CurrentUser, Public } from '../auth/access.decorators';
import type { UserEntity } from '../auth/user.entity';
import { CalendarFeedService } from './calendar-feed.service';

const ICALENDAR = 'text/calendar; charset=utf-8';

/**
 * Calendar downloads and feeds. Headers are set only once the service has answered: an error
 * thrown before then reaches the exception filter with no Content-Type set, and goes out as JSON.
 */
@ApiTags('calendar')
@Controller()
export class CalendarFeedController {
  constructor(private readonly calendar: CalendarFeedService) {}

  @Get('sessions/:id/calendar.ics')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'One session as an iCalendar file (participants and admins only)' })
  async sessionCalendar(
    @CurrentUser() user: UserEntity,
    @Param('id') id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const ics = await this.calendar.sessionCalendar(user, id, originOf(request));
    response.set({
      'Content-Type': ICALENDAR,
      'Content-Disposition': `attachment; filename="mockboard-session-${id}.ics"`,
      'Cache-Control': 'private, no-store',
    });
    return ics;
  }

  @Get('calendar/feed')
  @ApiOperation({ summary: 'Your private calendar feed URL (made on first use)' })
  feedUrl(@CurrentUser() user: UserEntity, @Req() request: Request): Promise<CalendarFeedResponse> {
    return this.calendar.feedUrl(user, originOf(request));
  }

  @Post('calendar/feed/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a new feed URL; the old one stops working' })
  revokeFeed(@CurrentUser() user: UserEntity, @Req() request: Request): Promise<CalendarFeedResponse> {
    return this.calendar.revokeFeed(user, originOf(request));
  }

  @Get('calendar/feed/:token.ics')
  @Public()
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'A calendar feed to subscribe to: recent and upcoming sessions (no sign-in)' })
  async feed(
    @Param('token') token: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const ics = await this.calendar.feed(token, originOf(request));
    response.set({ 'Content-Type': ICALENDAR, 'Cache-Control': 'private, max-age=300' });
    return ics;
  }
}

/** Where the caller reached us, for absolute links (behind a proxy only with TRUST_PROXY set). */
function originOf(request: Request): string {
  return `${request.protocol}://${request.get('host')}`;
}
