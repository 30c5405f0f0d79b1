/**
 * A board: each round of a session draws on its own (issue 14). The scene writer's planner keys
 * its decisions by one string per board; the repository turns the keys back into their parts.
 */
export interface SceneRef {
  sessionId: string;
  round: number;
}

export const sceneKey = (sessionId: string, round: number): string => `${sessionId}/${round}`;

export function sceneRefOf(key: string): SceneRef {
  const slash = key.lastIndexOf('/');
  return { sessionId: key.slice(0, slash), round: Number(key.slice(slash + 1)) };
}

/** The keys' parts as two parallel arrays, for `unnest($1::uuid[], $2::smallint[])`. */
export function sceneColumns(keys: readonly string[]): [string[], number[]] {
  const refs = keys.map(sceneRefOf);
  return [refs.map((ref) => ref.sessionId), refs.map((ref) => ref.round)];
}
