import { useId } from 'react';
import type { HintReveal } from '@mockboard/contracts';
import { hintLabel } from '@mockboard/collab';
import '../../styles/hints.css';

/**
 * The hints the interviewer revealed this round, as the candidate sees them: newest first, kept
 * for the rest of the round. Nothing at all until the first one (no empty box to wonder about).
 */
export function RevealedHints({
  reveals,
  from = 'Hint from your interviewer',
}: {
  reveals: readonly HintReveal[];
  /** Who gave them, as the card's label starts (solo practice: the practitioner asked). */
  from?: string;
}) {
  const id = useId();
  if (reveals.length === 0) return null;
  return (
    <section className="revealed-hints" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Hints from your interviewer
      </h2>
      <ul className="revealed-hints__list">
        {[...reveals].reverse().map((reveal) => (
          <li key={`${reveal.phase}-${reveal.stage}`} className="hint-card">
            <p className="hint-card__label">
              {from} · {hintLabel(reveal)}
            </p>
            <p className="hint-card__text">{reveal.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
