/**
 * How deep a request body or socket message may nest objects and arrays. Our deepest contract
 * (an Excalidraw element's points inside a scene update) is under 10 levels; JSON.stringify,
 * zod and PostgreSQL's jsonb all recurse, and a 10,000-level body overflows the stack in each.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests objects or arrays more than `maxDepth` levels deep. Walks
 * with its own stack (never recursion, which is what the check protects against) and stops at
 * the first value past the limit.
 */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [current, depth] = item;
    if (current === null || typeof current !== 'object') continue;
    if (depth > maxDepth) return true;
    const children = Array.isArray(current) ? current : Object.values(current as object);
    for (const child of children) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}
