import { DIFFICULTIES, type Difficulty } from '@mockboard/contracts';
import { DIFFICULTY_LABELS } from './labels';

/** Difficulty as a word plus a three-dot meter: readable without relying on colour. */
export function DifficultyBadge({ difficulty }: { difficulty: Difficulty }) {
  const filled = DIFFICULTIES.indexOf(difficulty) + 1;
  return (
    <span className={`difficulty difficulty--${difficulty}`}>
      <span className="difficulty__meter" aria-hidden="true">
        {DIFFICULTIES.map((level, index) => (
          <span
            key={level}
            className={index < filled ? 'difficulty__dot difficulty__dot--on' : 'difficulty__dot'}
          />
        ))}
      </span>
      {DIFFICULTY_LABELS[difficulty]}
    </span>
  );
}
