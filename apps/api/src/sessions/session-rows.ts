import type { SessionFormat, SessionStatus, TargetLevel } from '@mockboard/contracts';
import type {
  SessionRecord,
  StoredParticipant,
  StoredProposal,
  StoredRound,
  StoredSession,
} from './session-record';

// The rows as PostgreSQL returns them, and their mapping to the camelCase types SessionsRepository
// returns: only the repository reads these, so no snake_case field leaves it.

export interface SessionRow {
  id: string;
  kind: 'peer' | 'solo';
  format: SessionFormat;
  status: SessionStatus;
  starts_at: Date;
  ends_at: Date;
  cancelled_by: string | null;
  cancel_reason: string | null;
  cancelled_at: Date | null;
  late_cancellation: boolean;
  created_at: Date;
}

export interface ParticipantRow {
  session_id: string;
  user_id: string;
  email: string;
  joined_at: Date | null;
  no_show: boolean;
  shares_contact: boolean;
  // The user's partner view, read in the same query (see SessionsRepository.records).
  display_name: string;
  target_level: TargetLevel | null;
  sessions_completed: number;
  late_cancellations: number;
  no_shows: number;
}

export interface RoundRow {
  session_id: string;
  number: number;
  interviewer_id: string;
  candidate_id: string;
  prompt_id: string | null;
  /** Present in a record's rounds (sessionRecordsSql). */
  skipped?: boolean;
}

export interface ProposalRow {
  id: string;
  session_id: string;
  proposed_by: string;
  starts_at: Date;
  status: StoredProposal['status'];
  created_at: Date;
}

/** A row built by json_build_object: its timestamps arrive as ISO strings. */
type AsJson<Row> = {
  [Key in keyof Row]: Row[Key] extends Date
    ? string
    : Row[Key] extends Date | null
      ? string | null
      : Row[Key];
};

/** A session with its parts beside it as JSON (sessionRecordsSql). */
export interface SessionRecordRow extends SessionRow {
  participants: AsJson<Omit<ParticipantRow, 'session_id'>>[];
  rounds: Omit<RoundRow, 'session_id'>[];
  pending_proposal: AsJson<Omit<ProposalRow, 'session_id'>> | null;
  times_moved: number;
}

export function toSessionRecord(row: SessionRecordRow): SessionRecord {
  const proposal = row.pending_proposal;
  return {
    session: toStoredSession(row),
    participants: row.participants.map((participant) =>
      toStoredParticipant({
        ...participant,
        session_id: row.id,
        joined_at: participant.joined_at === null ? null : new Date(participant.joined_at),
      }),
    ),
    rounds: row.rounds.map((round) => toStoredRound({ ...round, session_id: row.id })),
    pendingProposal:
      proposal &&
      toStoredProposal({
        ...proposal,
        session_id: row.id,
        starts_at: new Date(proposal.starts_at),
        created_at: new Date(proposal.created_at),
      }),
    timesMoved: Number(row.times_moved),
  };
}

export function toStoredSession(row: SessionRow): StoredSession {
  return {
    id: row.id,
    kind: row.kind,
    format: row.format,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    cancelledBy: row.cancelled_by,
    cancelReason: row.cancel_reason,
    cancelledAt: row.cancelled_at,
    lateCancellation: row.late_cancellation,
    createdAt: row.created_at,
  };
}

export function toStoredParticipant(row: ParticipantRow): StoredParticipant {
  return {
    sessionId: row.session_id,
    userId: row.user_id,
    email: row.email,
    joinedAt: row.joined_at,
    noShow: row.no_show,
    sharesContact: row.shares_contact,
    partner: {
      id: row.user_id,
      displayName: row.display_name,
      targetLevel: row.target_level,
      reliability: {
        sessionsCompleted: row.sessions_completed,
        lateCancellations: row.late_cancellations,
        noShows: row.no_shows,
      },
    },
  };
}

export function toStoredRound(row: RoundRow): StoredRound {
  return {
    sessionId: row.session_id,
    // PGlite returns smallint as a number and pg as a number too, but the column is checked to 1..2.
    number: Number(row.number) as 1 | 2,
    interviewerId: row.interviewer_id,
    candidateId: row.candidate_id,
    promptId: row.prompt_id,
    skipped: row.skipped === true,
  };
}

export function toStoredProposal(row: ProposalRow | undefined): StoredProposal | null {
  if (!row) return null;
  return {
    id: row.id,
    sessionId: row.session_id,
    proposedBy: row.proposed_by,
    startsAt: row.starts_at,
    status: row.status,
    createdAt: row.created_at,
  };
}
