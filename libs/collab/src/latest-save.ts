import { CollabError } from './collab-error';

interface Waiter {
  resolve(stored: string): void;
  reject(error: unknown): void;
}

/** How a save refused `rate_limited` is tried again: after `pauseMs` times the refusals so far. */
export interface RateLimitedRetry {
  pauseMs: number;
  /** Attempts in all, the first included, before the save fails with the refusal. */
  attempts: number;
}

const DEFAULT_RETRY: RateLimitedRetry = { pauseMs: 250, attempts: 5 };

/**
 * Stores a text that its writer keeps rewriting (the interviewer's notes): one save on its way at
 * a time, and always the newest text. A save called while another is on its way waits for it and
 * is replaced by any later one, so two saves never race to the server and an older draft cannot
 * land after a newer one. A save refused `rate_limited` is tried again after a pause, with
 * whatever text is newest by then.
 */
export class LatestSave {
  private next: { text: string; waiters: Waiter[] } | null = null;
  private sending = false;

  constructor(
    private readonly sendOnce: (text: string) => Promise<void>,
    private readonly retry: RateLimitedRetry = DEFAULT_RETRY,
  ) {}

  /**
   * Resolves with the text stored: this one, or a newer one that replaced it before it was sent.
   * Rejects with the error of the attempt that carried it (a replaced save shares its successor's).
   */
  save(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.next = { text, waiters: [...(this.next?.waiters ?? []), { resolve, reject }] };
      if (!this.sending) void this.sendAll();
    });
  }

  private async sendAll(): Promise<void> {
    this.sending = true;
    let refusals = 0;
    while (this.next) {
      const { text, waiters } = this.next;
      this.next = null;
      try {
        await this.sendOnce(text);
        refusals = 0;
        for (const waiter of waiters) waiter.resolve(text);
      } catch (error) {
        if (isRateLimited(error) && refusals + 1 < this.retry.attempts) {
          refusals += 1;
          this.tryAgain(text, waiters);
          await new Promise((resolve) => setTimeout(resolve, this.retry.pauseMs * refusals));
          continue;
        }
        refusals = 0;
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.sending = false;
  }

  /** A refused text goes again after the pause, unless a newer one is (or comes) waiting. */
  private tryAgain(text: string, waiters: Waiter[]): void {
    const newer = this.next;
    this.next = { text: newer?.text ?? text, waiters: [...waiters, ...(newer?.waiters ?? [])] };
  }
}

function isRateLimited(error: unknown): boolean {
  return error instanceof CollabError && error.code === 'rate_limited';
}
