import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server } from 'socket.io';
import { ROOM_EVENTS, type PromptChosenEvent } from '@mockboard/contracts';
import { RoundPromptChanges } from '../sessions/round-prompt-changes';
import { sessionRoom } from './room-membership';

/**
 * Tells a session's room that a round's prompt was chosen, on every instance (through the adapter):
 * its clients fetch it as their person's role may see it (the guide is never in this event).
 */
@WebSocketGateway()
export class PromptChosenRelay implements OnModuleInit, OnModuleDestroy {
  @WebSocketServer() private server!: Server;
  private unlisten: (() => void) | null = null;

  constructor(private readonly changes: RoundPromptChanges) {}

  onModuleInit(): void {
    this.unlisten = this.changes.listen((sessionId, round, promptId) => {
      const event: PromptChosenEvent = { sessionId, round, promptId };
      this.server.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.promptChosen, event);
    });
  }

  onModuleDestroy(): void {
    this.unlisten?.();
  }
}
