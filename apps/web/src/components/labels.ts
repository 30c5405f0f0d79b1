import type { Difficulty, TargetLevel } from '@mockboard/contracts';

/** How enum values from the contracts read on screen. */
export const DIFFICULTY_LABELS: Record<Difficulty, string> = { easy: 'Easy', medium: 'Medium', hard: 'Hard' };

export const TARGET_LEVEL_LABELS: Record<TargetLevel, string> = {
  junior: 'Junior',
  mid: 'Mid-level',
  senior: 'Senior',
  staff: 'Staff',
};
