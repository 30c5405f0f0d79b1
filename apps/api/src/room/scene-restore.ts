import { drawableOnly, type CopyIdentity, type SceneRestore } from '@mockboard/contracts';
import type { SceneRepository } from './scene.repository';
import type { SceneWriter } from './scene-writer';

/**
 * What a socket that holds refused copies needs to end with the stored scene: the refused copies'
 * identities and the stored copies of those elements, read once the sender's earlier updates
 * still queued are written (else an older stored copy would be read than the one soon committed).
 */
export async function restoreOf(
  scenes: SceneRepository,
  writer: SceneWriter,
  sessionId: string,
  refused: readonly CopyIdentity[],
): Promise<SceneRestore> {
  await writer.settled(sessionId);
  const stored = await scenes.copiesOf(
    sessionId,
    refused.map((copy) => copy.id),
  );
  // Scenes stored before the element allow-list may hold iframes: never handed out (as in a join).
  return { sessionId, refused: [...refused], stored: drawableOnly(stored) };
}
