import { Injectable, Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import { SceneWriter } from './scene-writer';

/** Asked of every other instance (serverSideEmit): answer once your writer settled this session. */
const SETTLE_EVENT = 'scene:settle';

/**
 * What a join waits for between its socket taking its place in the room (RoomPresence.takePlace)
 * and reading the scene. Updates are relayed before they are stored: one relayed just before the
 * joiner entered never reaches it, so the scene it reads must already hold it. Such an update was
 * submitted to its instance's writer in the same tick as the relay, so once every writer of the
 * cluster settled the session, the read sees it. A refusal's scene:restore waits for it too before
 * reading the stored copies (see restoreOf).
 */
@Injectable()
export class JoinBarrier {
  private readonly logger = new Logger('JoinBarrier');

  constructor(private readonly writer: SceneWriter) {}

  /** Answers the other instances' requests (with the Redis adapter); call once the server exists. */
  listen(server: Server): void {
    server.of('/').on(SETTLE_EVENT, (sessionId: unknown, answer: unknown) => {
      if (typeof answer !== 'function') return;
      if (typeof sessionId !== 'string') return answer(false);
      void this.writer.settled(sessionId).then(() => answer(true));
    });
  }

  /**
   * Resolves once the updates of the session submitted anywhere before this call are stored or
   * refused. An instance that does not answer within the adapter's timeout (5 s) is logged and
   * not waited for: the join goes on rather than fail. One taken for hung (silent for LIVENESS's
   * beats, live-instances.ts) is not waited for at all, and an answer it sends late is not
   * counted: what it relayed and has not stored cannot be read anyway.
   */
  async settled(server: Server, sessionId: string): Promise<void> {
    await Promise.all([this.writer.settled(sessionId), this.othersSettled(server, sessionId)]);
  }

  private async othersSettled(server: Server, sessionId: string): Promise<void> {
    const namespace = server.of('/');
    // The in-memory adapter (one instance) counts 1 and cannot emit to other servers.
    if ((await namespace.adapter.serverCount()) <= 1) return;
    try {
      await namespace.serverSideEmitWithAck(SETTLE_EVENT, sessionId);
    } catch (error) {
      this.logger.warn(
        `an instance did not confirm its stored updates before a join: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
