import type { CopyIdentity } from '@mockboard/contracts';
import { incomingWins, type Versioned } from './element-version';

/** The copies of one board held for a peer, as one relay sends them. */
export interface HeldBoard<T> {
  sessionId: string;
  /** The round the senders named; absent when they named none. */
  round: number | undefined;
  elements: T[];
}

/**
 * Scene copies waiting for one peer whose connection is backed up: per board, one copy per element,
 * the one that wins by Excalidraw's rule. The peer merges by that rule, so the copies it would have
 * received one by one and this one copy leave its board the same, and what waits is bounded by the
 * board's size however long the peer stays behind.
 */
export class HeldCopies<T extends Versioned> {
  private readonly boards = new Map<
    string,
    { sessionId: string; round: number | undefined; copies: Map<string, T> }
  >();

  get isEmpty(): boolean {
    return this.boards.size === 0;
  }

  /** Holds `elements` for the board, each replacing the held copy of its element if it wins. */
  hold(sessionId: string, round: number | undefined, elements: readonly T[]): void {
    const key = `${sessionId}/${round ?? ''}`;
    let board = this.boards.get(key);
    if (!board) {
      board = { sessionId, round, copies: new Map() };
      this.boards.set(key, board);
    }
    for (const element of elements) {
      if (incomingWins(board.copies.get(element.id), element)) board.copies.set(element.id, element);
    }
  }

  /**
   * Drops the held copies that are exactly one of `refused` (a copy the server refused for good):
   * the peer is told to take those back, and must not receive them after being told.
   */
  withdraw(sessionId: string, refused: readonly CopyIdentity[]): void {
    for (const [key, board] of this.boards) {
      if (board.sessionId !== sessionId) continue;
      for (const identity of refused) {
        const held = board.copies.get(identity.id);
        if (held && held.version === identity.version && held.versionNonce === identity.versionNonce) {
          board.copies.delete(identity.id);
        }
      }
      if (board.copies.size === 0) this.boards.delete(key);
    }
  }

  /** Everything held, one entry per board in the order the boards were first held; empties the hold. */
  take(): HeldBoard<T>[] {
    const taken = [...this.boards.values()].map(({ sessionId, round, copies }) => ({
      sessionId,
      round,
      elements: [...copies.values()],
    }));
    this.boards.clear();
    return taken;
  }
}
