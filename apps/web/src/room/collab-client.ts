import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  ErrorAckSchema,
  JoinAckSchema,
  OkAckSchema,
  PointerBroadcastSchema,
  PresenceEventSchema,
  ROOM_EVENTS,
  ROOM_LIMITS,
  SceneBroadcastSchema,
  SceneRestoreSchema,
  DrawableElementSchema,
  SceneUpdateAckSchema,
  describeElementIssue,
  drawableOnly,
  toDrawable,
  SessionStateSchema,
  SocketErrorCodeSchema,
  type ErrorAck,
  type InterviewPhase,
  type JoinAck,
  type PointerBroadcast,
  type PointerUpdate,
  type PresenceEvent,
  type SceneElement,
  type SessionState,
  type Viewport,
  type ViewportBroadcast,
  type ViewportUpdate,
  ViewportBroadcastSchema,
} from '@mockboard/contracts';
import { mergeElements, restoreScene, type CopyRef } from '@mockboard/scene';
import { LatestOnly } from './latest-only';
import { utf8Bytes } from './utf8';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface CollabClientOptions {
  sessionId: string;
  /** Default: the page's own origin (browser). */
  url?: string;
  /** For Node and API clients; browsers authenticate with the session cookie. */
  token?: string;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  /** Elements from peers that changed `client.scene` (already merged), including what a (re)join brought. */
  onRemoteElements?: (elements: SceneElement[]) => void;
  /**
   * Copies in `client.scene` taken back after a refusal (the server's, or this client's own for an
   * element it cannot send): the board puts `replaced` in place as they are and removes `removed`.
   */
  onRestore?: (replaced: SceneElement[], removed: string[]) => void;
  /** The session's state: from every (re)join, then on every change. */
  onState?: (state: SessionState) => void;
  onPresence?: (event: PresenceEvent) => void;
  onPointer?: (event: PointerBroadcast) => void;
  onViewport?: (event: ViewportBroadcast) => void;
  onStatus?: (status: ConnectionStatus, pendingCount: number) => void;
  onError?: (error: ErrorAck['error']) => void;
}

/**
 * Why the server refused the handshake: its `data.code` when it sent one (e.g. too_many_sockets),
 * else a sign-in problem; the message without its leading code, for people.
 */
function handshakeRefusal(error: Error & { data?: { code?: unknown } }): ErrorAck['error'] {
  const code = SocketErrorCodeSchema.safeParse(error.data?.code);
  const known = code.success ? code.data : 'unauthorized';
  return { code: known, message: error.message.replace(`${known}: `, '') };
}

/** A refusal from the server (or of the connection), shaped like an ErrorAck's error. */
export class CollabError extends Error {
  readonly code: ErrorAck['error']['code'];

  constructor({ code, message }: ErrorAck['error']) {
    super(message);
    this.name = 'CollabError';
    this.code = code;
  }
}

// One scene:update per 50 ms at most: 20 a second, half of the server's per-socket budget
// (ROOM_LIMITS.maxUpdatesPerSecond), which leaves room for notes and retries.
const FLUSH_INTERVAL_MS = Math.ceil(1000 / (ROOM_LIMITS.maxUpdatesPerSecond / 2));
// Cursors at about 20 Hz look smooth and cost peers little.
const POINTER_INTERVAL_MS = 50;
const VIEWPORT_INTERVAL_MS = 100;
const ACK_TIMEOUT_MS = 10_000;
const RATE_LIMITED_RETRY_MS = 250;
const INTERNAL_RETRY_MS = 1_000;
// The server caps the UTF-8 bytes of a message's elements at maxMessageBytes (the transport takes
// twice that, so the envelope always fits).
const MAX_BATCH_BYTES = ROOM_LIMITS.maxMessageBytes;

const StateAckSchema = OkAckSchema.extend({ state: SessionStateSchema });

const sameCopy = (a: CopyRef, b: CopyRef): boolean =>
  a.version === b.version && a.versionNonce === b.versionNonce;

type Timer = ReturnType<typeof setTimeout>;

/**
 * The room's collaboration protocol without a screen: joins the session, keeps a merged view of
 * the scene, and delivers every local edit at least once across dropped connections. An edit stays
 * pending until the server acknowledged that exact copy (the ack comes after its commit), and all
 * pending edits are sent again after each reconnect; duplicates are harmless because the server's
 * merge ignores a copy it already has.
 */
export class CollabClient {
  /** The client's merged view of the scene: the server's copies and local edits, by Excalidraw's rule. */
  readonly scene = new Map<string, SceneElement>();
  /** The latest local copy of every element the server has not acknowledged yet. */
  private readonly pending = new Map<string, SceneElement>();
  /** Ids whose pending copy is not on its way on the current connection. */
  private readonly unsent = new Set<string>();
  private readonly io: Socket;
  private currentStatus: ConnectionStatus = 'connecting';
  private reported: [ConnectionStatus, number] | null = null;
  private joined = false;
  /**
   * The round whose board this client draws on: the first join's. Its edits name it, so a stroke
   * still on its way after a swap lands on that round's board; copies for another round's board
   * (a peer already on the next one) are left out. A new round takes a new client.
   */
  private round: number | undefined;
  /**
   * The scene version of the last join: `scene` holds every change up to it (later ones arrive as
   * broadcasts while joined), so a re-join asks only for what changed after it.
   */
  private joinedVersion: number | undefined;
  /**
   * The stored scene as of `joinedVersion`, by id (from join answers and restores, never from
   * relays): what a peer's relayed copy falls back to when the store refused it while this client
   * was away, so its scene:restore never came.
   */
  private readonly stored = new Map<string, SceneElement>();
  /** Ids whose current copy is a peer's relayed one, not yet confirmed by a join: the connection it came on. */
  private readonly relayed = new Map<string, number>();
  private closed = false;
  /** Commands sent and not answered yet: a hand-over to a new client waits for their answers. */
  private commandsInFlight = 0;
  /** Handed over (closeWhenIdle): closes once nothing sent on it waits for an answer. */
  private closeWhenSettled = false;
  private handOverTimer: Timer | undefined;
  /** Bumped at every join attempt and disconnect, so late answers of an older connection are told apart. */
  private connection = 0;
  private connecting: Promise<JoinAck> | null = null;
  private firstJoin: { resolve: (ack: JoinAck) => void; reject: (error: CollabError) => void } | null = null;
  private joinWaiters: { resolve: () => void; reject: (error: CollabError) => void }[] = [];
  /** Told after every successful (re)join (the call re-joins its part then). */
  private readonly joinListeners = new Set<() => void>();
  private flushTimer: Timer | undefined;
  private lastFlushAt = -Infinity;
  private retryAt = 0;
  // Volatile, so dropped when offline or not joined; an old position is worth nothing anyway.
  private readonly pointers = new LatestOnly<PointerUpdate>(POINTER_INTERVAL_MS, (pointer) => {
    if (this.joined) this.io.volatile.emit(ROOM_EVENTS.pointerUpdate, pointer);
  });
  private readonly viewports = new LatestOnly<ViewportUpdate>(VIEWPORT_INTERVAL_MS, (viewport) => {
    if (this.joined) this.io.volatile.emit(ROOM_EVENTS.viewportUpdate, viewport);
  });

  constructor(private readonly options: CollabClientOptions) {
    const socketOptions: Partial<ManagerOptions & SocketOptions> = {
      autoConnect: false,
      // Its own connection: cutting or closing it never touches another socket of the page.
      forceNew: true,
      withCredentials: true,
      // A dropped connection should come back quickly; socket.io backs off from there.
      reconnectionDelay: 250,
      reconnectionDelayMax: 5_000,
      ...(options.token ? { auth: { token: options.token } } : {}),
      ...options.socketOptions,
    };
    this.io = options.url ? io(options.url, socketOptions) : io(socketOptions);
    this.listen();
  }

  /** The underlying socket.io socket (tests cut its transport; the UI should not need it). */
  get socket(): Socket {
    return this.io;
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Whether the session join holds on the current connection. */
  get isJoined(): boolean {
    return this.joined;
  }

  /**
   * Calls `listener` after every successful session (re)join, whatever the socket: what else rides
   * this connection (the call) may only speak once the session is joined. Returns the unsubscribe.
   */
  onJoined(listener: () => void): () => void {
    this.joinListeners.add(listener);
    return () => void this.joinListeners.delete(listener);
  }

  /** Connects and joins; rejects with the server's error when the connection or the join is refused. */
  connect(): Promise<JoinAck> {
    if (this.closed)
      return Promise.reject(new CollabError({ code: 'conflict', message: 'The room connection was closed' }));
    this.connecting ??= new Promise<JoinAck>((resolve, reject) => {
      this.firstJoin = { resolve, reject };
      this.io.connect();
    });
    return this.connecting;
  }

  /** Merges local edits into the scene and queues those that changed it; they are sent in batches. */
  sendElements(elements: SceneElement[]): void {
    if (this.closed) return;
    const valid: SceneElement[] = [];
    const unsendable: SceneElement[] = [];
    for (const element of elements) {
      const drawable = toDrawable(element);
      if (!drawable) {
        this.options.onError?.({
          code: 'bad_request',
          message: `${element.type} elements are not shared in this room`,
        });
      } else if (this.isSendable(drawable)) valid.push(drawable);
      else unsendable.push(drawable);
    }
    this.takeBackUnsendable(unsendable);
    for (const element of mergeElements(this.scene, valid)) {
      // The copy just won against the scene, which holds any older pending copy: it replaces it.
      this.pending.set(element.id, element);
      this.relayed.delete(element.id);
      this.unsent.add(element.id);
    }
    this.report();
    this.scheduleFlush();
  }

  /** Cursor position, at most every 50 ms (the latest wins); volatile, so dropped when offline. */
  sendPointer(pointer: PointerUpdate['pointer'], button: 'up' | 'down'): void {
    this.pointers.push({ sessionId: this.options.sessionId, pointer, button });
  }

  /** What this screen shows of the board, for a partner following it; at most every 100 ms. */
  sendViewport(viewport: Viewport): void {
    this.viewports.push({ sessionId: this.options.sessionId, viewport });
  }

  async setPhase(phase: InterviewPhase): Promise<SessionState> {
    const ack = await this.command(
      ROOM_EVENTS.phase,
      { sessionId: this.options.sessionId, phase },
      StateAckSchema,
    );
    return ack.state;
  }

  async swapRoles(): Promise<SessionState> {
    const ack = await this.command(ROOM_EVENTS.swap, { sessionId: this.options.sessionId }, StateAckSchema);
    return ack.state;
  }

  /** Saves the interviewer's notes; a rate-limited save is retried, since only the latest text matters. */
  async saveNotes(round: number, text: string): Promise<void> {
    const payload = { sessionId: this.options.sessionId, round, text };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.command(ROOM_EVENTS.notes, payload, OkAckSchema);
        return;
      } catch (error) {
        if (!(error instanceof CollabError) || error.code !== 'rate_limited' || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, RATE_LIMITED_RETRY_MS * attempt));
      }
    }
  }

  async endSession(): Promise<SessionState> {
    const ack = await this.command(ROOM_EVENTS.end, { sessionId: this.options.sessionId }, StateAckSchema);
    return ack.state;
  }

  /** Disconnects for good. Edits still pending are not delivered. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.joined = false;
    clearTimeout(this.handOverTimer);
    clearTimeout(this.flushTimer);
    this.pointers.cancel();
    this.viewports.cancel();
    this.flushTimer = undefined;
    this.io.disconnect();
    this.goOffline(new CollabError({ code: 'conflict', message: 'The room connection was closed' }));
  }

  /**
   * Hands the room over to another client: closes once every command sent on this one has its
   * answer and every edit is stored (or after ACK_TIMEOUT_MS at the latest). A swap's state
   * broadcast makes the page join the next round while the swap's own ack is still on its way on
   * this socket; closing at once would drop it and report a swap that went through as a failure,
   * and would lose the last strokes of the round (stored on that round's board, see `round`).
   */
  closeWhenIdle(): void {
    if (this.closed) return;
    this.closeWhenSettled = true;
    this.handOverTimer ??= setTimeout(() => this.close(), ACK_TIMEOUT_MS);
    this.closeIfHandedOver();
  }

  private closeIfHandedOver(): void {
    if (this.closeWhenSettled && this.commandsInFlight === 0 && this.pending.size === 0) this.close();
  }

  // ---- connection ------------------------------------------------------------------------------

  private listen(): void {
    const { onState, onPresence, onPointer, onViewport, onRemoteElements } = this.options;
    this.io.on('connect', () => this.join());
    this.io.on('disconnect', (reason) => {
      this.joined = false;
      this.connection += 1;
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      // Answers to what was in flight may never come: everything pending goes again after the re-join.
      for (const id of this.pending.keys()) this.unsent.add(id);
      // Our own close() or fail() sets the status itself.
      if (this.closed || reason === 'io client disconnect') return;
      // The server closed this socket on purpose; socket.io does not reconnect after that.
      if (reason === 'io server disconnect') {
        this.fail({ code: 'unauthorized', message: 'The server closed the room connection' });
      } else if (!this.io.io.reconnection()) {
        this.goOffline(new CollabError({ code: 'internal', message: 'The room connection was lost' }));
      } else this.setStatus('reconnecting');
    });
    this.io.on('connect_error', (error) => {
      // An inactive socket was refused by the server (authentication); an active one keeps retrying.
      if (!this.io.active) this.fail(handshakeRefusal(error));
    });
    this.io.io.on('reconnect_failed', () =>
      this.fail({ code: 'internal', message: 'Could not reach the server; reload to try again' }),
    );
    this.io.on(ROOM_EVENTS.sceneUpdate, (payload: unknown) => {
      const parsed = SceneBroadcastSchema.safeParse(payload);
      if (!parsed.success || parsed.data.sessionId !== this.options.sessionId) return;
      if (!this.onThisBoard(parsed.data.round)) return;
      // Broadcasts may arrive before the join's ack; the merge is order-independent, so take them.
      // Only what this board draws: never an iframe or embed, whoever sent it.
      const accepted = mergeElements(this.scene, drawableOnly(parsed.data.elements));
      for (const element of accepted) this.relayed.set(element.id, this.connection);
      if (accepted.length > 0) onRemoteElements?.(accepted);
    });
    this.io.on(ROOM_EVENTS.sceneRestore, (payload: unknown) => {
      const parsed = SceneRestoreSchema.safeParse(payload);
      if (
        parsed.success &&
        parsed.data.sessionId === this.options.sessionId &&
        this.onThisBoard(parsed.data.round)
      )
        this.restore(parsed.data.refused, drawableOnly(parsed.data.stored));
    });
    this.io.on(ROOM_EVENTS.state, (payload: unknown) => {
      const parsed = SessionStateSchema.safeParse(payload);
      if (parsed.success && parsed.data.sessionId === this.options.sessionId) onState?.(parsed.data);
    });
    this.io.on(ROOM_EVENTS.presence, (payload: unknown) => {
      const parsed = PresenceEventSchema.safeParse(payload);
      if (parsed.success && parsed.data.sessionId === this.options.sessionId) onPresence?.(parsed.data);
    });
    this.io.on(ROOM_EVENTS.viewportUpdate, (payload: unknown) => {
      const parsed = ViewportBroadcastSchema.safeParse(payload);
      if (parsed.success && parsed.data.sessionId === this.options.sessionId) onViewport?.(parsed.data);
    });
    this.io.on(ROOM_EVENTS.pointerUpdate, (payload: unknown) => {
      const parsed = PointerBroadcastSchema.safeParse(payload);
      if (parsed.success && parsed.data.sessionId === this.options.sessionId) onPointer?.(parsed.data);
    });
  }

  /** (Re)joins on every connect: a new server-side socket knows nothing about the session. */
  private join(): void {
    const connection = ++this.connection;
    this.io
      .timeout(ACK_TIMEOUT_MS)
      .emit(
        ROOM_EVENTS.join,
        { sessionId: this.options.sessionId, since: this.joinedVersion },
        (timeout: Error | null, raw: unknown) => {
          if (connection !== this.connection || this.closed) return;
          if (timeout) {
            // Disconnected: the next connect joins again. Still connected: the server is slow; ask again.
            if (this.io.connected) this.join();
            return;
          }
          const joined = JoinAckSchema.safeParse(raw);
          if (joined.success) return this.acceptJoin(joined.data);
          const error = errorOf(raw);
          if (error.code === 'internal' || error.code === 'rate_limited') {
            this.options.onError?.(error);
            setTimeout(
              () => connection === this.connection && this.io.connected && this.join(),
              INTERNAL_RETRY_MS,
            );
          } else this.fail(error);
        },
      );
  }

  /** Whether copies for `round`'s board belong on this client's (no round: the sender's current one). */
  private onThisBoard(round: number | undefined): boolean {
    return round === undefined || this.round === undefined || round === this.round;
  }

  private acceptJoin(ack: JoinAck): void {
    this.joined = true;
    this.round ??= ack.round;
    // Keeps local pending copies that win; takes every server copy that is newer than ours.
    // Scenes stored before the element allow-list may hold iframes: they are never shown.
    const snapshot = drawableOnly(ack.scene.elements);
    if (ack.scene.since === undefined) this.stored.clear();
    for (const element of snapshot) this.stored.set(element.id, element);
    this.settleRelayedCopies();
    const accepted = mergeElements(this.scene, snapshot);
    this.joinedVersion = ack.scene.version;
    if (accepted.length > 0) this.options.onRemoteElements?.(accepted);
    this.options.onState?.(ack.state);
    this.setStatus('connected');
    this.firstJoin?.resolve(ack);
    this.firstJoin = null;
    for (const waiter of this.joinWaiters.splice(0)) waiter.resolve();
    this.scheduleFlush();
    for (const listener of [...this.joinListeners]) listener();
  }

  /**
   * A copy a peer relayed on an earlier connection may since have been refused, and its
   * scene:restore lost with that connection. The join answer was read after every update sent
   * before it was stored or refused, so the stored scene now decides: the copy it holds (`stored`
   * is that scene once the answer is applied), or none. Copies relayed on this connection are
   * newer than that read and keep their own fate; our own unacknowledged edits stay on top.
   */
  private settleRelayedCopies(): void {
    const replaced: SceneElement[] = [];
    const removed: string[] = [];
    for (const [id, connection] of this.relayed) {
      if (connection === this.connection) continue;
      this.relayed.delete(id);
      const current = this.scene.get(id);
      if (!current || this.pending.has(id)) continue;
      const truth = this.stored.get(id);
      if (truth && sameCopy(current, truth)) continue;
      if (truth) {
        this.scene.set(id, truth);
        replaced.push(truth);
      } else {
        this.scene.delete(id);
        removed.push(id);
      }
    }
    if (replaced.length > 0 || removed.length > 0) this.options.onRestore?.(replaced, removed);
  }

  /** The room refused us (or was closed): stop, keep the pending edits, tell the UI. */
  private fail(error: ErrorAck['error']): void {
    this.joined = false;
    if (!this.firstJoin) this.options.onError?.(error);
    this.io.disconnect();
    this.goOffline(new CollabError(error));
  }

  private goOffline(error: CollabError): void {
    this.setStatus('offline');
    this.firstJoin?.reject(error);
    this.firstJoin = null;
    for (const waiter of this.joinWaiters.splice(0)) waiter.reject(error);
  }

  private whenJoined(): Promise<void> {
    if (this.joined) return Promise.resolve();
    if (this.currentStatus === 'offline')
      return Promise.reject(new CollabError({ code: 'conflict', message: 'The room connection is closed' }));
    return new Promise((resolve, reject) => this.joinWaiters.push({ resolve, reject }));
  }

  // ---- scene updates ---------------------------------------------------------------------------

  /** The server would refuse these anyway, and a refusal drops the whole batch it came in. */
  private isSendable(element: SceneElement): boolean {
    const parsed = DrawableElementSchema.safeParse(element);
    if (!parsed.success) {
      const { field, message } = describeElementIssue(parsed.error);
      this.options.onError?.({
        code: 'bad_request',
        message: `This ${element.type} cannot be shared (${field || 'element'}: ${message}): it was removed from your board`,
      });
      return false;
    }
    const bytes = utf8Bytes(JSON.stringify(element));
    if (bytes > ROOM_LIMITS.maxElementBytes) {
      this.options.onError?.({
        code: 'too_large',
        message:
          `This ${element.type} is too large to share (${bytes} bytes; the cap is ` +
          `${ROOM_LIMITS.maxElementBytes}): it was removed from your board`,
      });
      return false;
    }
    return true;
  }

  /**
   * An edit the server would refuse never leaves this client, and never stays on the board alone:
   * the board goes back to the last copy this client shared or received (or loses the element).
   */
  private takeBackUnsendable(unsendable: readonly SceneElement[]): void {
    if (unsendable.length === 0) return;
    const replaced: SceneElement[] = [];
    const removed: string[] = [];
    for (const { id } of unsendable) {
      const previous = this.scene.get(id);
      if (previous) replaced.push(previous);
      else removed.push(id);
    }
    this.options.onRestore?.(replaced, removed);
  }

  /**
   * The server refused copies for good (scene:restore, sent before the refusal's ack): the scene
   * takes the stored copies back where it holds a refused copy or an older one, and our refused
   * copies stop being pending. Other copies of ours still pending (another tab's copy was refused)
   * and newer copies keep their own fate.
   */
  private restore(refused: readonly CopyRef[], stored: readonly SceneElement[]): void {
    for (const copy of refused) {
      const own = this.pending.get(copy.id);
      if (own && sameCopy(own, copy)) {
        this.pending.delete(copy.id);
        this.unsent.delete(copy.id);
      }
    }
    // The store's answer for these ids: confirmed, so a later re-join need not settle them again.
    for (const element of stored) this.stored.set(element.id, element);
    const { replaced, removed } = restoreScene(this.scene, refused, stored, this.pending);
    for (const element of replaced) this.relayed.delete(element.id);
    for (const id of removed) this.relayed.delete(id);
    if (replaced.length > 0 || removed.length > 0) this.options.onRestore?.(replaced, removed);
    this.report();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || !this.joined || this.closed || this.unsent.size === 0) return;
    const now = Date.now();
    // Always through a timer, so edits made in one burst of synchronous calls share one message.
    const delay = Math.max(0, this.lastFlushAt + FLUSH_INTERVAL_MS - now, this.retryAt - now);
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, delay);
  }

  /** Sends one batch: at most maxElementsPerUpdate elements and one message's worth of JSON. */
  private flush(): void {
    if (!this.joined || this.closed) return;
    const batch: SceneElement[] = [];
    let bytes = 0;
    for (const id of this.unsent) {
      const element = this.pending.get(id);
      if (element) {
        const size = utf8Bytes(JSON.stringify(element));
        if (batch.length >= ROOM_LIMITS.maxElementsPerUpdate) break;
        if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
        batch.push(element);
        bytes += size;
      }
      this.unsent.delete(id);
    }
    if (batch.length === 0) return;
    this.lastFlushAt = Date.now();
    const connection = this.connection;
    this.io
      .timeout(ACK_TIMEOUT_MS)
      .emit(
        ROOM_EVENTS.sceneUpdate,
        { sessionId: this.options.sessionId, round: this.round, elements: batch },
        (timeout: Error | null, raw: unknown) => this.onSceneAck(batch, connection, timeout, raw),
      );
    this.scheduleFlush();
  }

  private onSceneAck(batch: SceneElement[], connection: number, timeout: Error | null, raw: unknown): void {
    if (!timeout && SceneUpdateAckSchema.safeParse(raw).success) {
      // Acked means committed. A copy edited again meanwhile stays pending with its newer copy.
      for (const element of batch) {
        const current = this.pending.get(element.id);
        if (current && sameCopy(current, element)) this.pending.delete(element.id);
      }
      this.report();
      return;
    }
    // A failure from an earlier connection: the re-join already queued everything pending again.
    if (connection !== this.connection || this.closed) return;
    const error = timeout ? null : errorOf(raw);
    if (!error || error.code === 'rate_limited' || error.code === 'internal') {
      this.retryAt = Date.now() + (error?.code === 'internal' ? INTERNAL_RETRY_MS : RATE_LIMITED_RETRY_MS);
      for (const element of batch) {
        const current = this.pending.get(element.id);
        if (current && sameCopy(current, element)) this.unsent.add(element.id);
      }
      this.scheduleFlush();
      return;
    }
    // Refused as it is (malformed, too large, not allowed): resending the same copies cannot help.
    for (const element of batch) {
      const current = this.pending.get(element.id);
      if (current && sameCopy(current, element)) {
        this.pending.delete(element.id);
        this.unsent.delete(element.id);
      }
    }
    this.options.onError?.({ ...error, message: `${error.message}. Your last change was not saved.` });
    this.report();
  }

  // ---- pointer and commands --------------------------------------------------------------------

  /** Waits for the join, then emits and parses the ack; a refusal rejects with a CollabError. */
  private async command<T>(
    event: string,
    payload: object,
    schema: { safeParse(raw: unknown): { success: true; data: T } | { success: false } },
  ): Promise<T> {
    await this.whenJoined();
    let raw: unknown;
    this.commandsInFlight += 1;
    try {
      raw = await this.io.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
    } catch {
      // Not retried: the server may have applied it (a swap or an end is not idempotent).
      throw new CollabError({
        code: 'internal',
        message: 'The connection dropped before the server answered; please retry',
      });
    } finally {
      this.commandsInFlight -= 1;
      this.closeIfHandedOver();
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    throw new CollabError(errorOf(raw));
  }

  // ---- status ----------------------------------------------------------------------------------

  private setStatus(status: ConnectionStatus): void {
    this.currentStatus = status;
    this.report();
  }

  /** Tells the UI about every change of the status or of the number of pending edits. */
  private report(): void {
    const [status, count] = this.reported ?? [];
    if (status === this.currentStatus && count === this.pending.size) return;
    this.reported = [this.currentStatus, this.pending.size];
    this.options.onStatus?.(this.currentStatus, this.pending.size);
    this.closeIfHandedOver();
  }
}

function errorOf(raw: unknown): ErrorAck['error'] {
  const parsed = ErrorAckSchema.safeParse(raw);
  if (parsed.success) return parsed.data.error;
  return { code: 'internal', message: 'The server sent an answer this client does not understand' };
}
