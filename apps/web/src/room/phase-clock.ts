import type { InterviewPhase, TimePlanEntry } from '@mockboard/contracts';

export interface PhaseClock {
  /** Position of the current phase in the plan; -1 when the phase is not in it. */
  index: number;
  /** The phase after the current one, if any. */
  next: InterviewPhase | null;
  /** Milliseconds left in the current phase by its planned minutes; negative once over time. */
  remainingMs: number | null;
  elapsedMs: number;
}

/**
 * Where the interview stands. Both peers compute this from the same server facts (the phase and
 * when it started, by the server's clock) and their own clock corrected by `clockOffsetMs`
 * (server time − local time), so both screens show the same remaining time.
 */
export function phaseClock(
  plan: readonly TimePlanEntry[],
  phase: InterviewPhase,
  phaseStartedAt: string,
  localNow: number,
  clockOffsetMs: number,
): PhaseClock {
  const index = plan.findIndex((entry) => entry.phase === phase);
  const elapsedMs = Math.max(0, localNow + clockOffsetMs - Date.parse(phaseStartedAt));
  const planned = index >= 0 ? plan[index]!.minutes * 60_000 : null;
  return {
    index,
    next: index >= 0 ? (plan[index + 1]?.phase ?? null) : (plan[0]?.phase ?? null),
    remainingMs: planned === null ? null : planned - elapsedMs,
    elapsedMs,
  };
}

/** "4:05", "12:00", "1:02:03"; a negative duration reads as its absolute value. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
