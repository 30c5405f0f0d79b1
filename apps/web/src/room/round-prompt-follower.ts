import type { JoinAck, PromptChosenEvent, PromptDetail } from '@mockboard/contracts';

type Shown = { round: number; promptId: string | null };

/**
 * Keeps a room's prompt the one stored for its round, as its person's role may see it. A choice
 * made while the room is open is announced (round:prompt-chosen) and then fetched; one missed while
 * the connection was down comes with the next join's answer; one heard before the first answer is
 * weighed against it. Whichever arrives last of a fetch and a join's answer, the newer news wins.
 */
export class RoundPromptFollower {
  private shown: Shown | null = null;
  private heardEarly: PromptChosenEvent | null = null;
  /** Bumped by every adoption and fetch: a fetch answered after newer news is dropped. */
  private generation = 0;

  constructor(
    private readonly fetchPrompt: (round: number) => Promise<PromptDetail | null>,
    private readonly show: (prompt: PromptDetail | null) => void,
  ) {}

  /** The first join's answer: what the room shows from now on. */
  joined(ack: JoinAck): void {
    this.shown = { round: ack.round, promptId: ack.prompt?.id ?? null };
    const early = this.heardEarly;
    this.heardEarly = null;
    if (early) this.heard(early);
  }

  /** A later join's answer on the same client (after a reconnect): it holds the prompt as stored. */
  rejoined(ack: JoinAck): void {
    if (!this.shown || ack.round !== this.shown.round) return;
    if ((ack.prompt?.id ?? null) !== this.shown.promptId) this.adopt(ack.prompt);
  }

  heard(event: PromptChosenEvent): void {
    if (!this.shown) {
      this.heardEarly = event;
      return;
    }
    if (event.round !== this.shown.round || event.promptId === this.shown.promptId) return;
    const generation = ++this.generation;
    // A fetch that fails leaves the room as it was: the next join's answer brings the prompt.
    this.fetchPrompt(event.round).then(
      (prompt) => generation === this.generation && this.adopt(prompt),
      () => undefined,
    );
  }

  private adopt(prompt: PromptDetail | null): void {
    this.generation += 1;
    this.shown = { round: this.shown!.round, promptId: prompt?.id ?? null };
    this.show(prompt);
  }
}
