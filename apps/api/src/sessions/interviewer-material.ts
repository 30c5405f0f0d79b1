import { sessionAllows } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import type { SessionRecord } from './session-record';

/**
 * Whether `viewer` may read a round's interviewer material (its prompt's guide, its reference
 * design). During the session: the round's interviewer, unless they answer that same prompt as a
 * candidate in this session (a solo practitioner, who plays both roles, or a swap's round-1
 * candidate who chose round 1's prompt for the round they interview next). After it: both
 * participants. Admins who take no part in the session: always; an admin practising is held to
 * their role like anyone (the room's join already was).
 */
export function mayReadInterviewerMaterial(
  viewer: AuthUser,
  record: SessionRecord,
  round: SessionRecord['rounds'][number],
): boolean {
  if (sessionAllows(record.session.status, 'compare_with_reference')) return true;
  const participant = record.rounds.some(
    (each) => viewer.id === each.interviewerId || viewer.id === each.candidateId,
  );
  if (viewer.role === 'admin' && !participant) return true;
  if (viewer.id !== round.interviewerId) return false;
  return !record.rounds.some((each) => each.candidateId === viewer.id && each.promptId === round.promptId);
}
