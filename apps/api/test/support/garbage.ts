import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// So a test can force collections; the flag stays set for the rest of the worker.
setFlagsFromString('--expose-gc');
/** A full, forced garbage collection. */
export const collectGarbage = runInNewContext('gc') as () => void;
const nextTask = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Whether what `ref` points at is collected within a few forced full collections: false means
 * something still holds it. A WeakRef keeps its target until the current task ends, so each
 * collection follows an await.
 */
export async function isCollected(ref: WeakRef<object>): Promise<boolean> {
  for (let round = 0; round < 5 && ref.deref(); round++) {
    await nextTask();
    collectGarbage();
  }
  return ref.deref() === undefined;
}
