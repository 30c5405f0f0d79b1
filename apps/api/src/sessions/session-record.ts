import type { Partner, SessionFormat, SessionStatus } from '@mockboard/contracts';
import type { PlannedRound } from '@mockboard/schedule';

// A stored session as the services see it, in camelCase: what SessionsRepository returns and takes.

export interface NewSession {
  kind: 'peer' | 'solo';
  format: SessionFormat;
  startsAt: Date;
  endsAt: Date;
  participantIds: string[];
  rounds: (PlannedRound & { promptId: string | null })[];
  rescuedFrom?: string;
}

/** A session as the services see it: the stored row, in camelCase. */
export interface StoredSession {
  id: string;
  kind: 'peer' | 'solo';
  format: SessionFormat;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  cancelledBy: string | null;
  cancelReason: string | null;
  cancelledAt: Date | null;
  lateCancellation: boolean;
  createdAt: Date;
}

export interface StoredParticipant {
  sessionId: string;
  userId: string;
  email: string;
  joinedAt: Date | null;
  noShow: boolean;
  sharesContact: boolean;
  /** Name, level and reliability, as partners see them. */
  partner: Partner;
}

export interface StoredRound {
  sessionId: string;
  number: 1 | 2;
  interviewerId: string;
  candidateId: string;
  promptId: string | null;
  /**
   * The interview ended before its room reached this round (a swap ended in round 1): the round
   * never took place, so nobody's feedback waits for it.
   */
  skipped: boolean;
}

export interface StoredProposal {
  id: string;
  sessionId: string;
  proposedBy: string;
  startsAt: Date;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  createdAt: Date;
}

export interface SessionRecord {
  session: StoredSession;
  participants: StoredParticipant[];
  rounds: StoredRound[];
  pendingProposal: StoredProposal | null;
  /** Accepted reschedule proposals: the SEQUENCE of the session's calendar event. */
  timesMoved: number;
}

/** Whether `userId` takes part in the session (as either role; an admin observing does not). */
export function isParticipant(record: SessionRecord, userId: string): boolean {
  return record.participants.some((participant) => participant.userId === userId);
}
