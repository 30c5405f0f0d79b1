import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server } from 'socket.io';
import { ROOM_EVENTS, type PromptChosenEvent } from '@mockboard/contracts';
import { RoundPromptChanges } from '../sessions/round-prompt-changes';
import { sessionRoom } from './room-membership';

/**
 * Tells a session's room that a round's prompt was chosen, on every instance (through the adapter):
 * its clients join again for the prompt as their role may see it, with its time plan and hints.
 */
@WebSocketGateway()
export class PromptChosenRelay implements OnModuleInit, OnModuleDestroy {
  @WebSocketServer() private server!: Server;
  private unlisten: (() => void) | null = null;

  constructor(private readonly changes: RoundPromptChanges) {}

  onModuleInit(): void {
    this.unlisten = this.changes.listen((sessionId, round) => {
      const event: PromptChosenEvent = { sessionId, round };
      this.server.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.promptChosen, event);
    });
  }

  onModuleDestroy(): void {
    this.unlisten?.();
  }
}
