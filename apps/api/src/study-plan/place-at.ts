/**
 * `ids` with `id` taken out and put back at `position`, clamped to the list: where a moved card or
 * column lands. A position from a stale screen (past the end, or counted with a card since moved
 * away) still gives a whole list, each id once.
 */
export function placeAt(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter((other) => other !== id);
  const at = Math.min(Math.max(position, 0), rest.length);
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}
