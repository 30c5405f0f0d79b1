import { JoinAckSchema, ROOM_EVENTS, type JoinAck, type JoinRequest } from '@mockboard/contracts';
import {
  CollabError,
  errorOf,
  handshakeRefusal,
  mayLaterSucceed,
  type CollabErrorBody,
  type ConnectError,
} from './collab-error';
import { JoinSignals } from './join-signals';
import { TEMPORARY_RETRY_MS } from './scene-uploader';
import { ACK_TIMEOUT_MS, type CollabSocket } from './transport';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** What the connection needs of the client. */
export interface ConnectionLink {
  readonly socket: CollabSocket;
  readonly sessionId: string;
  /** Closed for good (close()): late answers and drops no longer matter. */
  isClosed(): boolean;
  /** Its person left the room's page: a join says so, and the peers do not see them come back. */
  isDeparting(): boolean;
  /** The connection dropped: answers to what was in flight may never come. */
  dropped(): void;
  /**
   * The session (re)join holds: the client takes the join's scene and state. `asDeparting`: the
   * join said its person already left (isDeparting when it was sent).
   */
  joined(ack: JoinAck, asDeparting: boolean): void;
  /** The status changed. */
  statusChanged(): void;
  /** A refusal for the UI: a temporary one (the join is asked again) or a final one. */
  refused(error: CollabErrorBody): void;
}

/**
 * What a dropped connection means, by socket.io's reason: nothing to report when this client
 * closed it, a refusal when the server closed it on purpose (socket.io does not reconnect after
 * that), lost when the socket does not reconnect by itself, else a wait for the reconnect.
 */
export function afterDisconnect(
  reason: unknown,
  reconnects: boolean,
): 'closed_here' | 'closed_by_server' | 'lost' | 'reconnecting' {
  if (reason === 'io client disconnect') return 'closed_here';
  if (reason === 'io server disconnect') return 'closed_by_server';
  return reconnects ? 'reconnecting' : 'lost';
}

/**
 * Keeps the client joined to the session: (re)joins on every connect (a new server-side socket
 * knows nothing about the session), asks again when the server is slow, busy or briefly without
 * its database, follows the connection's status and gives up when the room refuses us.
 */
export class RoomConnection {
  private readonly joins = new JoinSignals();
  private currentStatus: ConnectionStatus = 'connecting';
  private isJoined = false;
  /**
   * The round whose board this client draws on: the first join's. Its edits name it, so a stroke
   * still on its way after a swap lands on that round's board; copies for another round's board
   * (a peer already on the next one) are left out. A new round takes a new client.
   */
  private joinedRound: number | undefined;
  /**
   * The scene version of the last join: the client's scene holds every change up to it (later ones
   * arrive as broadcasts while joined), so a re-join asks only for what changed after it.
   */
  private joinedVersion: number | undefined;
  /** Bumped at every join attempt and disconnect, so late answers of an older connection are told apart. */
  private attempts = 0;
  private connecting: Promise<JoinAck> | null = null;

  constructor(private readonly link: ConnectionLink) {
    this.listen();
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** Whether the session join holds on the current connection. */
  get joined(): boolean {
    return this.isJoined;
  }

  get round(): number | undefined {
    return this.joinedRound;
  }

  /** The current connection attempt: answers and copies are tagged with it. */
  get attempt(): number {
    return this.attempts;
  }

  /** Whether copies for `round`'s board belong on this client's (no round: the sender's current one). */
  onThisBoard(round: number | undefined): boolean {
    return round === undefined || this.joinedRound === undefined || round === this.joinedRound;
  }

  onJoined(listener: (ack: JoinAck) => void): () => void {
    return this.joins.onJoined(listener);
  }

  /** Connects and joins, once; rejects with the server's error when the connection or the join is refused. */
  connect(): Promise<JoinAck> {
    this.connecting ??= this.joins.waitForFirst(() => this.link.socket.connect());
    return this.connecting;
  }

  whenJoined(): Promise<void> {
    if (this.isJoined) return Promise.resolve();
    if (this.currentStatus === 'offline')
      return Promise.reject(new CollabError({ code: 'conflict', message: 'The room connection is closed' }));
    return this.joins.next();
  }

  /** The client leaves the session (closed, or refused). */
  leave(): void {
    this.isJoined = false;
  }

  /** The room refused us (or was closed): stop, keep the pending edits, tell the UI. */
  fail(error: CollabErrorBody): void {
    this.isJoined = false;
    if (!this.joins.firstPending) this.link.refused(error);
    this.link.socket.disconnect();
    this.goOffline(new CollabError(error));
  }

  goOffline(error: CollabError): void {
    this.setStatus('offline');
    this.joins.failed(error);
  }

  private listen(): void {
    const socket = this.link.socket;
    socket.on('connect', () => this.join());
    socket.on('disconnect', (reason: unknown) => {
      this.isJoined = false;
      this.attempts += 1;
      this.link.dropped();
      // Our own close() or fail() sets the status itself.
      if (this.link.isClosed()) return;
      const outcome = afterDisconnect(reason, socket.io.reconnection());
      if (outcome === 'closed_by_server') {
        this.fail({ code: 'unauthorized', message: 'The server closed the room connection' });
      } else if (outcome === 'lost') {
        this.goOffline(new CollabError({ code: 'internal', message: 'The room connection was lost' }));
      } else if (outcome === 'reconnecting') this.setStatus('reconnecting');
    });
    socket.on('connect_error', (error: unknown) => {
      // An inactive socket was refused by the server (authentication); an active one keeps retrying.
      if (!socket.active) this.fail(handshakeRefusal(error as ConnectError));
    });
    socket.io.on('reconnect_failed', () =>
      this.fail({ code: 'internal', message: 'Could not reach the server; reload to try again' }),
    );
  }

  private join(): void {
    const attempt = ++this.attempts;
    const socket = this.link.socket;
    const payload: JoinRequest = { sessionId: this.link.sessionId, since: this.joinedVersion };
    if (this.link.isDeparting()) payload.departing = true;
    socket.timeout(ACK_TIMEOUT_MS).emit(ROOM_EVENTS.join, payload, (timeout, raw) => {
      if (attempt !== this.attempts || this.link.isClosed()) return;
      if (timeout) {
        // Disconnected: the next connect joins again. Still connected: the server is slow; ask again.
        if (socket.connected) this.join();
        return;
      }
      const joined = JoinAckSchema.safeParse(raw);
      if (joined.success) return this.accept(joined.data, payload.departing === true);
      const error = errorOf(raw);
      // Busy, or its database out of reach for a moment: the join is asked again, not given up.
      if (mayLaterSucceed(error)) {
        this.link.refused(error);
        setTimeout(() => attempt === this.attempts && socket.connected && this.join(), TEMPORARY_RETRY_MS);
      } else this.fail(error);
    });
  }

  private accept(ack: JoinAck, asDeparting: boolean): void {
    this.isJoined = true;
    this.joinedRound ??= ack.round;
    this.joinedVersion = ack.scene.version;
    this.link.joined(ack, asDeparting);
    this.setStatus('connected');
    this.joins.joined(ack);
    this.joins.tellListeners(ack);
  }

  private setStatus(status: ConnectionStatus): void {
    this.currentStatus = status;
    this.link.statusChanged();
  }
}
