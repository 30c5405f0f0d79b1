import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { ROOM_LIMITS } from '@mockboard/contracts';
import { SocketReads } from '../realtime/socket-reads';

/**
 * How many of one socket's scene updates may be relayed and waiting for their commit while the
 * server keeps up. A client at 20 Hz reaches it only if nothing commits for three seconds (a stalled
 * database): until then its partner gets every stroke at once, as the relay-before-commit design
 * promises (room-backpressure.test.ts stalls the writer for 30 strokes).
 */
export const IN_FLIGHT_PER_SOCKET = 64;
/**
 * Past this many updates waiting for their commit across all sockets, the instance is behind, and
 * each socket may have only IN_FLIGHT_WHEN_BEHIND. Each waiting update holds its elements, a promise
 * and an ack: bench/realtime at 500 rooms piled up 110,000 of them, ~2 GB, in a minute and a half.
 * With 4,096 the server held sockets at 200 rooms on a slow VM, where it keeps up with ~8,000
 * waiting, and acked fewer within 3 s; with 16,384 it held none there, and at 500 rooms its memory
 * levelled off at ~1 GB while it stored half again as many updates a second (bench/RESULTS.md).
 */
export const IN_FLIGHT_BUDGET = 16_384;
export const IN_FLIGHT_WHEN_BEHIND = 4;
/**
 * The same bounds in bytes of the updates' element JSON, for updates far larger than a stroke: 64
 * updates of the largest message (2 MB) would hold 128 MB for one socket in a database stall. A
 * socket may have four of those waiting (one while the instance is behind), the instance 64. An
 * update is admitted while its socket is under the bound, so a single message of any allowed size
 * always gets through. bench/realtime's updates are ~500 bytes: 16,384 of them hold ~8 MB, far
 * from the instance's bound, which only big pastes and long strokes reach.
 */
export const IN_FLIGHT_BYTES_PER_SOCKET = 4 * ROOM_LIMITS.maxMessageBytes;
export const IN_FLIGHT_BYTES_WHEN_BEHIND = ROOM_LIMITS.maxMessageBytes;
export const IN_FLIGHT_BYTES_BUDGET = 64 * ROOM_LIMITS.maxMessageBytes;
/**
 * How long a socket's reads are held while the instance is not behind: then only the database is
 * slow (a lock, a stall), not the server, and the socket is read again and its updates taken as
 * they come until it is back under its allowance, so its partner keeps seeing its strokes however
 * long the stall lasts. While the instance is behind, holds last until answers come (SocketReads
 * keeps engine.io's heartbeat meanwhile).
 */
export const MAX_HOLD_MS = 10_000;

/**
 * Called by an update, once validated, with the bytes of its elements' JSON: what it holds in
 * memory until answered. Unvalidated (parked) updates weigh nothing: the hold bounds them.
 */
export type Weigh = (bytes: number) => void;

/** One update's work: answered when its promise settles. */
export type SceneUpdateWork = (weigh: Weigh) => Promise<unknown>;

/** One sender's updates: those started and not yet answered, and those read but not started. */
interface Sender {
  inFlight: number;
  /** What its updates in flight weigh (see Weigh). */
  bytes: number;
  parked: SceneUpdateWork[];
  /** Set while its reads are held: ends the hold at MAX_HOLD_MS. */
  holdTimer: ReturnType<typeof setTimeout> | null;
  /**
   * A hold ran out (MAX_HOLD_MS): updates start as they come until it is under its allowance,
   * unless the instance is behind meanwhile.
   */
  overdue: boolean;
  /** Waiting for every update parked now to have started (see started). */
  startedWaiters: (() => void)[];
}

/**
 * Bounds the scene updates the server holds in memory (issue 18). A socket with too many updates
 * (or bytes of them) waiting for their commit stops being read (SocketReads): TCP pushes back on
 * its client, whose later strokes wait in its own buffers. The messages its last read already
 * brought are parked as they are, unrelayed and unvalidated, and started in order as earlier ones
 * are answered. Nothing is refused: under overload strokes reach the partner and their acks later,
 * every sender at the same pace; on a server that keeps up, no socket gets near its allowance.
 */
@Injectable()
export class SceneBackpressure {
  private inFlight = 0;
  private bytes = 0;
  private readonly senders = new WeakMap<Socket, Sender>();

  constructor(private readonly reads: SocketReads) {}

  /** Starts `handle` (one update, answered when its promise settles) now, or after the earlier ones. */
  take(socket: Socket, handle: SceneUpdateWork): void {
    const sender = this.senderOf(socket);
    if (sender.parked.length === 0 && this.admits(sender)) {
      this.start(socket, sender, handle);
      return;
    }
    sender.parked.push(handle);
    if (!sender.holdTimer) this.holdReads(socket, sender);
  }

  /**
   * Resolves once every scene update this socket has sent so far has started (been relayed and
   * submitted). The room's other events from the socket wait for it, so they act after the strokes
   * sent before them, as they did before strokes could be parked: the strokes drawn just before
   * "end" are stored, not refused as drawn on a closed board.
   */
  started(socket: Socket): Promise<void> {
    const sender = this.senders.get(socket);
    if (!sender || sender.parked.length === 0) return Promise.resolve();
    return new Promise((resolve) => sender.startedWaiters.push(resolve));
  }

  /** Updates started and not yet answered, across all sockets (read by the tests). */
  get waiting(): number {
    return this.inFlight;
  }

  /** What those weigh (read by the tests). */
  get waitingBytes(): number {
    return this.bytes;
  }

  /** Too much waits in the instance as a whole: each socket gets the smaller allowances. */
  private behind(): boolean {
    return this.inFlight >= IN_FLIGHT_BUDGET || this.bytes >= IN_FLIGHT_BYTES_BUDGET;
  }

  /**
   * An overdue socket (its hold ran out while only the database was slow) takes updates however
   * many wait, so its partner keeps seeing strokes through a stall, but not past its bytes: a
   * sender of large strokes stays bounded however long the stall lasts.
   */
  private admits(sender: Sender): boolean {
    const overdueAdmits = sender.overdue && !this.behind() && sender.bytes < IN_FLIGHT_BYTES_PER_SOCKET;
    return overdueAdmits || this.withinAllowance(sender);
  }

  private withinAllowance(sender: Sender): boolean {
    const behind = this.behind();
    return (
      sender.inFlight < (behind ? IN_FLIGHT_WHEN_BEHIND : IN_FLIGHT_PER_SOCKET) &&
      sender.bytes < (behind ? IN_FLIGHT_BYTES_WHEN_BEHIND : IN_FLIGHT_BYTES_PER_SOCKET)
    );
  }

  private start(socket: Socket, sender: Sender, handle: SceneUpdateWork): void {
    let weight = 0;
    sender.inFlight += 1;
    this.inFlight += 1;
    const weigh: Weigh = (bytes) => {
      weight += bytes;
      sender.bytes += bytes;
      this.bytes += bytes;
    };
    void handle(weigh).finally(() => {
      sender.inFlight -= 1;
      this.inFlight -= 1;
      sender.bytes -= weight;
      this.bytes -= weight;
      this.startParked(socket, sender);
    });
  }

  private startParked(socket: Socket, sender: Sender): void {
    if (sender.overdue && this.withinAllowance(sender)) sender.overdue = false;
    while (sender.parked.length > 0 && this.admits(sender))
      this.start(socket, sender, sender.parked.shift()!);
    if (sender.parked.length > 0) return;
    if (sender.holdTimer) this.releaseReads(socket, sender);
    for (const resolve of sender.startedWaiters.splice(0)) resolve();
  }

  private holdReads(socket: Socket, sender: Sender): void {
    this.reads.hold(socket);
    this.endHoldLater(socket, sender);
  }

  /** In MAX_HOLD_MS, unless answers ended the hold before: see MAX_HOLD_MS. */
  private endHoldLater(socket: Socket, sender: Sender): void {
    sender.holdTimer = setTimeout(() => {
      if (!this.behind()) {
        sender.overdue = true;
        this.startParked(socket, sender);
      }
      // Still parked: the instance is behind, or became so while this socket's updates started.
      if (sender.parked.length > 0) this.endHoldLater(socket, sender);
    }, MAX_HOLD_MS);
    sender.holdTimer.unref();
  }

  private releaseReads(socket: Socket, sender: Sender): void {
    clearTimeout(sender.holdTimer!);
    sender.holdTimer = null;
    this.reads.release(socket);
  }

  private senderOf(socket: Socket): Sender {
    let sender = this.senders.get(socket);
    if (!sender) {
      const created: Sender = {
        inFlight: 0,
        bytes: 0,
        parked: [],
        holdTimer: null,
        overdue: false,
        startedWaiters: [],
      };
      // A gone socket's parked updates were never relayed nor acked: its client sends them again
      // when it re-joins (its outbox keeps every unacked copy). Its reads are released, so ws reads
      // the closing handshake instead of waiting out its timeout.
      socket.once('disconnect', () => {
        created.parked = [];
        this.startParked(socket, created);
      });
      this.senders.set(socket, created);
      sender = created;
    }
    return sender;
  }
}
