import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import {
  JoinRequestSchema,
  NotesUpdateRequestSchema,
  PhaseChangeRequestSchema,
  PointerUpdateSchema,
  ROOM_EVENTS,
  ROOM_LIMITS,
  SOCKET_CAPS,
  SceneUpdateRequestSchema,
  SessionCommandSchema,
  ViewportUpdateSchema,
  copyIdentities,
  isDrawableType,
  type ErrorAck,
  type JoinAck,
  type PresenceEvent,
  type SceneRestore,
  type SceneUpdateAck,
} from '@mockboard/contracts';
import { DomainError, forbidden, type DomainErrorKind } from '../common/domain-error';
import { ackOf, anySocketIn } from '../common/socket-ack';
import { parseContract, parsePayload as parse } from '../common/socket-payload';
import type { SocketData } from '../realtime/realtime-io.adapter';
import { dataOf, participantsRoom, sessionRoom, userOf, type PointerSender } from './room-membership';
import { roomColourOf } from './room-colours';
import { RoomCommandsService } from './room-commands.service';
import { RoomService } from './room.service';
import { SceneRepository } from './scene.repository';
import { SceneWriter } from './scene-writer';
import { JoinBarrier } from './join-barrier';
import { restoreOf } from './scene-restore';

/** A socket with no scene or pointer activity for this long shows as idle to its peers. */
export const IDLE_AFTER_MS = 60_000;
const IDLE_SWEEP_MS = 10_000;
/** Refusals a retry cannot turn into success: the sent copies must be taken back. */
const FINAL_REFUSALS = new Set<DomainErrorKind>(['conflict', 'too_large', 'invalid']);

/**
 * The live room. Every payload is parsed with its contract; every ack is `{ok: true, …}` or
 * `{ok: false, error: {code, message}}`; no handler throws past this class.
 */
@WebSocketGateway()
export class RoomGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  @WebSocketServer() private server!: Server;
  private readonly logger = new Logger('RoomGateway');
  private idleSweep?: NodeJS.Timeout;

  constructor(
    private readonly room: RoomService,
    private readonly commands: RoomCommandsService,
    private readonly scenes: SceneRepository,
    private readonly writer: SceneWriter,
    private readonly barrier: JoinBarrier,
  ) {}

  @SubscribeMessage(ROOM_EVENTS.join)
  join(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<JoinAck | ErrorAck> {
    return ackOf(this.logger, async () => {
      const { sessionId, since } = parse(JoinRequestSchema, payload);
      const user = userOf(socket);
      const { record, view, participant } = await this.room.enter(user, sessionId);
      const state = await this.room.state(record);
      const role = this.room.roleOf(record, state, user.id);
      await socket.join(sessionRoom(sessionId));
      const inRoom = await this.server.in(sessionRoom(sessionId)).fetchSockets();
      // Joined first, counted after: of simultaneous joiners, those past the cap leave again.
      if (inRoom.findIndex((other) => other.id === socket.id) >= SOCKET_CAPS.perSession) {
        await socket.leave(sessionRoom(sessionId));
        throw new DomainError(
          'too_many_sockets',
          `This session's room holds at most ${SOCKET_CAPS.perSession} connections; close another tab`,
        );
      }
      // Only participants hear what is private to them (the call, the chat).
      if (participant) await socket.join(participantsRoom(sessionId));
      const participantIds = view.participants.map((p) => p.id);
      const sender = {
        userId: user.id,
        displayName: user.displayName,
        colour: roomColourOf(participantIds, user.id),
      };
      const membership = { canEdit: participant, solo: record.session.kind === 'solo', sender };
      dataOf(socket).sessions = { ...dataOf(socket).sessions, [sessionId]: membership };
      dataOf(socket).lastActiveAt = Date.now();
      const online = new Set(inRoom.map((s) => (s.data as SocketData).user.id));
      socket
        .to(sessionRoom(sessionId))
        .emit(ROOM_EVENTS.presence, this.presence(sessionId, sender, 'joined'));
      // In the room first, then every update relayed before that is stored: none falls between.
      await this.barrier.settled(this.server, sessionId);
      // The current round's board: each round draws on its own (an earlier one is read by replay).
      const stored = await this.scenes.load(sessionId, state.round, since);
      // Scenes stored before the element allow-list may hold iframes or embeds: never handed out.
      const scene = {
        ...stored,
        elements: stored.elements.filter((element) => isDrawableType(element.type)),
      };
      return {
        ok: true as const,
        role,
        round: state.round,
        participants: view.participants.map((p) => ({
          userId: p.id,
          displayName: p.displayName,
          colour: roomColourOf(participantIds, p.id),
          online: online.has(p.id),
        })),
        phase: state.phase,
        state: this.room.toSessionState(record, state),
        serverTime: new Date().toISOString(),
        scene,
        prompt: this.room.promptFor(record, state, role),
        notes: role === 'interviewer' ? await this.commands.notesOf(sessionId, state.round, user.id) : null,
      };
    });
  }

  /**
   * The high-rate events (strokes at up to 10 Hz, cursors at 20 Hz, views at 10 Hz per peer) are
   * plain socket.io listeners: Nest's per-message pipeline (rxjs, guards, interceptors) cost a
   * tenth of the server's CPU in bench/realtime and gives these handlers nothing they need.
   */
  handleConnection(socket: Socket): void {
    socket.on(ROOM_EVENTS.sceneUpdate, (payload: unknown, ack?: unknown) => {
      void this.update(socket, payload).then((reply) => {
        if (typeof ack === 'function') ack(reply);
      });
    });
    socket.on(ROOM_EVENTS.pointerUpdate, (payload: unknown) => this.pointer(socket, payload));
    socket.on(ROOM_EVENTS.viewportUpdate, (payload: unknown) => this.viewport(socket, payload));
  }

  update(socket: Socket, payload: unknown): Promise<SceneUpdateAck | ErrorAck> {
    return ackOf(this.logger, async () => {
      const sent = (payload as { elements?: unknown } | null)?.elements;
      if (Array.isArray(sent) && sent.length > ROOM_LIMITS.maxElementsPerUpdate) {
        throw new DomainError(
          'too_large',
          `Send at most ${ROOM_LIMITS.maxElementsPerUpdate} elements per update`,
        );
      }
      // The elements' text is checked on their JSON in validElements, not walked here as well.
      const { sessionId, round, elements: raw } = parseContract(SceneUpdateRequestSchema, payload);
      this.requireEditor(socket, sessionId);
      let relayed = false;
      try {
        const valid = this.room.validElements(raw);
        const bytes = valid.reduce((sum, { json }) => sum + Buffer.byteLength(json), 0);
        if (bytes > ROOM_LIMITS.maxMessageBytes) {
          throw new DomainError('too_large', `A message is capped at ${ROOM_LIMITS.maxMessageBytes} bytes`);
        }
        this.touch(socket);
        const elements = valid.map(({ element }) => element);
        // Relayed before the commit, so a stroke reaches the partner in the time of a cursor move:
        // peers merge by the same rule as the store, so a copy that loses there changes nothing.
        // The submit below must follow in the same tick: a join's JoinBarrier relies on it.
        // The round goes along, so a peer already on the next round's board leaves a late stroke out.
        socket.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.sceneUpdate, { sessionId, round, elements });
        relayed = true;
        const { version } = await this.writer.submit(sessionId, valid, userOf(socket).id, round);
        return { ok: true as const, version };
      } catch (error) {
        if (error instanceof DomainError && FINAL_REFUSALS.has(error.kind))
          await this.restore(
            relayed ? this.server.to(sessionRoom(sessionId)) : socket,
            sessionId,
            round,
            raw,
          );
        throw error;
      }
    });
  }

  /**
   * An update was refused for good: every socket that holds its copies gets the stored copies back
   * (scene:restore), before the sender's ack. Once relayed that is the whole room, the sender's
   * tabs included; else only the sender's socket, whose board shows the copies it drew.
   */
  private async restore(
    to: { emit(event: string, restore: SceneRestore): unknown },
    sessionId: string,
    round: number | undefined,
    raw: readonly unknown[],
  ) {
    const refused = copyIdentities(raw);
    if (refused.length === 0) return;
    try {
      const settled = () => this.barrier.settled(this.server, sessionId);
      to.emit(ROOM_EVENTS.sceneRestore, await restoreOf(this.scenes, settled, sessionId, round, refused));
    } catch (failure) {
      this.logger.warn(`restoring stored copies failed: ${String(failure)}`);
    }
  }

  pointer(socket: Socket, payload: unknown): void {
    const parsed = PointerUpdateSchema.safeParse(payload);
    if (!parsed.success) return;
    const membership = dataOf(socket).sessions?.[parsed.data.sessionId];
    if (!membership) return;
    this.touch(socket);
    // Cursors are relayed, never stored, and may be dropped under load (volatile).
    socket.volatile
      .to(sessionRoom(parsed.data.sessionId))
      .emit(ROOM_EVENTS.pointerUpdate, { ...parsed.data, ...membership.sender });
  }

  /** What a peer's screen shows, for partners in follow mode: relayed like a cursor, never stored. */
  viewport(socket: Socket, payload: unknown): void {
    const parsed = ViewportUpdateSchema.safeParse(payload);
    if (!parsed.success) return;
    const membership = dataOf(socket).sessions?.[parsed.data.sessionId];
    if (!membership) return;
    socket.volatile
      .to(sessionRoom(parsed.data.sessionId))
      .emit(ROOM_EVENTS.viewportUpdate, { ...parsed.data, userId: membership.sender.userId });
  }

  @SubscribeMessage(ROOM_EVENTS.phase)
  phase(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return ackOf(this.logger, async () => {
      const { sessionId, phase } = parse(PhaseChangeRequestSchema, payload);
      this.requireEditor(socket, sessionId);
      const state = await this.commands.changePhase(userOf(socket), sessionId, phase);
      this.server.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.state, state);
      return { ok: true as const, state };
    });
  }

  @SubscribeMessage(ROOM_EVENTS.swap)
  swap(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return ackOf(this.logger, async () => {
      const { sessionId } = parse(SessionCommandSchema, payload);
      this.requireEditor(socket, sessionId);
      const state = await this.commands.swapRoles(userOf(socket), sessionId);
      this.server.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.state, state);
      return { ok: true as const, state };
    });
  }

  @SubscribeMessage(ROOM_EVENTS.notes)
  notes(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return ackOf(this.logger, async () => {
      const { sessionId, round, text } = parse(NotesUpdateRequestSchema, payload);
      this.requireEditor(socket, sessionId);
      await this.commands.saveNotes(userOf(socket), sessionId, round, text);
      return { ok: true as const };
    });
  }

  @SubscribeMessage(ROOM_EVENTS.end)
  end(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return ackOf(this.logger, async () => {
      const { sessionId } = parse(SessionCommandSchema, payload);
      this.requireEditor(socket, sessionId);
      const state = await this.commands.end(userOf(socket), sessionId);
      this.server.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.state, state);
      return { ok: true as const, state };
    });
  }

  /** Nest ignores this promise, so nothing may escape it (a rejection would end the process). */
  async handleDisconnect(socket: Socket): Promise<void> {
    const data = dataOf(socket);
    if (!data.user || !data.sessions) return;
    try {
      for (const [sessionId, membership] of Object.entries(data.sessions)) {
        // With Redis, fetchSockets asks every instance and rejects when one does not answer.
        const stillHere = await anySocketIn(
          this.server,
          sessionRoom(sessionId),
          (other) => (other.data as SocketData).user.id === data.user.id,
        );
        if (!stillHere)
          this.server
            .to(sessionRoom(sessionId))
            .emit(ROOM_EVENTS.presence, this.presence(sessionId, membership.sender, 'left'));
      }
    } catch (error) {
      this.logger.warn(
        `presence on disconnect failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * The sweep starts once the server exists: started in the constructor, it fired before the
   * server was bound whenever start-up (migrations) took longer than one sweep, and threw.
   */
  afterInit(): void {
    this.barrier.listen(this.server);
    this.idleSweep = setInterval(() => this.markIdleSockets(Date.now()), IDLE_SWEEP_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.idleSweep);
  }

  /** Activity (a stroke or a pointer move) ends idleness at once; peers hear "active". */
  private touch(socket: Socket): void {
    const data = dataOf(socket);
    data.lastActiveAt = Date.now();
    if (!data.idle) return;
    data.idle = false;
    this.announce(socket, 'active');
  }

  /** Sockets of this instance that have been quiet for IDLE_AFTER_MS show as idle to their peers. */
  markIdleSockets(now: number): void {
    for (const socket of this.server.of('/').sockets.values()) {
      const data = dataOf(socket);
      if (!data.sessions || data.idle || data.lastActiveAt === undefined) continue;
      if (now - data.lastActiveAt < IDLE_AFTER_MS) continue;
      data.idle = true;
      this.announce(socket, 'idle');
    }
  }

  private announce(socket: Socket, state: PresenceEvent['state']): void {
    const data = dataOf(socket);
    for (const [sessionId, membership] of Object.entries(data.sessions ?? {})) {
      socket
        .to(sessionRoom(sessionId))
        .emit(ROOM_EVENTS.presence, this.presence(sessionId, membership.sender, state));
    }
  }

  /** The sender as labelled at join, so presence shows the colour the room assigned. */
  private presence(sessionId: string, sender: PointerSender, state: PresenceEvent['state']): PresenceEvent {
    return { sessionId, ...sender, state };
  }

  private requireEditor(socket: Socket, sessionId: string): void {
    const membership = dataOf(socket).sessions?.[sessionId];
    if (!membership) throw forbidden('Join the session first (session:join)');
    if (!membership.canEdit) throw forbidden('Observers cannot change the room');
  }
}
