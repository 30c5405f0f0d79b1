import type { Partner, Session } from '@mockboard/contracts';
import type { SessionRecord } from './sessions.repository';

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
    record.participants.length > 1 && record.participants.every((row) => row.shares_contact);
  return {
    id: session.id,
    kind: session.kind,
    format: session.format,
    status: session.status,
    startsAt: session.starts_at.toISOString(),
    endsAt: session.ends_at.toISOString(),
    durationMinutes: Math.round((session.ends_at.getTime() - session.starts_at.getTime()) / 60_000),
    participants: record.participants.map((row) => {
      const partner = partners.get(row.user_id);
      return {
        id: row.user_id,
        displayName: partner?.displayName ?? 'Former member',
        targetLevel: partner?.targetLevel ?? null,
        reliability: partner?.reliability ?? { sessionsCompleted: 0, lateCancellations: 0, noShows: 0 },
        joinedAt: row.joined_at?.toISOString() ?? null,
        noShow: row.no_show,
        sharesContact: row.shares_contact,
        email: everyoneShares ? row.email : null,
      };
    }),
    rounds: record.rounds.map((round) => ({
      number: round.number,
      interviewerId: round.interviewer_id,
      candidateId: round.candidate_id,
      promptId: round.prompt_id,
      promptTitle: round.prompt_id ? titles(round.prompt_id) : null,
    })),
    cancellation: session.cancelled_at
      ? {
          cancelledBy: session.cancelled_by,
          reason: session.cancel_reason ?? '',
          late: session.late_cancellation,
          cancelledAt: session.cancelled_at.toISOString(),
        }
      : null,
    pendingReschedule: record.pendingProposal
      ? {
          id: record.pendingProposal.id,
          proposedBy: record.pendingProposal.proposed_by,
          startsAt: record.pendingProposal.starts_at.toISOString(),
          status: record.pendingProposal.status,
          createdAt: record.pendingProposal.created_at.toISOString(),
        }
      : null,
    roomUrl: `/sessions/${session.id}/room`,
    createdAt: session.created_at.toISOString(),
  };
}
