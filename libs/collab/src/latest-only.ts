/**
 * Sends at most one value every `intervalMs`, always the latest: what cursors and views need (an
 * old position is worth nothing once a newer one exists). The first value goes at once; values
 * pushed during the interval replace each other and the last goes when it ends.
 */
export class LatestOnly<T> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSentAt = -Infinity;
  private next: { value: T } | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (value: T) => void,
  ) {}

  push(value: T): void {
    this.next = { value };
    if (this.timer) return;
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, wait);
  }

  /** The value waiting for the interval to end, if any. */
  get waiting(): T | undefined {
    return this.next?.value;
  }

  /**
   * Sends what is waiting, if anything, now, before its interval ends (a value the next one must not
   * replace); the interval then starts again from now.
   */
  sendWaitingNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flush();
  }

  /** Forgets what was waiting and stops the timer. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.next = null;
  }

  private flush(): void {
    const next = this.next;
    this.next = null;
    if (!next) return;
    this.lastSentAt = Date.now();
    this.send(next.value);
  }
}
