import { Logger } from '@nestjs/common';
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
import type { z } from 'zod';
import {
  JoinRequestSchema,
  NotesUpdateRequestSchema,
  PhaseChangeRequestSchema,
  PointerUpdateSchema,
  ROOM_EVENTS,
  SceneUpdateRequestSchema,
  SessionCommandSchema,
  ViewportUpdateSchema,
  copyIdentities,
  type ErrorAck,
  type JoinAck,
  type NotesSaveAck,
  type NotesSavedEvent,
  type PointerBroadcast,
  type PointerUpdate,
  type SceneUpdateAck,
  type SessionState,
  type ViewportBroadcast,
} from '@mockboard/contracts';
import { ackOf } from '../common/socket-ack';
import { parseContract, parsePayload as parse } from '../common/socket-payload';
import { dataOf, personRoom, sessionRoom, userOf, type SessionMembership } from './room-membership';
import { requireParticipant, type ParticipantOnlyRefusals } from './participant-only';
import { RoomCommandsService } from './room-commands.service';
import { RoomJoinService } from './room-join.service';
import { RoomPresence } from './room-presence';
import { RoomService } from './room.service';
import { SceneWriter } from './scene-writer';
import { SceneBackpressure, type Weigh } from './scene-backpressure';
import { JoinBarrier } from './join-barrier';
import { PointerShedding } from './pointer-shedding';
import { SceneRelay } from './scene-relay';
import { SceneRestorer, isFinalRefusal } from './scene-restore';

/** Only participants change the room; observers (admins) watch. Solo sessions are edited too. */
const EDITORS: ParticipantOnlyRefusals = { observer: 'Observers cannot change the room' };

/**
 * The live room's socket events. Every payload is parsed with its contract; every ack is
 * `{ok: true, …}` or `{ok: false, error: {code, message}}`; no handler throws past this class.
 */
@WebSocketGateway()
export class RoomGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() private server!: Server;
  private readonly logger = new Logger('RoomGateway');

  constructor(
    private readonly room: RoomService,
    private readonly joins: RoomJoinService,
    private readonly commands: RoomCommandsService,
    private readonly presence: RoomPresence,
    private readonly writer: SceneWriter,
    private readonly restorer: SceneRestorer,
    private readonly barrier: JoinBarrier,
    private readonly shedding: PointerShedding,
    private readonly relay: SceneRelay,
    private readonly backpressure: SceneBackpressure,
  ) {}

  @SubscribeMessage(ROOM_EVENTS.join)
  join(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<JoinAck | ErrorAck> {
    return ackOf(this.logger, async () => {
      const { sessionId, since, departing } = parse(JoinRequestSchema, payload);
      const admission = await this.joins.admit(userOf(socket), sessionId);
      await this.presence.takePlace(socket, sessionId);
      // In the room first, then every update relayed before that is stored: none falls between.
      // Both ask the other instances (with Redis), so the wait and the room's count go side by
      // side: beside a hung instance a join waits for the longer of their timeouts, not their sum.
      const settled = this.barrier.settled(this.server, sessionId);
      // Awaited by answer. If the count refuses the socket (the room's cap), nobody needs its
      // outcome: the other instances still settle the session, which costs them nothing else.
      settled.catch(() => undefined);
      const online = await this.presence.enter(socket, sessionId, admission.membership, departing);
      return this.joins.answer(admission, online, settled, since);
    });
  }

  /**
   * The high-rate events (strokes at up to 10 Hz, cursors at 20 Hz, views at 10 Hz per peer) are
   * plain socket.io listeners: Nest's per-message pipeline (rxjs, guards, interceptors) cost a
   * tenth of the server's CPU in bench/realtime and gives these handlers nothing they need.
   */
  handleConnection(socket: Socket): void {
    // SceneBackpressure starts each update now, or once the socket's earlier ones are answered.
    socket.on(ROOM_EVENTS.sceneUpdate, (payload: unknown, ack?: unknown) => {
      this.backpressure.take(socket, (weigh) =>
        this.update(socket, payload, weigh).then((reply) => {
          if (typeof ack === 'function') ack(reply);
        }),
      );
    });
    socket.on(ROOM_EVENTS.pointerUpdate, (payload: unknown) => this.pointer(socket, payload));
    socket.on(ROOM_EVENTS.viewportUpdate, (payload: unknown) => this.viewport(socket, payload));
  }

  /** `weigh` learns what the update's elements hold in memory until it is answered. */
  update(socket: Socket, payload: unknown, weigh: Weigh): Promise<SceneUpdateAck | ErrorAck> {
    return ackOf(this.logger, async () => {
      this.room.requireFewElements(payload);
      // The elements' text is checked on their JSON in validElements, not walked here as well.
      const { sessionId, round, elements: raw } = parseContract(SceneUpdateRequestSchema, payload);
      requireParticipant(socket, sessionId, EDITORS);
      let relayed = false;
      try {
        const { valid, bytes } = this.room.validUpdate(raw);
        weigh(bytes);
        this.presence.touch(socket);
        const elements = valid.map(({ element }) => element);
        // Relayed before the commit, so a stroke reaches the partner in the time of a cursor move:
        // peers merge by the same rule as the store, so a copy that loses there changes nothing.
        // The submit below must follow in the same tick: a join's JoinBarrier relies on it.
        // The round goes along, so a peer already on the next round's board leaves a late stroke out.
        this.relay.relay(socket, { sessionId, round, elements });
        relayed = true;
        const { version } = await this.writer.submit(sessionId, valid, userOf(socket).id, round);
        return { ok: true as const, version };
      } catch (error) {
        // Refused for good: the copies shown are taken back, before the sender's ack.
        if (isFinalRefusal(error)) {
          if (relayed) this.relay.withdraw(socket.nsp, sessionId, copyIdentities(raw));
          const holders = relayed ? this.server.to(sessionRoom(sessionId)) : socket;
          await this.restorer.restore(this.server, holders, sessionId, round, raw);
        }
        throw error;
      }
    });
  }

  pointer(socket: Socket, payload: unknown): void {
    const parsed = PointerUpdateSchema.safeParse(payload);
    if (!parsed.success) return;
    const cursor = parsed.data;
    const membership = dataOf(socket).sessions?.[cursor.sessionId];
    // A departing socket's person is gone for the peers: no cursor of theirs either.
    if (!membership || membership.departing) return;
    this.presence.touch(socket);
    // Cursors are relayed, never stored, and thinned first when CPU is scarce (PointerShedding),
    // judged before anything is built for them.
    const verdict = this.shedding.judge(membership, cursor);
    if (verdict !== 'hold') return this.relayCursor(socket, membership, cursor, verdict === 'keep');
    this.shedding.hold(membership, cursor, () => {
      // Held for a while: not relayed if its person has left meanwhile, nor if the socket joined
      // again (that membership's cursors are newer, and judged apart).
      const stillJoined = dataOf(socket).sessions?.[cursor.sessionId] === membership;
      if (socket.connected && stillJoined && !membership.departing)
        this.relayCursor(socket, membership, cursor, false);
    });
  }

  /**
   * A move is dropped for a peer whose connection is backed up (volatile); a kept cursor (a press, a
   * release, a few a second) is not: a laser stroke whose release was dropped would stay drawn on
   * the partner's board.
   */
  private relayCursor(
    socket: Socket,
    membership: SessionMembership,
    cursor: PointerUpdate,
    keep: boolean,
  ): void {
    // Built field by field: object spreads of the parsed cursor and the sender cost ~10 µs a cursor,
    // 5 % of the server's busy time at 50 rooms (a bench/realtime profile); a literal costs a fifth.
    const { sessionId, pointer, button, selectedElementIds } = cursor;
    const { userId, displayName, colour } = membership.sender;
    const broadcast: PointerBroadcast = { sessionId, pointer, button, userId, displayName, colour };
    // Only when sent: the Redis adapter's msgpack would carry an undefined field as null.
    if (selectedElementIds) broadcast.selectedElementIds = selectedElementIds;
    const peers = keep ? socket.to(sessionRoom(sessionId)) : socket.volatile.to(sessionRoom(sessionId));
    peers.emit(ROOM_EVENTS.pointerUpdate, broadcast);
  }

  /** What a peer's screen shows, for partners in follow mode: relayed like a cursor, never stored. */
  viewport(socket: Socket, payload: unknown): void {
    const parsed = ViewportUpdateSchema.safeParse(payload);
    if (!parsed.success) return;
    const membership = dataOf(socket).sessions?.[parsed.data.sessionId];
    if (!membership || membership.departing) return;
    const { sessionId, viewport } = parsed.data;
    const broadcast: ViewportBroadcast = { sessionId, viewport, userId: membership.sender.userId };
    socket.volatile.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.viewportUpdate, broadcast);
  }

  @SubscribeMessage(ROOM_EVENTS.phase)
  phase(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return this.changeState(socket, PhaseChangeRequestSchema, payload, ({ sessionId, phase }) =>
      this.commands.changePhase(userOf(socket), sessionId, phase),
    );
  }

  @SubscribeMessage(ROOM_EVENTS.swap)
  swap(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return this.changeState(socket, SessionCommandSchema, payload, ({ sessionId }) =>
      this.commands.swapRoles(userOf(socket), sessionId),
    );
  }

  @SubscribeMessage(ROOM_EVENTS.notes)
  notes(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return ackOf(this.logger, async () => {
      const { sessionId, round, text } = parse(NotesUpdateRequestSchema, payload);
      requireParticipant(socket, sessionId, EDITORS);
      await this.backpressure.started(socket);
      const user = userOf(socket);
      const revision = await this.commands.saveNotes(user, sessionId, round, text);
      // The person's other tabs show what is stored, or the next save of one that still shows the
      // older text would overwrite this one with it. The revision tells a tab which of this, a
      // join's answer and its own saves' answers is the newest, whatever order they arrive in.
      socket
        .to(personRoom(sessionId, user.id))
        .emit(ROOM_EVENTS.notesSaved, { sessionId, round, text, revision } satisfies NotesSavedEvent);
      return { ok: true as const, revision } satisfies NotesSaveAck;
    });
  }

  @SubscribeMessage(ROOM_EVENTS.depart)
  depart(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return ackOf(this.logger, async () => {
      const { sessionId } = parse(SessionCommandSchema, payload);
      await this.presence.depart(socket, sessionId);
      return { ok: true as const };
    });
  }

  @SubscribeMessage(ROOM_EVENTS.end)
  end(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown) {
    return this.changeState(socket, SessionCommandSchema, payload, ({ sessionId }) =>
      this.commands.end(userOf(socket), sessionId),
    );
  }

  /** A participant's change of the room's state: everyone in the room gets the new state, the sender in its ack. */
  private changeState<T extends z.ZodType<{ sessionId: string }>>(
    socket: Socket,
    schema: T,
    payload: unknown,
    change: (request: z.infer<T>) => Promise<SessionState>,
  ) {
    return ackOf(this.logger, async () => {
      const request = parse(schema, payload);
      requireParticipant(socket, request.sessionId, EDITORS);
      // After the strokes this socket sent before it, which may still be parked (SceneBackpressure).
      await this.backpressure.started(socket);
      const state = await change(request);
      // A peer that fell behind gets the strokes made before the change first (SceneRelay).
      this.relay.sendHeldNow(this.server.sockets, request.sessionId);
      this.server.to(sessionRoom(request.sessionId)).emit(ROOM_EVENTS.state, state);
      return { ok: true as const, state };
    });
  }

  /** Nest ignores this promise; RoomPresence.left lets nothing escape it. */
  handleDisconnect(socket: Socket): Promise<void> {
    return this.presence.left(socket);
  }

  /** The barrier and the idle sweep need the server, which exists only from here on. */
  afterInit(): void {
    this.barrier.listen(this.server);
    this.presence.start(this.server);
  }
}
