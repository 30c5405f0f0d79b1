import type { JoinAck } from '@mockboard/contracts';
import type { CollabError } from './collab-error';

type Waiter<T> = { resolve: (value: T) => void; reject: (error: CollabError) => void };

/** Who waits for the session join: the first connect, commands sent meanwhile, and listeners of every join. */
export class JoinSignals {
  private firstJoin: Waiter<JoinAck> | null = null;
  private waiters: Waiter<void>[] = [];
  /** Told after every successful (re)join, with its answer (the call re-joins its part then). */
  private readonly listeners = new Set<(ack: JoinAck) => void>();

  /** The first connect waits for the first join (or the first refusal). */
  waitForFirst(start: () => void): Promise<JoinAck> {
    return new Promise<JoinAck>((resolve, reject) => {
      this.firstJoin = { resolve, reject };
      start();
    });
  }

  /** Whether the first connect still waits: a refusal then rejects it rather than being reported. */
  get firstPending(): boolean {
    return this.firstJoin !== null;
  }

  /** Resolves at the next successful join; rejects when the connection fails first. */
  next(): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  onJoined(listener: (ack: JoinAck) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  joined(ack: JoinAck): void {
    this.firstJoin?.resolve(ack);
    this.firstJoin = null;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  /** After `joined` and whatever the client does then: listeners speak on the joined connection. */
  tellListeners(ack: JoinAck): void {
    for (const listener of [...this.listeners]) listener(ack);
  }

  failed(error: CollabError): void {
    this.firstJoin?.reject(error);
    this.firstJoin = null;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
