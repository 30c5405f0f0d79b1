import type { SceneElement } from '@mockboard/contracts';
import { sameCopy } from './scene-outbox';

/**
 * Peers' copies that reached the scene as relays (before the store decided on them), and the
 * stored scene to settle them against. The stored scene is as of the last join, by id (from join
 * answers and restores, never from relays): what a relayed copy falls back to when the store
 * refused it while this client was away, so its scene:restore never came.
 */
export class RelayedCopies {
  private readonly stored = new Map<string, SceneElement>();
  /** Ids whose current copy is a peer's relayed one, not yet confirmed by a join: the connection it came on. */
  private readonly relayed = new Map<string, number>();

  /** A peer's copies taken into the scene on `connection`. */
  noteRelayed(elements: readonly SceneElement[], connection: number): void {
    for (const element of elements) this.relayed.set(element.id, connection);
  }

  /** The scene's copy of `id` is no longer a relayed one (our own edit, or the store's answer). */
  forget(id: string): void {
    this.relayed.delete(id);
  }

  /** A join answer's scene: the whole stored scene, or (`whole` false) what changed since the last join. */
  storeJoined(snapshot: readonly SceneElement[], whole: boolean): void {
    if (whole) this.stored.clear();
    this.storeRestored(snapshot);
  }

  /** The store's answer for these ids: confirmed, so a later re-join need not settle them again. */
  storeRestored(elements: readonly SceneElement[]): void {
    for (const element of elements) this.stored.set(element.id, element);
  }

  /**
   * A copy a peer relayed on an earlier connection may since have been refused, and its
   * scene:restore lost with that connection. The join answer was read after every update sent
   * before it was stored or refused, so the stored scene now decides: the copy it holds, or none.
   * Copies relayed on this connection are newer than that read and keep their own fate; our own
   * unacknowledged edits (`pending`) stay on top. Applies the outcome to `scene` and returns it.
   */
  settle(
    scene: Map<string, SceneElement>,
    pending: ReadonlyMap<string, SceneElement>,
    connection: number,
  ): { replaced: SceneElement[]; removed: string[] } {
    const replaced: SceneElement[] = [];
    const removed: string[] = [];
    for (const [id, relayedOn] of this.relayed) {
      if (relayedOn === connection) continue;
      this.relayed.delete(id);
      const current = scene.get(id);
      if (!current || pending.has(id)) continue;
      const truth = this.stored.get(id);
      if (truth && sameCopy(current, truth)) continue;
      if (truth) {
        scene.set(id, truth);
        replaced.push(truth);
      } else {
        scene.delete(id);
        removed.push(id);
      }
    }
    return { replaced, removed };
  }
}
