import { Injectable } from '@nestjs/common';
import { describeLead, sessionAllows } from '@mockboard/schedule';
import type { MailComposer } from '../mail/mail.types';
import { writeSessionMail } from './session-mail-body';
import { SESSION_GONE, SessionMailContext } from './session-mail-context';
import {
  FeedbackReadyMailDataSchema,
  NoShowMailDataSchema,
  ReminderMailDataSchema,
} from '../mail/requests/session-mail-requests';

/** The mails without an invitation: a reminder before the start, a no-show, feedback to read. */
@Injectable()
export class NoticeMailComposers {
  constructor(private readonly context: SessionMailContext) {}

  /**
   * Asked for with the start it reminds of; a session cancelled or moved since, or already started
   * (the worker was down), gets no stale reminder: a moved one has its own reminders.
   */
  readonly reminder: MailComposer = {
    compose: async (_manager, reader, data, shared) => {
      const { sessionId, startsAt } = ReminderMailDataSchema.parse(data);
      const session = await this.context.load(sessionId, reader, shared);
      if (!session) return SESSION_GONE;
      // Only a session still to come (whose booking can still change) is reminded of.
      if (!sessionAllows(session.view.status, 'change_booking')) {
        return { skip: `The session is ${session.view.status}` };
      }
      const start = new Date(session.view.startsAt);
      if (start.getTime() !== new Date(startsAt).getTime()) return { skip: 'The session moved since' };
      const now = new Date();
      if (start <= now) return { skip: 'The session has started' };
      const partner = this.context.partnerNames(session, reader);
      const when = this.context.when(start, reader);
      const lead = describeLead(start, now);
      return writeSessionMail({
        subject: `Reminder: mock interview with ${partner} ${lead}, ${when}`,
        paragraphs: [
          `Your mock interview with ${partner} starts ${lead}: ${when}.`,
          ...session.view.rounds.map((round) => {
            const interviewer =
              round.interviewerId === reader.userId ? 'you interview' : 'you are the candidate';
            return `Round ${round.number}: ${interviewer}${round.promptTitle ? ` (${round.promptTitle})` : ''}.`;
          }),
          'The room opens 30 minutes before the start. If you cannot come, cancel so your partner knows.',
        ],
        action: { label: 'Open the session', url: this.context.sessionUrl(sessionId) },
      });
    },
  };

  readonly noShow: MailComposer = {
    compose: async (_manager, reader, data, shared) => {
      const { sessionId } = NoShowMailDataSchema.parse(data);
      const session = await this.context.load(sessionId, reader, shared);
      if (!session) return SESSION_GONE;
      if (session.view.status !== 'no_show') return { skip: `The session is ${session.view.status}` };
      const absent = session.view.participants
        .filter((participant) => participant.noShow && participant.id !== reader.userId)
        .map((participant) => participant.displayName);
      if (absent.length === 0) return { skip: 'The reader was the one who did not come' };
      const names = absent.join(' and ');
      const when = this.context.when(session.view.startsAt, reader);
      return writeSessionMail({
        subject: `${names} did not come: mock interview, ${when}`,
        paragraphs: [
          `${names} did not join your mock interview on ${when}. Sorry about that: it counts against their reliability, not yours.`,
          'Choose "Practise now" to find someone who is ready now, or book another slot.',
        ],
        action: { label: 'Find another partner', url: this.context.link('/practice') },
      });
    },
  };

  readonly feedbackReady: MailComposer = {
    compose: async (_manager, reader, data, shared) => {
      const { sessionId, round: number } = FeedbackReadyMailDataSchema.parse(data);
      const session = await this.context.load(sessionId, reader, shared);
      if (!session) return SESSION_GONE;
      const round = session.view.rounds.find((each) => each.number === number);
      if (!round || round.candidateId !== reader.userId)
        return { skip: 'The reader is not this round’s candidate' };
      const author =
        session.view.participants.find((participant) => participant.id === round.interviewerId)
          ?.displayName ?? 'Your interviewer';
      const when = this.context.when(session.view.startsAt, reader);
      const prompt = round.promptTitle ? ` (${round.promptTitle})` : '';
      return writeSessionMail({
        subject: `Feedback ready: ${author}'s scorecard from your mock interview, ${when}`,
        paragraphs: [
          `${author} scored you as the candidate in round ${number}${prompt} of your mock interview on ${when}.`,
          'Their scorecard is ready to read: the level they saw on each part of the rubric, with evidence, strengths and what to improve.',
        ],
        action: {
          label: 'Read your feedback',
          url: this.context.link(`/sessions/${sessionId}/rounds/${number}/score`),
        },
      });
    },
  };
}
