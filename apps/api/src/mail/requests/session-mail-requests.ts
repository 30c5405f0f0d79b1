import { z } from 'zod';
import type { MailRequest } from '../mail.types';

/**
 * The mails about a session, as the changes that cause them ask for them (inside their own
 * transaction, through MailService.enqueue). Each builder fixes the kind's data and its dedupe
 * key — the event it stands for — in one place; the composers read the data back with the
 * schemas below, so a row written by an older version fails loudly rather than writing nonsense.
 *
 * Pure (no Nest, no scheduling): it lives beside the mail types, not in session-mail/, so the
 * scheduling services that ask for these mails and the session-mail composers that write them
 * (which read sessions through scheduling) both import it without a folder cycle.
 */

export const BookedMailDataSchema = z.object({ sessionId: z.uuid() });
export const RescheduledMailDataSchema = z.object({
  sessionId: z.uuid(),
  sequence: z.number().int().min(0),
});
export const CancelledMailDataSchema = z.object({
  sessionId: z.uuid(),
  /** Who cancelled, as the reader sees it: their partner, themselves, or the moderators. */
  by: z.enum(['partner', 'self', 'moderation']),
  reason: z.string().nullish(),
});
export const ReminderMailDataSchema = z.object({
  sessionId: z.uuid(),
  /** The start the reminder was asked for: a session moved since then is not reminded of with it. */
  startsAt: z.iso.datetime(),
  offsetMinutes: z.number().int().positive(),
});
export const NoShowMailDataSchema = z.object({ sessionId: z.uuid() });
export const FeedbackReadyMailDataSchema = z.object({
  sessionId: z.uuid(),
  round: z.number().int().min(1).max(2),
});

export type CancelledBy = z.infer<typeof CancelledMailDataSchema>['by'];

/** To each participant of a booking or a match: the confirmation with the calendar invitation. */
export function bookedMails(sessionId: string, userIds: readonly string[]): MailRequest[] {
  return userIds.map((userId) => ({
    kind: 'booked',
    userId,
    dedupeKey: `booked:${sessionId}:${userId}`,
    data: { sessionId },
  }));
}

/** To each participant once a new time is accepted; `sequence` counts the moves so far. */
export function rescheduledMails(
  sessionId: string,
  userIds: readonly string[],
  sequence: number,
): MailRequest[] {
  return userIds.map((userId) => ({
    kind: 'rescheduled',
    userId,
    dedupeKey: `rescheduled:${sessionId}:${userId}:${sequence}`,
    data: { sessionId, sequence },
  }));
}

/**
 * To everyone in a cancelled session, so the event leaves every calendar: the canceller reads
 * "You cancelled", the others "<name> cancelled". With `cancellerId` null (the moderators
 * cancelled it), everyone reads that the moderators did.
 */
export function cancelledMails(
  sessionId: string,
  participantIds: readonly string[],
  cancellerId: string | null,
  reason: string | null,
): MailRequest[] {
  return participantIds.map((userId) => {
    const by: CancelledBy = cancellerId === null ? 'moderation' : userId === cancellerId ? 'self' : 'partner';
    return {
      kind: 'cancelled',
      userId,
      dedupeKey: `cancelled:${sessionId}:${userId}`,
      data: { sessionId, by, reason },
    };
  });
}

/** One reminder `offsetMinutes` before `startsAt`; a moved session gets new ones (new key). */
export function reminderMail(
  sessionId: string,
  userId: string,
  startsAt: Date,
  offsetMinutes: number,
): MailRequest {
  const startsAtText = startsAt.toISOString();
  return {
    kind: 'reminder',
    userId,
    dedupeKey: `reminder:${sessionId}:${userId}:${offsetMinutes}:${startsAtText}`,
    data: { sessionId, startsAt: startsAtText, offsetMinutes },
  };
}

/** To those who came, when their partner did not. */
export function noShowMails(sessionId: string, userIds: readonly string[]): MailRequest[] {
  return userIds.map((userId) => ({
    kind: 'no_show',
    userId,
    dedupeKey: `no_show:${sessionId}:${userId}`,
    data: { sessionId },
  }));
}

/** To the subject of a round's interviewer scorecard, when it is revealed to them. */
export function feedbackReadyMail(sessionId: string, round: number, subjectId: string): MailRequest {
  return {
    kind: 'feedback_ready',
    userId: subjectId,
    dedupeKey: `feedback_ready:${sessionId}:${round}:${subjectId}`,
    data: { sessionId, round },
  };
}
