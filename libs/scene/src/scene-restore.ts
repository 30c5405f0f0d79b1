import { incomingWins, type Versioned } from './element-version';

/** Which copy of an element (the fields Excalidraw's rule compares). */
export interface CopyRef {
  id: string;
  version: number;
  versionNonce: number;
}

/** What a board must change after a refusal: copies to put in place as they are, ids to take away. */
export interface RestorePlan<T> {
  replaced: T[];
  removed: string[];
}

const sameCopy = (a: CopyRef, b: CopyRef): boolean =>
  a.version === b.version && a.versionNonce === b.versionNonce;

/** Whether `copy` is the refused copy or one it beats: a copy that was never stored, or is older. */
export const supersededBy = (copy: CopyRef, refused: CopyRef): boolean =>
  sameCopy(copy, refused) || incomingWins(copy as Versioned, refused as Versioned);

/**
 * Takes back refused copies from a scene, in place, and says what changed. Where the scene holds
 * the refused copy (or an older one) the stored copy replaces it, not merges with it: the stored
 * copy is older than the refused one, so Excalidraw's rule would keep the refused copy. With no
 * stored copy the element goes. A newer copy (a later edit) stays: it has its own fate. So does a
 * copy of our own not yet acknowledged (`unacked`) that is not the refused one: it is still on its
 * way to the store, and shown while it beats the stored copy.
 */
export function restoreScene<T extends Versioned>(
  scene: Map<string, T>,
  refused: readonly CopyRef[],
  stored: readonly T[],
  unacked: ReadonlyMap<string, T> = new Map(),
): RestorePlan<T> {
  const storedById = new Map(stored.map((element) => [element.id, element]));
  const replaced = new Map<string, T>();
  const removed = new Set<string>();
  for (const copy of refused) {
    const current = scene.get(copy.id);
    if (current && !supersededBy(current, copy)) continue;
    let target = storedById.get(copy.id);
    const own = unacked.get(copy.id);
    if (own && !sameCopy(own, copy) && incomingWins(target, own)) target = own;
    if (target) {
      if (current && sameCopy(current, target)) continue;
      scene.set(copy.id, target);
      replaced.set(copy.id, target);
      removed.delete(copy.id);
    } else if (current) {
      scene.delete(copy.id);
      removed.add(copy.id);
      replaced.delete(copy.id);
    }
  }
  return { replaced: [...replaced.values()], removed: [...removed] };
}
