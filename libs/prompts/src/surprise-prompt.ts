export interface SurpriseInput<T extends { id: string }> {
  prompts: readonly T[];
  /** Prompts the candidate has already been asked: never chosen. */
  askedOfCandidate: ReadonlySet<string>;
  /** Prompts the interviewer has answered as a candidate: preferred, since they know them. */
  answeredByInterviewer: ReadonlySet<string>;
  /**
   * Prompts the session's other rounds use: in a swap, round 2's candidate has just run round 1's
   * with its guide open. Avoided while any other prompt is left.
   */
  usedInSession?: ReadonlySet<string>;
  /** Optional narrowing by the participants' preferences (ids or tags); ignored when it leaves nothing. */
  preferred?: (prompt: T) => boolean;
  /** A number in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * "Surprise me": a prompt the candidate has never been asked, and not one this session already
 * uses unless nothing else is left; preferring ones the interviewer knows from the other side of
 * the table, then the participants' preferences. Null when the candidate has been asked every
 * prompt in the library.
 */
export function pickSurprisePrompt<T extends { id: string }>(input: SurpriseInput<T>): T | null {
  const random = input.random ?? Math.random;
  const neverAsked = input.prompts.filter((prompt) => !input.askedOfCandidate.has(prompt.id));
  const notInSession = neverAsked.filter((prompt) => !input.usedInSession?.has(prompt.id));
  const fresh = notInSession.length > 0 ? notInSession : neverAsked;
  const narrowings: ((prompt: T) => boolean)[] = [
    (prompt) => input.answeredByInterviewer.has(prompt.id) && (input.preferred?.(prompt) ?? true),
    (prompt) => input.answeredByInterviewer.has(prompt.id),
    (prompt) => input.preferred?.(prompt) ?? true,
  ];
  for (const narrow of narrowings) {
    const pool = fresh.filter(narrow);
    if (pool.length > 0) return pool[Math.floor(random() * pool.length)] ?? pool[0]!;
  }
  return fresh.length > 0 ? (fresh[Math.floor(random() * fresh.length)] ?? fresh[0]!) : null;
}
