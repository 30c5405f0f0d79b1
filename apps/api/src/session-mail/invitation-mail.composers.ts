import { Injectable } from '@nestjs/common';
import { sessionAllows } from '@mockboard/schedule';
import type { ComposedMail, MailComposer, MailReader, SkippedMail } from '../mail/mail.types';
import type { SharedReads } from '../mail/shared-reads';
import { writeSessionMail } from './session-mail-body';
import { SESSION_GONE, SessionMailContext, type SessionForMail } from './session-mail-context';
import {
  BookedMailDataSchema,
  CancelledMailDataSchema,
  RescheduledMailDataSchema,
} from '../mail/requests/session-mail-requests';

const ROOM_OPENS = 'The room opens 30 minutes before the start.';
/** A booking this close to its start is practice now (or nearly): no "booked for later" wording. */
const STARTS_NOW_MS = 5 * 60_000;

/**
 * The mails that carry the calendar invitation: booked (METHOD:REQUEST adds the event), rescheduled
 * (REQUEST with a higher SEQUENCE moves it) and cancelled (CANCEL removes it). Each is written from
 * the session as it is when sent, so a mail overtaken by events is skipped instead of contradicting
 * the one after it.
 */
@Injectable()
export class InvitationMailComposers {
  constructor(private readonly context: SessionMailContext) {}

  readonly booked: MailComposer = {
    compose: async (_manager, reader, data, shared) => {
      const { sessionId } = BookedMailDataSchema.parse(data);
      const session = await this.context.load(sessionId, reader, shared);
      if (!session) return SESSION_GONE;
      if (!sessionAllows(session.view.status, 'use_room')) {
        return { skip: `The session is ${session.view.status}` };
      }
      const partner = this.context.partnerNames(session, reader);
      const when = this.context.when(session.view.startsAt, reader);
      // Practice now: the session started when the pair was made, and its room is already open.
      const startsNow = new Date(session.view.startsAt).getTime() <= Date.now() + STARTS_NOW_MS;
      return writeSessionMail({
        subject: `Booked: mock interview with ${partner}, ${when}`,
        paragraphs: [
          startsNow
            ? `Your mock system-design interview with ${partner} starts now (${when}): the room is open.`
            : `Your mock system-design interview with ${partner} is booked for ${when}.`,
          formatLine(session),
          ...(startsNow ? [] : [ROOM_OPENS]),
          'The calendar invitation is attached: open it to add the session to your calendar.',
        ],
        action: { label: 'Open the session', url: this.context.sessionUrl(sessionId) },
        calendar: this.context.invitation(session, reader, 'REQUEST'),
      });
    },
  };

  readonly rescheduled: MailComposer = {
    compose: async (_manager, reader, data, shared) => {
      const { sessionId, sequence } = RescheduledMailDataSchema.parse(data);
      const session = await this.context.load(sessionId, reader, shared);
      if (!session) return SESSION_GONE;
      if (!sessionAllows(session.view.status, 'change_booking')) {
        return { skip: `The session is ${session.view.status}` };
      }
      // Moved again before this went out: the later move's mail carries the current time.
      if (session.record.timesMoved !== sequence) return { skip: 'The session was moved again since' };
      const partner = this.context.partnerNames(session, reader);
      const when = this.context.when(session.view.startsAt, reader);
      return writeSessionMail({
        subject: `Moved: mock interview with ${partner}, now ${when}`,
        paragraphs: [
          `Your mock interview with ${partner} has moved to a new time: ${when}.`,
          ROOM_OPENS,
          'The calendar invitation is updated: open it to move the event in your calendar.',
        ],
        action: { label: 'Open the session', url: this.context.sessionUrl(sessionId) },
        calendar: this.context.invitation(session, reader, 'REQUEST'),
      });
    },
  };

  readonly cancelled: MailComposer = {
    compose: (_manager, reader, data, shared) => this.composeCancelled(reader, data, shared),
  };

  private async composeCancelled(
    reader: MailReader,
    data: Record<string, unknown>,
    shared: SharedReads | undefined,
  ): Promise<ComposedMail | SkippedMail> {
    const { sessionId, by, reason } = CancelledMailDataSchema.parse(data);
    const session = await this.context.load(sessionId, reader, shared);
    if (!session) return SESSION_GONE;
    if (session.view.status !== 'cancelled') return { skip: `The session is ${session.view.status}` };
    const partner = this.context.partnerNames(session, reader);
    const when = this.context.when(session.view.startsAt, reader);
    const stated = reason ?? session.view.cancellation?.reason ?? '';
    const canceller =
      session.view.participants.find(
        (participant) => participant.id === session.view.cancellation?.cancelledBy,
      )?.displayName ?? partner;
    const byWhom = {
      self: {
        subject: `Cancelled: your mock interview with ${partner}, ${when}`,
        opening: `You cancelled your mock interview with ${partner} on ${when}.`,
      },
      partner: {
        subject: `${canceller} cancelled: mock interview, ${when}`,
        opening: `${canceller} cancelled your mock interview on ${when}.`,
      },
      moderation: {
        subject: `Cancelled: mock interview with ${partner}, ${when}`,
        opening: `Your mock interview with ${partner} on ${when} was cancelled by Mockboard's moderators.`,
      },
    }[by];
    return writeSessionMail({
      subject: byWhom.subject,
      paragraphs: [
        byWhom.opening,
        ...(stated ? [`Reason given: ${stated}`] : []),
        'Open the attached cancellation to remove the event from your calendar.',
        ...(by === 'self' ? [] : ['Book another slot or choose "Practise now" to find someone else.']),
      ],
      action: {
        label: by === 'self' ? 'Book another session' : 'Find another partner',
        url: this.context.link('/practice'),
      },
      calendar: this.context.invitation(session, reader, 'CANCEL'),
    });
  }
}

function formatLine(session: SessionForMail): string {
  const minutes = Math.round(session.view.durationMinutes / Math.max(session.view.rounds.length, 1));
  return session.view.format === 'swap'
    ? `Two rounds of ${minutes} minutes: each of you interviews once.`
    : `One round of ${minutes} minutes.`;
}
