import { ROOM_LIMITS, type SceneElement } from '@mockboard/contracts';
import type { CopyRef } from '@mockboard/scene';
import { utf8Bytes } from './utf8';

// The server caps the UTF-8 bytes of a message's elements at maxMessageBytes (the transport takes
// twice that, so the envelope always fits).
const MAX_BATCH_BYTES = ROOM_LIMITS.maxMessageBytes;

export const sameCopy = (a: CopyRef, b: CopyRef): boolean =>
  a.version === b.version && a.versionNonce === b.versionNonce;

/**
 * Local edits on their way to the server. An edit stays pending until the server acknowledged that
 * exact copy (the ack comes after its commit); a copy edited again meanwhile stays pending with its
 * newer copy. Each connection sends what is pending once (`unsent`); a new connection, all of it again.
 */
export class SceneOutbox {
  /** The latest local copy of every element the server has not acknowledged yet. */
  private readonly pendingById = new Map<string, SceneElement>();
  /** Ids whose pending copy is not on its way on the current connection. */
  private readonly unsent = new Set<string>();

  get pending(): ReadonlyMap<string, SceneElement> {
    return this.pendingById;
  }

  get size(): number {
    return this.pendingById.size;
  }

  get hasUnsent(): boolean {
    return this.unsent.size > 0;
  }

  /** A newer local copy: it replaces any older pending one and goes with the next batch. */
  queue(element: SceneElement): void {
    this.pendingById.set(element.id, element);
    this.unsent.add(element.id);
  }

  /** The connection dropped: answers to what was in flight may never come, so all of it goes again. */
  sendAllAgain(): void {
    for (const id of this.pendingById.keys()) this.unsent.add(id);
  }

  /** The next message's worth: at most maxElementsPerUpdate elements and one message's worth of JSON. */
  nextBatch(): SceneElement[] {
    const batch: SceneElement[] = [];
    let bytes = 0;
    for (const id of this.unsent) {
      const element = this.pendingById.get(id);
      if (element) {
        const size = utf8Bytes(JSON.stringify(element));
        if (batch.length >= ROOM_LIMITS.maxElementsPerUpdate) break;
        if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
        batch.push(element);
        bytes += size;
      }
      this.unsent.delete(id);
    }
    return batch;
  }

  /** Acked means committed: these copies are no longer pending (newer copies of them still are). */
  acknowledged(batch: readonly SceneElement[]): void {
    for (const element of batch) {
      if (this.isPending(element)) this.pendingById.delete(element.id);
    }
  }

  /** The batch did not get through (no answer, or a temporary refusal): it goes again. */
  sendAgain(batch: readonly SceneElement[]): void {
    for (const element of batch) {
      if (this.isPending(element)) this.unsent.add(element.id);
    }
  }

  /** Refused for good: resending these copies cannot help. Newer copies of them stay pending. */
  drop(copies: readonly CopyRef[]): void {
    for (const copy of copies) {
      if (!this.isPending(copy)) continue;
      this.pendingById.delete(copy.id);
      this.unsent.delete(copy.id);
    }
  }

  private isPending(copy: CopyRef): boolean {
    const current = this.pendingById.get(copy.id);
    return current !== undefined && sameCopy(current, copy);
  }
}
