import { Injectable, Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import {
  ROOM_EVENTS,
  copyIdentities,
  drawableOnly,
  type CopyIdentity,
  type SceneRestore,
} from '@mockboard/contracts';
import { DomainError, type DomainErrorKind } from '../common/domain-error';
import { JoinBarrier } from './join-barrier';
import { SceneRepository } from './scene.repository';

/** Refusals a retry cannot turn into success: the sent copies must be taken back. */
const FINAL_REFUSALS = new Set<DomainErrorKind>(['conflict', 'too_large', 'invalid']);

/** Whether a refused scene update is refused for good (a retry would be refused again). */
export function isFinalRefusal(error: unknown): boolean {
  return error instanceof DomainError && FINAL_REFUSALS.has(error.kind);
}

/** Where the stored copies go: a socket, or a room of sockets. */
export interface RestoreTarget {
  emit(event: string, restore: SceneRestore): unknown;
}

/**
 * Takes back what an update refused for good had already shown: every socket that holds its
 * copies gets the stored copies back (scene:restore), before the sender's ack. Once relayed that is
 * the whole room, the sender's tabs included; else only the sender's socket, whose board shows the
 * copies it drew.
 */
@Injectable()
export class SceneRestorer {
  private readonly logger = new Logger('SceneRestorer');

  constructor(
    private readonly scenes: SceneRepository,
    private readonly barrier: JoinBarrier,
  ) {}

  async restore(
    server: Server,
    to: RestoreTarget,
    sessionId: string,
    round: number | undefined,
    raw: readonly unknown[],
  ): Promise<void> {
    const refused = copyIdentities(raw);
    if (refused.length === 0) return;
    try {
      const settled = () => this.barrier.settled(server, sessionId);
      to.emit(ROOM_EVENTS.sceneRestore, await restoreOf(this.scenes, settled, sessionId, round, refused));
    } catch (failure) {
      this.logger.warn(`restoring stored copies failed: ${String(failure)}`);
    }
  }
}

/**
 * What a socket that holds refused copies needs to end with the stored scene: the refused copies'
 * identities and the stored copies of those elements. `settled` must resolve once the session's
 * updates submitted anywhere before are stored (JoinBarrier): a rival copy relayed before the
 * refusal but still queued, here or on another instance, would otherwise be replaced on the peers
 * by an older stored copy and never sent again.
 */
async function restoreOf(
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
