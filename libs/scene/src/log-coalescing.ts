/**
 * The latest log row of one element, and when the window it stands for began: a row that
 * replaced earlier ones keeps the start of the first, so a long drag leaves one row per window
 * (the drawing's evolution), not one row in all.
 */
export interface LogWindow {
  seq: number;
  authorId: string;
  /** Epoch milliseconds when the window's first version arrived. */
  startedAt: number;
}

/** A copy about to be logged, in log order. */
export interface LogCandidate {
  /** The element, scoped to its scene (e.g. `${sceneId}\u0000${elementId}`). */
  key: string;
  /** Who sent it; null (a write of the server's own) is never coalesced. */
  authorId: string | null;
  /** Epoch milliseconds when it arrived. */
  at: number;
  /** Bytes of the copy: a big one gets a longer window (see coalesceLog's `logBytesPerSecond`). */
  bytes?: number;
}

export interface CoalescedLog {
  /** Per candidate: whether it is written (false: a later candidate of the batch replaces it). */
  keep: boolean[];
  /** Per candidate left out: the index of the candidate that replaces it; null for those kept. */
  replacedBy: (number | null)[];
  /** Stored rows the batch replaces: their sequence numbers. */
  replacedSeqs: number[];
  /** Per candidate: the start of the window it belongs to (for the next batch's LogWindow). */
  startedAt: number[];
}

/**
 * Which log rows add nothing to a replay: while an element is dragged or drawn, many versions of
 * it arrive each second. A version replaces the element's previous row when both come from the
 * same author within the window, so at most one row per element, author and window is kept,
 * always the latest version (the replay ends on the right scene). The window is `windowMs`, or
 * longer for a big copy: `bytes / logBytesPerSecond` seconds, so a long pen stroke drawn for a
 * minute logs about `logBytesPerSecond` a second however many points it grows to.
 */
export function coalesceLog(
  candidates: readonly LogCandidate[],
  stored: ReadonlyMap<string, LogWindow>,
  windowMs: number,
  logBytesPerSecond = Infinity,
): CoalescedLog {
  const keep = candidates.map(() => true);
  const replacedBy: (number | null)[] = candidates.map(() => null);
  const replacedSeqs: number[] = [];
  const startedAt: number[] = [];
  const latest = new Map<string, { index: number; authorId: string | null; startedAt: number }>();

  candidates.forEach((candidate, index) => {
    const inBatch = latest.get(candidate.key);
    const previous = inBatch ?? stored.get(candidate.key);
    let start = candidate.at;
    if (
      previous &&
      candidate.authorId !== null &&
      previous.authorId === candidate.authorId &&
      candidate.at - previous.startedAt < logWindowMs(candidate, windowMs, logBytesPerSecond)
    ) {
      start = previous.startedAt;
      if (inBatch) {
        keep[inBatch.index] = false;
        replacedBy[inBatch.index] = index;
      } else replacedSeqs.push((previous as LogWindow).seq);
    }
    startedAt.push(start);
    latest.set(candidate.key, { index, authorId: candidate.authorId, startedAt: start });
  });
  return { keep, replacedBy, replacedSeqs, startedAt };
}

/** How long one logged copy of this candidate stands for its element. */
export function logWindowMs(candidate: LogCandidate, windowMs: number, logBytesPerSecond: number): number {
  return Math.max(windowMs, ((candidate.bytes ?? 0) / logBytesPerSecond) * 1_000);
}

/**
 * The sequence number standing for each candidate once the kept ones were written (`writtenSeqs`,
 * in order): its own, or that of the row that replaced it.
 */
export function seqsAfterCoalescing(coalesced: CoalescedLog, writtenSeqs: readonly number[]): number[] {
  const seqs = new Array<number>(coalesced.keep.length);
  let written = 0;
  coalesced.keep.forEach((kept, index) => {
    if (kept) seqs[index] = writtenSeqs[written++]!;
  });
  // A replacement always comes later in the log: resolving from the end finds its seq ready.
  for (let index = seqs.length - 1; index >= 0; index -= 1) {
    if (!coalesced.keep[index]) seqs[index] = seqs[coalesced.replacedBy[index]!]!;
  }
  return seqs;
}
