import type { SessionFormat } from '@mockboard/contracts';

/** Feedback shows at the latest this long after the session's scheduled end. */
export const REVEAL_AFTER_MS = 24 * 60 * 60 * 1000;

/** What the reveal rule needs to know about one session's feedback. */
export interface RevealFacts {
  format: SessionFormat;
  endsAt: Date;
  /** The interviewer scorecards of the session (drafts included), one per round at most. */
  interviewerCards: readonly {
    round: number;
    authorId: string;
    subjectId: string;
    submitted: boolean;
    revealed: boolean;
  }[];
  /** Rounds whose candidate has rated their interviewer. */
  ratedRounds: readonly number[];
  /** Rounds the interview ended before (a swap ended in round 1): none when absent. */
  skippedRounds?: readonly number[];
}

/** The latest moment feedback about a session stays hidden. */
export function revealDeadline(endsAt: Date): Date {
  return new Date(endsAt.getTime() + REVEAL_AFTER_MS);
}

/**
 * The rounds whose interviewer scorecard becomes visible to its subject now. The rule keeps
 * feedback honest: nobody reads what their partner wrote about them before committing their own.
 *
 * A scorecard is revealed once its author has submitted it and either
 *   - its subject has submitted their own feedback about the author: in a swap session the
 *     interviewer scorecard they wrote in the other round, in a single session their rating of
 *     the interviewer (in a swap whose other round never took place, either); or
 *   - 24 hours have passed since the session ended, so a partner who never gives feedback cannot
 *     hold the other's back for ever.
 * Drafts are never revealed. Once revealed, a scorecard stays revealed (and immutable).
 */
export function roundsToReveal(facts: RevealFacts, now: Date): number[] {
  const deadlinePassed = now.getTime() >= revealDeadline(facts.endsAt).getTime();
  return facts.interviewerCards
    .filter((card) => card.submitted && !card.revealed)
    .filter((card) => {
      if (deadlinePassed) return true;
      const rated = facts.ratedRounds.includes(card.round);
      if (facts.format === 'single') return rated;
      // The subject had no round in which to interview the author: rating them is their feedback.
      const otherRoundSkipped = (facts.skippedRounds ?? []).some((round) => round !== card.round);
      if (otherRoundSkipped && rated) return true;
      return facts.interviewerCards.some(
        (theirs) =>
          theirs.round !== card.round &&
          theirs.authorId === card.subjectId &&
          theirs.subjectId === card.authorId &&
          theirs.submitted,
      );
    })
    .map((card) => card.round);
}
