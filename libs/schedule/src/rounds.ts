import type { HostRole, SessionFormat } from '@mockboard/contracts';

export interface PlannedRound {
  number: 1 | 2;
  interviewerId: string;
  candidateId: string;
}

/**
 * Who interviews whom. A `swap` session has two rounds: the host interviews first (or the booker,
 * when the host asked to be the candidate), then roles swap. A `single` session has one round.
 * A solo session has one round in which the user is both.
 */
export function planRounds(
  format: SessionFormat,
  hostId: string,
  guestId: string | null,
  hostRole: HostRole = 'interviewer',
): PlannedRound[] {
  if (guestId === null) return [{ number: 1, interviewerId: hostId, candidateId: hostId }];
  const [first, second] = hostRole === 'interviewer' ? [hostId, guestId] : [guestId, hostId];
  const rounds: PlannedRound[] = [{ number: 1, interviewerId: first, candidateId: second }];
  if (format === 'swap') rounds.push({ number: 2, interviewerId: second, candidateId: first });
  return rounds;
}
