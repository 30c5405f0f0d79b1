import type { HintReveal } from '@mockboard/contracts';
import { hintAnnouncement } from '@mockboard/collab';

/**
 * A polite live region for the candidate's screen reader: the newest hint, read once it arrives.
 * Kept outside the side panel, which may be hidden (a hidden region announces nothing).
 */
export function HintAnnouncer({ latest }: { latest: HintReveal | null }) {
  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {latest ? hintAnnouncement(latest) : ''}
    </p>
  );
}
