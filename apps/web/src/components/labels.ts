import type { Difficulty, Rubric, SessionFormat, SessionStatus, TargetLevel } from '@mockboard/contracts';

/** How enum values from the contracts read on screen. */
export const DIFFICULTY_LABELS: Record<Difficulty, string> = { easy: 'Easy', medium: 'Medium', hard: 'Hard' };

export const TARGET_LEVEL_LABELS: Record<TargetLevel, string> = {
  junior: 'Junior',
  mid: 'Mid-level',
  senior: 'Senior',
  staff: 'Staff',
};

export const FORMAT_LABELS: Record<SessionFormat, string> = { swap: 'Swap', single: 'Single round' };

export const FORMAT_DESCRIPTIONS: Record<SessionFormat, string> = {
  swap: 'Two rounds: you each interview once.',
  single: 'One round: one of you interviews.',
};

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  scheduled: 'Scheduled',
  live: 'Live',
  scoring: 'Scoring',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** A score level as the rubric names it ("Solid" for 3), or "Level 3" for a value it does not list. */
export function scoreLevelLabel(levels: Rubric['levels'], value: number): string {
  return levels.find((level) => level.value === value)?.label ?? `Level ${value}`;
}
