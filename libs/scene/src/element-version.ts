/** The fields of an Excalidraw element that decide which of two copies wins. */
export interface Versioned {
  id: string;
  version: number;
  versionNonce: number;
  isDeleted: boolean;
}

/**
 * Excalidraw's reconciliation rule: the higher `version` wins; on equal versions the lower
 * `versionNonce` wins. The rule is a total order on copies of one element, so applying updates in
 * any order on any instance converges to the same element. A deletion is just a copy with
 * `isDeleted: true` (a tombstone): an older copy can never bring it back, only a newer edit can.
 */
export function incomingWins(existing: Versioned | undefined, incoming: Versioned): boolean {
  if (!existing) return true;
  if (incoming.version !== existing.version) return incoming.version > existing.version;
  return incoming.versionNonce < existing.versionNonce;
}

/**
 * Merges incoming copies into a scene keyed by element id, in place. Returns the copies that were
 * accepted (those that changed the scene), in arrival order, last copy of an id winning within
 * one batch as the rule decides.
 */
export function mergeElements<T extends Versioned>(scene: Map<string, T>, incoming: readonly T[]): T[] {
  const accepted = new Map<string, T>();
  for (const element of incoming) {
    if (!incomingWins(scene.get(element.id), element)) continue;
    scene.set(element.id, element);
    accepted.set(element.id, element);
  }
  return [...accepted.values()];
}
