import { drawableOnly, type CopyIdentity, type SceneRestore } from '@mockboard/contracts';
import type { SceneRepository } from './scene.repository';

/**
 * What a socket that holds refused copies needs to end with the stored scene: the refused copies'
 * identities and the stored copies of those elements. `settled` must resolve once the session's
 * updates submitted anywhere before are stored (JoinBarrier): a rival copy relayed before the
 * refusal but still queued, here or on another instance, would otherwise be replaced on the peers
 * by an older stored copy and never sent again.
 */
export async function restoreOf(
  scenes: SceneRepository,
  settled: () => Promise<void>,
  sessionId: string,
  round: number | undefined,
  refused: readonly CopyIdentity[],
): Promise<SceneRestore> {
  await settled();
  // The board the refused update was for: the one it named, else the session's current one.
  const board = round ?? (await scenes.currentRound(sessionId));
  const stored = await scenes.copiesOf(
    sessionId,
    board,
    refused.map((copy) => copy.id),
  );
  // Scenes stored before the element allow-list may hold iframes: never handed out (as in a join).
  return { sessionId, round: board, refused: [...refused], stored: drawableOnly(stored) };
}
