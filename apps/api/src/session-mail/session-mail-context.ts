import { Inject, Injectable } from '@nestjs/common';
import type { Session } from '@mockboard/contracts';
import {
  formatInZone,
  sessionCalendarEvent,
  writeICalendar,
  type CalendarAddress,
} from '@mockboard/schedule';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { PublicUrl } from '../config/public-url';
import type { ComposedMail, MailReader, SkippedMail } from '../mail/mail.types';
import type { SharedReads } from '../mail/shared-reads';
import { SessionViewsService } from '../sessions/session-views.service';
import { SessionRecordsService } from '../sessions/session-records.service';
import type { SessionRecord } from '../sessions/session-record';

/** A session as a mail about it is written: the stored record, its wire view, its revision count. */
export interface SessionForMail {
  record: SessionRecord;
  view: Session;
}

/** What a composer answers when `load` finds no session for the reader. */
export const SESSION_GONE: SkippedMail = {
  skip: 'The session is gone, or the reader no longer takes part in it',
};

/**
 * What every session mail needs, read when the mail is sent (not when it was asked for): the
 * session as it is now, times in the reader's zone and format with the zone named, absolute links
 * from PUBLIC_URL, and the calendar invitation — the very event of the session's calendar file
 * (same builder, UID and SEQUENCE), with the method that adds, updates or removes it.
 */
@Injectable()
export class SessionMailContext {
  constructor(
    private readonly sessions: SessionRecordsService,
    private readonly views: SessionViewsService,
    private readonly publicUrl: PublicUrl,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The session, or null when it is gone or `reader` no longer takes part in it. Read once for all
   * the mails of a batch that describe it (`shared`): the session is the same for every reader.
   */
  async load(sessionId: string, reader: MailReader, shared?: SharedReads): Promise<SessionForMail | null> {
    const read = () => this.read(sessionId);
    const session = await (shared ? shared.once(`session:${sessionId}`, read) : read());
    if (!session || !session.record.participants.some((row) => row.userId === reader.userId)) return null;
    return session;
  }

  private async read(sessionId: string): Promise<SessionForMail | null> {
    const record = await this.sessions.find(sessionId);
    if (!record) return null;
    const [view] = await this.views.views([record]);
    return { record, view: view! };
  }

  /** An absolute link (never the request's Host: see PublicUrl). */
  link(path: string): string {
    return `${this.publicUrl.origin}${path}`;
  }

  sessionUrl(sessionId: string): string {
    return this.link(`/sessions/${sessionId}`);
  }

  /** "Tue 8 Dec 2026, 18:00 (Europe/Paris)", as the in-app notifications write it. */
  when(instant: Date | string, reader: MailReader): string {
    return formatInZone(new Date(instant), reader.timeZone, reader.locale);
  }

  /** The other participants' names, "Ada" or "Ada and Bob" (display names: escape before HTML). */
  partnerNames(session: SessionForMail, reader: MailReader): string {
    const names = session.view.participants
      .filter((participant) => participant.id !== reader.userId)
      .map((participant) => participant.displayName);
    return names.length > 0 ? names.join(' and ') : 'your partner';
  }

  /**
   * The session's event as an iTIP message for `reader`. Attendees are both participants, but a
   * partner's address stays private until both chose to share contacts (as in the app): until
   * then the partner is named by a urn:uuid: address, which calendar apps show by its CN.
   */
  invitation(
    session: SessionForMail,
    reader: MailReader,
    method: 'REQUEST' | 'CANCEL',
  ): ComposedMail['calendar'] {
    const attendees = session.view.participants.map((participant): CalendarAddress => {
      const name = participant.displayName;
      if (participant.id === reader.userId) return { name, email: reader.email };
      return participant.email
        ? { name, email: participant.email }
        : { name, uri: `urn:uuid:${participant.id}` };
    });
    const event = sessionCalendarEvent(session.view, {
      viewerId: reader.userId,
      roomUrl: this.link(session.view.roomUrl),
      timesMoved: session.record.timesMoved,
      organizer: organizerOf(this.config.mail.from),
      attendees,
    });
    const content = writeICalendar({ name: 'Mockboard', generatedAt: new Date(), events: [event], method });
    return { method, content };
  }
}

/** MAIL_FROM (`Name <address>` or a bare address) as the invitation's organizer. */
export function organizerOf(from: string): CalendarAddress {
  const match = /^(.*)<([^<>]+)>\s*$/.exec(from.trim());
  if (!match) return { email: from.trim() };
  const name = match[1]!.trim().replace(/^"(.*)"$/, '$1');
  return name ? { name, email: match[2]!.trim() } : { email: match[2]!.trim() };
}
