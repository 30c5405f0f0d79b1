import { sessionAllows } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import type { SessionRecord } from './session-record';

/**
 * Whether `viewer` may read a round's interviewer material (its prompt's guide, its reference
 * design). During the session: the round's interviewer, unless they answer that same prompt as a
 * candidate in this session (a solo practitioner, who plays both roles, or a swap's round-1
 * candidate who chose round 1's prompt for the round they interview next). After it: both
 * participants. Admins: always.
 */
export function mayReadInterviewerMaterial(
  viewer: AuthUser,
  record: SessionRecord,
  round: SessionRecord['rounds'][number],
): boolean {
  if (viewer.role === 'admin') return true;
  if (sessionAllows(record.session.status, 'compare_with_reference')) return true;
  if (viewer.id !== round.interviewerId) return false;
  return !record.rounds.some((each) => each.candidateId === viewer.id && each.promptId === round.promptId);
}
