import { CollabError, mayLaterSucceed } from './collab-error';

interface Waiter {
  resolve(stored: string): void;
  reject(error: unknown): void;
}

/** How a save that may succeed later is tried again: after `pauseMs` times the failures so far. */
export interface Retry {
  pauseMs: number;
  /** Attempts in all, the first included, before the save fails with the last attempt's error. */
  attempts: number;
}

const DEFAULT_RETRY: Retry = { pauseMs: 250, attempts: 5 };

/**
 * Stores a text that its writer keeps rewriting (the interviewer's notes): one save on its way at
 * a time, and always the newest text. A save called while another is on its way waits for it and
 * is replaced by any later one, so two saves never race to the server and an older draft cannot
 * land after a newer one. A save that may succeed later is tried again after a pause, with
 * whatever text is newest by then: one refused `rate_limited`, one the server could not store for
 * a moment, and one whose answer never came (the connection dropped; the send waits for the
 * re-join). Sending the whole text again is harmless: the server keeps the last text it got.
 */
export class LatestSave {
  private next: { text: string; waiters: Waiter[] } | null = null;
  private sending = false;

  constructor(
    private readonly sendOnce: (text: string) => Promise<void>,
    private readonly retry: Retry = DEFAULT_RETRY,
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
    let failures = 0;
    while (this.next) {
      const { text, waiters } = this.next;
      this.next = null;
      try {
        await this.sendOnce(text);
        failures = 0;
        for (const waiter of waiters) waiter.resolve(text);
      } catch (error) {
        if (worthRetrying(error) && failures + 1 < this.retry.attempts) {
          failures += 1;
          this.tryAgain(text, waiters);
          await new Promise((resolve) => setTimeout(resolve, this.retry.pauseMs * failures));
          continue;
        }
        failures = 0;
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.sending = false;
  }

  /** A failed text goes again after the pause, unless a newer one is (or comes) waiting. */
  private tryAgain(text: string, waiters: Waiter[]): void {
    const newer = this.next;
    this.next = { text: newer?.text ?? text, waiters: [...waiters, ...(newer?.waiters ?? [])] };
  }
}

/** Refused for its rate, or not stored for a reason of the moment (busy, no answer, no database). */
function worthRetrying(error: unknown): boolean {
  return error instanceof CollabError && mayLaterSucceed(error);
}
