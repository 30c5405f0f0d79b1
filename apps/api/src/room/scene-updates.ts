import { Injectable, Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import {
  ROOM_EVENTS,
  SceneUpdateRequestSchema,
  type ErrorAck,
  type SceneElement,
  type SceneUpdateAck,
} from '@mockboard/contracts';
import { mergeElements } from '@mockboard/scene';
import { ackOf } from '../common/socket-ack';
import { parseContract } from '../common/socket-payload';
import { LoopLateness } from '../realtime/loop-lateness';
import { TurnBatches } from '../realtime/turn-batches';
import { requireParticipant } from './participant-only';
import { ROOM_EDITORS, sessionRoom, userOf } from './room-membership';
import { RoomPresence } from './room-presence';
import { RoomService, type ValidElement } from './room.service';
import { SceneRestorer, isFinalRefusal, type RestoreTarget } from './scene-restore';
import { SceneWriter } from './scene-writer';

type SceneUpdateReply = SceneUpdateAck | ErrorAck;

/** A scene:update as read, and how its sender is answered. */
interface ReceivedUpdate {
  payload: unknown;
  reply: (ack: SceneUpdateReply) => void;
}

/** An update that passed its checks, for one session's board. */
interface CheckedUpdate extends ReceivedUpdate {
  sessionId: string;
  round: number | undefined;
  raw: unknown[];
  valid: ValidElement[];
}

/**
 * While the event loop runs this late in this many of its latest samples (LoopLateness), the server
 * has fallen behind (issue 18): it reads seconds of each socket's drawing at once (bench/realtime at
 * 500 rooms on 2 cores: a 10 Hz client's strokes ~20 at a time). A server that keeps up relays
 * every update as it came, so a partner sees a drawing grow stroke by stroke.
 */
const BEHIND_LATE_MS = 250;
const BEHIND_AT_LATE_SAMPLES = 3;

/**
 * scene:update, the room's strokes: each update is checked, relayed to the peers at once, stored by
 * the SceneWriter and acked after its commit. The updates one socket sent that were read in the
 * same turn of the event loop are handled together: while the server is behind, they are relayed
 * in one message holding the copies that win among them, since every copy of an element but the
 * last would cost each peer a frame to drop it. Each is still checked, stored and acked on its own.
 */
@Injectable()
export class SceneUpdates {
  private readonly logger = new Logger('SceneUpdates');
  private readonly received = new TurnBatches<Socket, ReceivedUpdate>((socket, updates) =>
    this.handle(socket, updates),
  );

  constructor(
    private readonly room: RoomService,
    private readonly presence: RoomPresence,
    private readonly writer: SceneWriter,
    private readonly restorer: SceneRestorer,
    private readonly lateness: LoopLateness,
  ) {}

  /** One scene:update from `socket`; `ack`, when the client asked for one, gets the outcome. */
  receive(socket: Socket, payload: unknown, ack: unknown): void {
    const reply = typeof ack === 'function' ? (ack as (reply: SceneUpdateReply) => void) : () => undefined;
    this.received.add(socket, { payload, reply });
  }

  private handle(socket: Socket, received: ReceivedUpdate[]): void {
    const checked = received.flatMap((update) => this.check(socket, update) ?? []);
    if (checked.length === 0) return;
    this.presence.touch(socket);
    const behind = this.lateness.lateSamples(BEHIND_LATE_MS) >= BEHIND_AT_LATE_SAMPLES;
    for (const board of byBoard(checked)) {
      const { sessionId, round } = board[0]!;
      const relays = behind ? [winningCopies(board)] : board.map((update) => elementsOf(update));
      // Relayed before the commit, so a stroke reaches the partner in the time of a cursor move:
      // peers merge by the same rule as the store, so a copy that loses there changes nothing.
      // The submits below follow in the same tick: a join's JoinBarrier relies on it.
      // The round goes along, so a peer already on the next round's board leaves a late stroke out.
      for (const elements of relays)
        socket.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.sceneUpdate, { sessionId, round, elements });
      for (const update of board) this.answer(update.reply, () => this.store(socket, update));
    }
  }

  /** The update, checked; null when it was refused (and answered). */
  private check(socket: Socket, update: ReceivedUpdate): CheckedUpdate | null {
    let request;
    try {
      this.room.requireFewElements(update.payload);
      // The elements' text is checked on their JSON in validElements, not walked here as well.
      request = parseContract(SceneUpdateRequestSchema, update.payload);
      requireParticipant(socket, request.sessionId, ROOM_EDITORS);
    } catch (error) {
      this.answer(update.reply, () => Promise.reject(error));
      return null;
    }
    const { sessionId, round, elements: raw } = request;
    try {
      return { ...update, sessionId, round, raw, valid: this.room.validUpdate(raw) };
    } catch (error) {
      // Refused for good before it was relayed: only the sender's board shows its copies.
      this.answer(update.reply, () => this.takeBack(socket, socket, { sessionId, round, raw }, error));
      return null;
    }
  }

  private async store(socket: Socket, update: CheckedUpdate): Promise<SceneUpdateAck> {
    const { sessionId, round, valid } = update;
    try {
      const { version } = await this.writer.submit(sessionId, valid, userOf(socket).id, round);
      return { ok: true as const, version };
    } catch (error) {
      // Relayed: the whole room holds the copies, the sender's other tabs included.
      return this.takeBack(socket, socket.nsp.to(sessionRoom(sessionId)), update, error);
    }
  }

  /** Rethrows `error`; first, when it is final, the copies shown are taken back, before the sender's ack. */
  private async takeBack(
    socket: Socket,
    holders: RestoreTarget,
    { sessionId, round, raw }: Pick<CheckedUpdate, 'sessionId' | 'round' | 'raw'>,
    error: unknown,
  ): Promise<never> {
    if (isFinalRefusal(error)) await this.restorer.restore(socket.nsp.server, holders, sessionId, round, raw);
    throw error;
  }

  private answer(reply: (ack: SceneUpdateReply) => void, work: () => Promise<SceneUpdateAck>): void {
    void ackOf(this.logger, work).then(reply);
  }
}

/** The updates grouped by the board they are for (session and round), in arrival order. */
function byBoard(updates: CheckedUpdate[]): CheckedUpdate[][] {
  const boards = new Map<string, CheckedUpdate[]>();
  for (const update of updates) {
    const key = `${update.sessionId}\u0000${update.round ?? ''}`;
    const board = boards.get(key);
    if (board) board.push(update);
    else boards.set(key, [update]);
  }
  return [...boards.values()];
}

const elementsOf = (update: CheckedUpdate): SceneElement[] => update.valid.map(({ element }) => element);

/** Of every copy of an element in these updates, the one the merge rule keeps. */
function winningCopies(updates: CheckedUpdate[]): SceneElement[] {
  if (updates.length === 1) return elementsOf(updates[0]!);
  return mergeElements(new Map<string, SceneElement>(), updates.flatMap(elementsOf));
}
