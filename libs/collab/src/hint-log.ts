import {
  INTERVIEW_PHASE_TITLES,
  type HintReveal,
  type HintStage,
  type InterviewPhase,
  type PhaseHints,
} from '@mockboard/contracts';

/**
 * The staged hints a tab knows of: reveals from the join, the broadcasts and the acks, merged so
 * each stage shows once, and the rules the reveal buttons follow. Plain functions, so the rules
 * read (and test) without React.
 */

/**
 * What each stage is called: its position in the phase's list, gentle to explicit. The rubric's
 * names (Nudge, Pointer, Answer), so the room's buttons match the scorecard and the rubric page.
 */
export const HINT_STAGE_NAMES: Record<HintStage, string> = { 1: 'nudge', 2: 'pointer', 3: 'answer' };

type RevealKey = Pick<HintReveal, 'round' | 'phase' | 'stage'>;

/** One reveal per round, phase and stage: the server stores it once, so the tab shows it once. */
export const revealKey = ({ round, phase, stage }: RevealKey): string => `${round}:${phase}:${stage}`;

/** The log with `incoming` in it, each stage once (the earlier copy kept), in the order they were revealed. */
export function withReveals(log: readonly HintReveal[], incoming: readonly HintReveal[]): HintReveal[] {
  const byKey = new Map(log.map((reveal) => [revealKey(reveal), reveal]));
  for (const reveal of incoming) if (!byKey.has(revealKey(reveal))) byKey.set(revealKey(reveal), reveal);
  // Stable, and by the server's clock: ISO timestamps of one server order as strings do.
  return [...byKey.values()].sort((a, b) => a.revealedAt.localeCompare(b.revealedAt));
}

/** The highest stage revealed so far in one round's phase (0: none). */
export function revealedStage(log: readonly HintReveal[], round: number, phase: InterviewPhase): number {
  return log
    .filter((reveal) => reveal.round === round && reveal.phase === phase)
    .reduce((highest, reveal) => Math.max(highest, reveal.stage), 0);
}

/** The stage that may be revealed next in a phase of `count` hints: in order, one at a time; null once all are out. */
export function nextStage(
  log: readonly HintReveal[],
  round: number,
  phase: InterviewPhase,
  count: number,
): HintStage | null {
  const next = revealedStage(log, round, phase) + 1;
  return next <= Math.min(count, 3) ? (next as HintStage) : null;
}

/** The guide's phases with the clock's current phase first (the one a stuck candidate is in), then plan order. */
export function currentPhaseFirst(phases: readonly PhaseHints[], current: InterviewPhase): PhaseHints[] {
  const now = phases.filter((phase) => phase.phase === current);
  return [...now, ...phases.filter((phase) => phase.phase !== current)];
}

/** How a reveal is labelled for the candidate: "Deep dive · nudge". */
export function hintLabel(reveal: Pick<HintReveal, 'phase' | 'stage'>): string {
  return `${INTERVIEW_PHASE_TITLES[reveal.phase]} · ${HINT_STAGE_NAMES[reveal.stage]}`;
}

/** A new hint in words for a screen reader's polite announcement. */
export function hintAnnouncement(reveal: HintReveal): string {
  return `Hint from your interviewer, ${hintLabel(reveal)}: ${reveal.text}`;
}
