import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CalendarFeedResponse, Session } from '@mockboard/contracts';
import { sessionCalendarEvent, writeICalendar } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { SessionViewsService } from '../sessions/session-views.service';
import { SessionRecordsService } from '../sessions/session-records.service';
import type { SessionRecord } from '../sessions/session-record';
import { notFound } from '../common/domain-error';

/** A feed lists sessions that ended at most this long ago, and every later one. */
const FEED_HISTORY_DAYS = 7;
/** How often subscribed calendar apps are asked to poll the feed. */
const FEED_REFRESH_MINUTES = 30;
/** 24 random bytes: 32 base64url characters, unguessable. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/**
 * Sessions as iCalendar: one session's download for a participant, and each user's private feed
 * that calendar apps subscribe to by URL (no sign-in; the unguessable token is the credential).
 * `origin` is the public origin (PublicUrl, e.g. https://mockboard.example), for absolute links.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly sessions: SessionRecordsService,
    private readonly views: SessionViewsService,
  ) {}

  /** One session as a calendar with one event (participants and admins; others get a 404). */
  async sessionCalendar(viewer: AuthUser, sessionId: string, origin: string): Promise<string> {
    const record = await this.views.visibleRecord(viewer, sessionId);
    return this.calendar('Mockboard', viewer.id, [record], origin);
  }

  /** The caller's private feed URL; the token is made on the first call. */
  async feedUrl(user: AuthUser, origin: string): Promise<CalendarFeedResponse> {
    return { url: feedUrl(origin, await this.feeds.tokenOf(user.id, newToken())) };
  }

  /** A new feed URL; the old one answers 404 from now on. */
  async revokeFeed(user: AuthUser, origin: string): Promise<CalendarFeedResponse> {
    const token = newToken();
    await this.feeds.replaceToken(user.id, token);
    return { url: feedUrl(origin, token) };
  }

  /** The feed behind `token`: recent and upcoming sessions, cancelled ones marked CANCELLED. */
  async feed(token: string, origin: string, now = new Date()): Promise<string> {
    const ownerId = TOKEN_PATTERN.test(token) ? await this.feeds.ownerOf(token) : null;
    if (!ownerId) {
      throw notFound('No calendar feed at this address; it may have been revoked');
    }
    const since = now.getTime() - FEED_HISTORY_DAYS * 24 * 60 * 60_000;
    const records = (await this.sessions.forUser(ownerId)).filter(
      (record) => record.session.endsAt.getTime() >= since,
    );
    return this.calendar('Mockboard sessions', ownerId, records, origin, FEED_REFRESH_MINUTES);
  }

  private async calendar(
    name: string,
    viewerId: string,
    records: SessionRecord[],
    origin: string,
    refreshMinutes?: number,
  ): Promise<string> {
    const sessions = await this.views.views(records);
    const moves = new Map(records.map((record) => [record.session.id, record.timesMoved]));
    const event = (session: Session) =>
      sessionCalendarEvent(session, {
        viewerId,
        roomUrl: `${origin}${session.roomUrl}`,
        timesMoved: moves.get(session.id) ?? 0,
      });
    return writeICalendar({ name, generatedAt: new Date(), events: sessions.map(event), refreshMinutes });
  }
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function feedUrl(origin: string, token: string): string {
  return `${origin}/api/calendar/feed/${token}.ics`;
}
