import type { Partner, Session } from '@mockboard/contracts';
import type { SessionRecord } from './session-record';

/**
 * The wire view of a session for one of its participants (or an admin). Partners see each other's
 * name, level and reliability; emails only once both have agreed to share them.
 */
export function toSessionView(
  record: SessionRecord,
  partners: Map<string, Partner>,
  titles: (id: string) => string | null,
): Session {
  const { session } = record;
  const everyoneShares =
    record.participants.length > 1 && record.participants.every((row) => row.sharesContact);
  return {
    id: session.id,
    kind: session.kind,
    format: session.format,
    status: session.status,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    durationMinutes: Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000),
    participants: record.participants.map((row) => {
      const partner = partners.get(row.userId);
      return {
        id: row.userId,
        displayName: partner?.displayName ?? 'Former member',
        targetLevel: partner?.targetLevel ?? null,
        reliability: partner?.reliability ?? { sessionsCompleted: 0, lateCancellations: 0, noShows: 0 },
        joinedAt: row.joinedAt?.toISOString() ?? null,
        noShow: row.noShow,
        sharesContact: row.sharesContact,
        email: everyoneShares ? row.email : null,
      };
    }),
    rounds: record.rounds.map((round) => ({
      number: round.number,
      interviewerId: round.interviewerId,
      candidateId: round.candidateId,
      promptId: round.promptId,
      promptTitle: round.promptId ? titles(round.promptId) : null,
      ...(round.skipped ? { skipped: true as const } : {}),
    })),
    cancellation: session.cancelledAt
      ? {
          cancelledBy: session.cancelledBy,
          reason: session.cancelReason ?? '',
          late: session.lateCancellation,
          cancelledAt: session.cancelledAt.toISOString(),
        }
      : null,
    pendingReschedule: record.pendingProposal
      ? {
          id: record.pendingProposal.id,
          proposedBy: record.pendingProposal.proposedBy,
          startsAt: record.pendingProposal.startsAt.toISOString(),
          status: record.pendingProposal.status,
          createdAt: record.pendingProposal.createdAt.toISOString(),
        }
      : null,
    roomUrl: `/sessions/${session.id}/room`,
    createdAt: session.createdAt.toISOString(),
  };
}
