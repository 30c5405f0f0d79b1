import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server } from 'socket.io';
import { ROOM_EVENTS, type PromptChosenEvent } from '@mockboard/contracts';
import { RoundPromptChanges, type RoundPromptChange } from '../sessions/round-prompt-changes';
import { RoomCommandsService } from './room-commands.service';
import { sessionRoom } from './room-membership';
import { SceneRelay } from './scene-relay';

/**
 * Tells a session's room that a round's prompt was chosen, on every instance (through the adapter):
 * its clients fetch it as their person's role may see it (the guide is never in this event). A
 * round's first prompt also starts its clock, if the room waited on that round (the new state is
 * sent first, so the prompt's plan never shows against the time spent waiting).
 */
@WebSocketGateway()
export class PromptChosenRelay implements OnModuleInit, OnModuleDestroy {
  @WebSocketServer() private server!: Server;
  private readonly logger = new Logger('PromptChosenRelay');
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly changes: RoundPromptChanges,
    private readonly commands: RoomCommandsService,
    private readonly scenes: SceneRelay,
  ) {}

  onModuleInit(): void {
    this.unlisten = this.changes.listen((change) => void this.relay(change));
  }

  private async relay({ sessionId, round, promptId, first, chooser }: RoundPromptChange): Promise<void> {
    if (first) {
      try {
        const state = await this.commands.startClockWithFirstPrompt(chooser, sessionId, round);
        if (state) {
          // As with every change of state: a peer that fell behind gets the strokes made before it.
          this.scenes.sendHeldNow(this.server.sockets, sessionId);
          this.server.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.state, state);
        }
      } catch (error) {
        // The prompt is stored and still announced; the clock runs on from where it was.
        this.logger.warn(
          `Session ${sessionId}'s clock did not start with its prompt: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    const event: PromptChosenEvent = { sessionId, round, promptId };
    this.server.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.promptChosen, event);
  }

  onModuleDestroy(): void {
    this.unlisten?.();
  }
}
