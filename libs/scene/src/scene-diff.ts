import type { Versioned } from './element-version';

/**
 * The elements a client still has to send: those whose version differs from the one the server
 * already holds from this client (sent, or received from a peer). Excalidraw bumps `version` on
 * every change, so an unchanged element is never sent twice and a peer's copy is never echoed.
 */
export function unsentElements<T extends Versioned>(
  elements: readonly T[],
  shared: ReadonlyMap<string, number>,
): T[] {
  return elements.filter((element) => shared.get(element.id) !== element.version);
}

/** Records that the server holds these copies, so `unsentElements` skips them until they change. */
export function rememberVersions(shared: Map<string, number>, elements: readonly Versioned[]): void {
  for (const element of elements) shared.set(element.id, element.version);
}
