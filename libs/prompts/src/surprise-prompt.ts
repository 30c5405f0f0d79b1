export interface SurpriseInput<T extends { id: string }> {
  prompts: readonly T[];
  /** Prompts the candidate has already been asked: never chosen. */
  askedOfCandidate: ReadonlySet<string>;
  /** Prompts the interviewer has answered as a candidate: preferred, since they know them. */
  answeredByInterviewer: ReadonlySet<string>;
  /** Optional narrowing by the participants' preferences (ids or tags); ignored when it leaves nothing. */
  preferred?: (prompt: T) => boolean;
  /** A number in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * "Surprise me": a prompt the candidate has never been asked, preferring ones the interviewer
 * knows from the other side of the table, then the participants' preferences. Null when the
 * candidate has been asked every prompt in the library.
 */
export function pickSurprisePrompt<T extends { id: string }>(input: SurpriseInput<T>): T | null {
  const random = input.random ?? Math.random;
  const fresh = input.prompts.filter((prompt) => !input.askedOfCandidate.has(prompt.id));
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
