import type { JoinAck, PromptChosenEvent, PromptDetail } from '@mockboard/contracts';

/** Pauses before a failed fetch is tried again (then it waits for the next news or join). */
const RETRY_PAUSES_MS = [1_000, 2_000, 4_000, 8_000];

/**
 * Keeps a room's prompt the one stored for its round, as its person's role may see it. The stored
 * prompt is only ever taken from a fetch (`fetchPrompt`): news of a choice (round:prompt-chosen)
 * and a later join's answer that differs from what is shown each ask for one, and only the newest
 * fetch's answer is shown. A fetch started after some news reads what was stored by then, so
 * whatever order news, answers and fetches arrive in, the last one asked for is the truth.
 */
export class RoundPromptFollower {
  private round: number | null = null;
  private shownId: string | null = null;
  /** News heard before the first join's answer, by round. */
  private readonly heardEarly = new Set<number>();
  /** Bumped by every fetch: an answer to an older one is dropped. */
  private latest = 0;
  private inFlight = false;

  constructor(
    private readonly fetchPrompt: (round: number) => Promise<PromptDetail | null>,
    private readonly show: (prompt: PromptDetail | null) => void,
    private readonly wait: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** The first join's answer: what the room shows from now on. */
  joined(ack: JoinAck): void {
    this.round = ack.round;
    this.shownId = ack.prompt?.id ?? null;
    // The answer may have been read before the choice it was preceded by: ask.
    if (this.heardEarly.has(ack.round)) this.refresh();
    this.heardEarly.clear();
  }

  /** A later join's answer on the same client (after a reconnect): news may have been lost meanwhile. */
  rejoined(ack: JoinAck): void {
    if (ack.round !== this.round) return;
    if ((ack.prompt?.id ?? null) !== this.shownId || this.inFlight) this.refresh();
  }

  heard(event: PromptChosenEvent): void {
    if (this.round === null) {
      this.heardEarly.add(event.round);
      return;
    }
    if (event.round !== this.round) return;
    // Already shown, and nothing older on its way that could replace it: nothing to ask.
    if (event.promptId === this.shownId && !this.inFlight) return;
    this.refresh();
  }

  private refresh(): void {
    const fetch = ++this.latest;
    const round = this.round!;
    this.inFlight = true;
    void this.attempt(fetch, round, 0);
  }

  private async attempt(fetch: number, round: number, failures: number): Promise<void> {
    try {
      const prompt = await this.fetchPrompt(round);
      if (fetch !== this.latest) return;
      this.inFlight = false;
      if ((prompt?.id ?? null) === this.shownId) return;
      this.shownId = prompt?.id ?? null;
      this.show(prompt);
    } catch {
      if (fetch !== this.latest) return;
      const pause = RETRY_PAUSES_MS[failures];
      if (pause === undefined) {
        this.inFlight = false;
        return;
      }
      await this.wait(pause);
      if (fetch === this.latest) await this.attempt(fetch, round, failures + 1);
    }
  }
}
