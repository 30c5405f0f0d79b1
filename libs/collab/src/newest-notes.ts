/** A round's notes as the server stored them: the text and its revision. */
export interface RevisedNotes {
  text: string;
  revision: number;
}

/**
 * The newest notes the server stored for each round, as this client heard of them: from a join's
 * answer, from a save of its own, or from a save made in another of its person's tabs
 * (`notes:saved`). Each save stores the next revision, so the highest one seen is the newest,
 * whichever way it came and in whatever order: a join answered just after a save from another tab
 * may carry the older text, and is then ignored.
 */
export class NewestNotes {
  private readonly byRound = new Map<number, RevisedNotes>();
  private readonly listeners = new Set<(round: number, notes: RevisedNotes) => void>();

  /** The newest notes heard of for the round, if any. */
  of(round: number): RevisedNotes | undefined {
    return this.byRound.get(round);
  }

  /** Takes notes newer than those heard of so far, and tells the listeners; older ones change nothing. */
  offer(round: number, notes: RevisedNotes): void {
    if (notes.revision <= (this.byRound.get(round)?.revision ?? 0)) return;
    this.byRound.set(round, notes);
    for (const listener of this.listeners) listener(round, notes);
  }

  /** Calls `listener` with every newer revision from now on; returns the unsubscribe. */
  onNewer(listener: (round: number, notes: RevisedNotes) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
