import type { SceneElement } from '@mockboard/contracts';

/** JSON with object keys sorted: jsonb and the wire order keys differently, and that is no difference. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** One side of a comparison: a named scene (a tab's, a fresh joiner's, the stored rows). */
export interface NamedScene {
  name: string;
  elements: Iterable<SceneElement>;
}

/** The fields that decide which copy wins, then the whole copy: what a reader needs to see first. */
function describe(element: SceneElement | undefined): string {
  if (!element) return 'nothing';
  const { id, version, versionNonce, isDeleted } = element;
  return `${canonicalJson({ id, version, versionNonce, isDeleted })} in ${canonicalJson(element)}`;
}

/**
 * The first element (by id) where two scenes differ, compared as whole copies, in words naming
 * both sides; null when they are identical element by element.
 */
export function firstDifference(left: NamedScene, right: NamedScene): string | null {
  const byId = (elements: Iterable<SceneElement>) =>
    new Map([...elements].map((element) => [element.id, element] as const));
  const [a, b] = [byId(left.elements), byId(right.elements)];
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const id of ids) {
    const [ours, theirs] = [a.get(id), b.get(id)];
    if (ours && theirs && canonicalJson(ours) === canonicalJson(theirs)) continue;
    return (
      `${left.name} (${a.size} elements) and ${right.name} (${b.size} elements) differ first at ${id}:\n` +
      `  ${left.name} has ${describe(ours)}\n  ${right.name} has ${describe(theirs)}`
    );
  }
  return null;
}
