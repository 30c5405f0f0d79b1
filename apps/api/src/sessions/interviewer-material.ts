import { sessionAllows } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { isParticipant, type SessionRecord } from './session-record';

/**
 * Whether `viewer` may read a round's interviewer material (its prompt's guide, its reference
 * design) through the session's routes. During the session: the round's interviewer, unless they
 * answer that same prompt as a candidate in this session (a solo practitioner, who plays both
 * roles, or a swap's round-1 candidate who chose round 1's prompt for the round they interview
 * next). After it: both participants. Admins who take no part in the session: always. An admin who
 * practises is held to their role here, as the room's join holds them; the prompt library still
 * shows an admin every guide, as it does outside any session.
 */
export function mayReadInterviewerMaterial(
  viewer: AuthUser,
  record: SessionRecord,
  round: SessionRecord['rounds'][number],
): boolean {
  if (sessionAllows(record.session.status, 'compare_with_reference')) return true;
  if (viewer.role === 'admin' && !isParticipant(record, viewer.id)) return true;
  if (viewer.id !== round.interviewerId) return false;
  return !record.rounds.some((each) => each.candidateId === viewer.id && each.promptId === round.promptId);
}
