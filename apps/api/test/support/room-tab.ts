import type { ErrorAck } from '@mockboard/contracts';
import { CollabClient } from './collab-client';
import type { SignedUpUser } from './factories';

/**
 * One browser tab's collaboration client, run from Node with the user's token: the real web
 * client, with what a randomized room test needs around it (its errors, when scene traffic last
 * went by, and ways to cut its connection as a dead network does).
 */
export class RoomTab {
  readonly client: CollabClient;
  readonly errors: ErrorAck['error'][] = [];
  /** When a scene:update last left or reached this tab (ms since epoch). */
  lastSceneTrafficAt = 0;
  cuts = 0;

  constructor(
    readonly name: string,
    url: string,
    user: SignedUpUser,
    sessionId: string,
  ) {
    this.client = new CollabClient({
      sessionId,
      url,
      token: user.accessToken,
      socketOptions: { transports: ['websocket'] },
      onError: (error) => this.errors.push(error),
    });
    // The socket object outlives its transports, so these listeners see every reconnection.
    const stamp = (event: string) => {
      if (event === 'scene:update') this.lastSceneTrafficAt = Date.now();
    };
    this.client.socket.onAny(stamp);
    this.client.socket.onAnyOutgoing(stamp);
  }

  /** Connected, joined, and every local edit acknowledged by the server. */
  get settled(): boolean {
    return this.client.status === 'connected' && this.client.pendingCount === 0;
  }

  /**
   * Closes the transport under the client; it reconnects, re-joins and resends by itself. Only an
   * established connection is cut: closing one still opening leaves socket.io waiting out its 20 s
   * connect timeout, which tests nothing.
   */
  cut(): boolean {
    if (this.client.status !== 'connected' || !this.client.socket.io.engine) return false;
    this.cuts += 1;
    this.client.socket.io.engine.close();
    return true;
  }

  /**
   * Cuts `delayMs` after the next scene:update leaves: with 0 the message is lost with the
   * transport; a few ms later it has reached the server, which commits it, and only the ack is lost.
   */
  cutAfterNextSend(delayMs: number): void {
    const onSend = (event: string) => {
      if (event !== 'scene:update') return;
      this.client.socket.offAnyOutgoing(onSend);
      if (delayMs === 0) this.cut();
      else setTimeout(() => this.cut(), delayMs);
    };
    this.client.socket.onAnyOutgoing(onSend);
  }

  close(): void {
    this.client.close();
  }
}

/** Resolves once `condition` holds (checked every 20 ms); rejects naming `what` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  what: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Waits until every tab is settled and no scene:update has gone by for `quietMs`: relays are sent
 * before their commit, so an acked edit may still be on its way to a peer for a moment.
 */
export async function roomQuiet(tabs: readonly RoomTab[], quietMs: number, timeoutMs: number): Promise<void> {
  await waitUntil(
    () =>
      tabs.every((tab) => tab.settled) &&
      Date.now() - Math.max(...tabs.map((tab) => tab.lastSceneTrafficAt)) >= quietMs,
    () =>
      `every tab is connected with nothing pending and the room is quiet (${tabs
        .map((tab) => `${tab.name}: ${tab.client.status}, ${tab.client.pendingCount} pending`)
        .join('; ')})`,
    timeoutMs,
  );
}
