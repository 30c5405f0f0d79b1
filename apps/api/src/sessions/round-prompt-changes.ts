import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';

/** A round's prompt, just chosen and stored. */
export interface RoundPromptChange {
  sessionId: string;
  round: number;
  promptId: string;
  /** The round had no prompt before this one. */
  first: boolean;
  /** Who chose it: the round's interviewer. */
  chooser: AuthUser;
}

type Listener = (change: RoundPromptChange) => void;

/**
 * Who hears that a round's prompt was chosen once it is stored: the live room, whose people only
 * get a prompt with their join and would otherwise go on without the one just picked. Sessions
 * announce; the room listens, without the sessions module knowing about sockets.
 */
@Injectable()
export class RoundPromptChanges {
  private readonly logger = new Logger('RoundPromptChanges');
  private readonly listeners = new Set<Listener>();

  /** Calls `listener` after every stored choice; returns the unsubscribe. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(change: RoundPromptChange): void {
    for (const listener of this.listeners) {
      // The choice is stored whatever a listener does: its failure is only logged.
      try {
        listener(change);
      } catch (error) {
        this.logger.error(
          `A listener failed on session ${change.sessionId}'s round ${change.round}`,
          error as Error,
        );
      }
    }
  }
}
