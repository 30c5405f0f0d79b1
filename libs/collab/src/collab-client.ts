import {
  NotesSavedEventSchema,
  ROOM_EVENTS,
  SceneRestoreSchema,
  SceneBroadcastSchema,
  type HintReveal,
  type HintStage,
  type InterviewPhase,
  type JoinAck,
  type PointerUpdate,
  type SceneElement,
  type SessionState,
  type Viewport,
  type ViewportUpdate,
} from '@mockboard/contracts';
import type { CopyRef } from '@mockboard/scene';
import { CollabError, type CollabErrorBody } from './collab-error';
import { LatestOnly } from './latest-only';
import { NewestNotes } from './newest-notes';
import { listenToPeers, type PeerListeners } from './peer-events';
import { RoomConnection, type ConnectionStatus } from './room-connection';
import { SceneUploader } from './scene-uploader';
import { SessionCommands } from './session-commands';
import { SharedScene, type TakeBack } from './shared-scene';
import { ACK_TIMEOUT_MS, SCENE_ACK_TIMEOUT_MS, type CollabSocket } from './transport';

export type { ConnectionStatus } from './room-connection';

export interface CollabClientOptions<S extends CollabSocket = CollabSocket> extends PeerListeners {
  sessionId: string;
  /** The connection to the room, not yet connected (e.g. socket.io's `io(COLLAB_SOCKET_OPTIONS)`). */
  socket: S;
  /** Elements from peers that changed `client.scene` (already merged), including what a (re)join brought. */
  onRemoteElements?: (elements: SceneElement[]) => void;
  /**
   * Copies in `client.scene` taken back after a refusal (the server's, or this client's own for an
   * element it cannot send): the board puts `replaced` in place as they are and removes `removed`.
   */
  onRestore?: (replaced: SceneElement[], removed: string[]) => void;
  onStatus?: (status: ConnectionStatus, pendingCount: number) => void;
  onError?: (error: CollabErrorBody) => void;
  /** The client closed for good: by `close`, or by `closeWhenIdle` once idle. */
  onClosed?: () => void;
}

// Cursors at about 20 Hz look smooth and cost peers little.
const POINTER_INTERVAL_MS = 50;
const VIEWPORT_INTERVAL_MS = 100;

type Timer = ReturnType<typeof setTimeout>;

/**
 * The room's collaboration protocol without a screen: joins the session, keeps a merged view of
 * the scene, and delivers every local edit at least once across dropped connections. An edit stays
 * pending until the server acknowledged that exact copy (the ack comes after its commit), and all
 * pending edits are sent again after each reconnect; duplicates are harmless because the server's
 * merge ignores a copy it already has.
 */
export class CollabClient<S extends CollabSocket = CollabSocket> {
  private readonly shared = new SharedScene();
  private readonly notes = new NewestNotes();
  private readonly uploader: SceneUploader;
  private readonly commands: SessionCommands;
  private readonly io: S;
  private readonly room: RoomConnection;
  private reported: [ConnectionStatus, number] | null = null;
  private closed = false;
  /** Left by its page (closeWhenIdle): closes once nothing sent on it waits for an answer. */
  private leaving = false;
  /** Left with its person (not handed over to the next round's client): peers were told so. */
  private departing = false;
  private closeDeadline: Timer | undefined;
  /**
   * The last cursor sent since the last join (none yet: null). One that changes its button or tool
   * is not volatile; nor is the first after a join, which the server keeps too (PointerShedding).
   */
  private lastCursorSent: PointerUpdate | null = null;
  // Not sent while not joined: an old position is worth nothing once a newer one exists. A move is
  // volatile, dropped while the connection is busy (as when a stroke's last update is written in
  // the same task as its release); a press or a release, or a switch of tool, is not, or the
  // partner's laser stroke would never end.
  private readonly pointers = new LatestOnly<PointerUpdate>(POINTER_INTERVAL_MS, (cursor) => {
    if (!this.room.joined) return;
    const keep = changesCursor(this.lastCursorSent, cursor);
    this.lastCursorSent = cursor;
    (keep ? this.io : this.io.volatile).emit(ROOM_EVENTS.pointerUpdate, cursor);
  });
  private readonly viewports = new LatestOnly<ViewportUpdate>(VIEWPORT_INTERVAL_MS, (viewport) => {
    if (this.room.joined) this.io.volatile.emit(ROOM_EVENTS.viewportUpdate, viewport);
  });

  constructor(private readonly options: CollabClientOptions<S>) {
    this.io = options.socket;
    this.room = new RoomConnection({
      socket: this.io,
      sessionId: options.sessionId,
      isClosed: () => this.closed,
      isDeparting: () => this.departing,
      dropped: () => {
        this.uploader.stop();
        // Answers to what was in flight may never come: everything pending goes again after the re-join.
        this.shared.outbox.sendAllAgain();
      },
      joined: (ack, asDeparting) => this.acceptJoin(ack, asDeparting),
      statusChanged: () => this.report(),
      refused: (error) => this.options.onError?.(error),
    });
    this.uploader = new SceneUploader(this.shared.outbox, {
      state: () => ({ joined: this.room.joined, closed: this.closed }),
      connection: () => this.room.attempt,
      send: (batch, ack) => {
        const payload = { sessionId: options.sessionId, round: this.room.round, elements: batch };
        this.io.timeout(SCENE_ACK_TIMEOUT_MS).emit(ROOM_EVENTS.sceneUpdate, payload, ack);
      },
      changed: () => this.report(),
      refused: (error) => this.options.onError?.(error),
    });
    this.commands = new SessionCommands({
      socket: this.io,
      sessionId: options.sessionId,
      whenJoined: () => this.room.whenJoined(),
      answered: () => this.closeIfIdle(),
      notesStored: (round, notes) => this.notes.offer(round, notes),
    });
    this.listen();
  }

  /** The connection it was given (tests cut its transport; the call and the chat ride on it). */
  get socket(): S {
    return this.io;
  }

  /**
   * The shared scene as this client knows it: the server's copies and local edits, by Excalidraw's
   * rule. The board asks the client what it still has to send (`unsharedOf`), never keeps its own.
   */
  get scene(): ReadonlyMap<string, SceneElement> {
    return this.shared.elements;
  }

  get status(): ConnectionStatus {
    return this.room.status;
  }

  get pendingCount(): number {
    return this.shared.outbox.size;
  }

  /**
   * Since when (epoch ms) the oldest edit sent on this connection has waited for the server to
   * store it, or null when none waits: a server that falls behind answers late (or, after
   * SCENE_ACK_TIMEOUT_MS, the edit is sent again).
   */
  get unstoredSince(): number | null {
    return this.room.joined ? this.uploader.oldestUnansweredAt() : null;
  }

  /** Edits not stored or commands not answered yet, which this client may still deliver. */
  get holdsUnsaved(): boolean {
    if (this.closed || this.room.status === 'offline') return false;
    return this.shared.outbox.size > 0 || this.commands.inFlight > 0;
  }

  /** Whether the session join holds on the current connection. */
  get isJoined(): boolean {
    return this.room.joined;
  }

  /**
   * Calls `listener` after every successful session (re)join, whatever the socket, with the join's
   * answer: what else rides this connection (the call) may only speak once the session is joined,
   * and what a re-join brings (the hints revealed meanwhile) is read from it. Returns the unsubscribe.
   */
  onJoined(listener: (ack: JoinAck) => void): () => void {
    return this.room.onJoined(listener);
  }

  /** Connects and joins; rejects with the server's error when the connection or the join is refused. */
  connect(): Promise<JoinAck> {
    if (this.closed)
      return Promise.reject(new CollabError({ code: 'conflict', message: 'The room connection was closed' }));
    return this.room.connect();
  }

  /**
   * The elements of a board whose copy this client has not seen (by version): what the board has
   * to send. Copies it received, sent or declined are not offered again until they change.
   */
  unsharedOf<T extends { id: string; version: number; versionNonce: number }>(elements: readonly T[]): T[] {
    return this.shared.unsharedOf(elements);
  }

  /** Merges local edits into the scene and queues those that changed it; they are sent in batches. */
  sendElements(elements: SceneElement[]): void {
    if (this.closed) return;
    this.takeBack(this.shared.offer(elements, (problem) => this.options.onError?.(problem)));
    this.report();
    this.uploader.schedule();
  }

  /**
   * Cursor position, at most every 50 ms (the latest wins); not sent while not joined, and a move
   * is dropped while the connection is busy (see `pointers`).
   */
  sendPointer(pointer: PointerUpdate['pointer'], button: 'up' | 'down'): void {
    const cursor: PointerUpdate = { sessionId: this.options.sessionId, pointer, button };
    // A press and its release within one interval (a quick laser click) would collapse into the
    // release, and the partner would never see the click: a waiting change that the next cursor
    // would undo goes now. A waiting move is replaced as usual.
    const waiting = this.pointers.waiting;
    if (waiting && changesCursor(this.lastCursorSent, waiting) && changesCursor(waiting, cursor))
      this.pointers.sendWaitingNow();
    this.pointers.push(cursor);
  }

  /** What this screen shows of the board, for a partner following it; at most every 100 ms. */
  sendViewport(viewport: Viewport): void {
    this.viewports.push({ sessionId: this.options.sessionId, viewport });
  }

  setPhase(phase: InterviewPhase): Promise<SessionState> {
    return this.commands.setPhase(phase);
  }

  swapRoles(): Promise<SessionState> {
    return this.commands.swapRoles();
  }

  /** Saves the interviewer's notes; resolves with the text stored (this or a newer one). */
  saveNotes(round: number, text: string): Promise<string> {
    return this.commands.saveNotes(round, text);
  }

  /**
   * The newest notes of the round that this client heard were stored: by a join's answer, by its
   * own saves, or by its person's other tabs (`notes:saved`); null when none.
   */
  storedNotes(round: number): string | null {
    return this.notes.of(round)?.text ?? null;
  }

  /** Calls `listener` whenever newer notes of a round were stored (see storedNotes); returns the unsubscribe. */
  onStoredNotes(listener: (round: number, text: string) => void): () => void {
    return this.notes.onNewer((round, notes) => listener(round, notes.text));
  }

  endSession(): Promise<SessionState> {
    return this.commands.endSession();
  }

  /** The round's interviewer shows the candidate a hint; resolves with the stored reveal. */
  revealHint(round: number, phase: InterviewPhase, stage: HintStage): Promise<HintReveal> {
    return this.commands.revealHint(round, phase, stage);
  }

  /** Disconnects at once, for good. Edits still pending are not delivered (see closeWhenIdle). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.room.leave();
    clearTimeout(this.closeDeadline);
    this.uploader.stop();
    this.pointers.cancel();
    this.viewports.cancel();
    this.io.disconnect();
    this.room.goOffline(new CollabError({ code: 'conflict', message: 'The room connection was closed' }));
    this.options.onClosed?.();
  }

  /**
   * Closes once its edits are stored and its commands answered, sending (and reconnecting) until
   * then, or after SCENE_ACK_TIMEOUT_MS: a page that leaves the room or joins the next round loses
   * neither its last strokes, nor the notes' last save, nor the answer to the swap that started the
   * next round. Peers hear at once that the person left (`depart`), unless they `stayInRoom`
   * through another client: the next round's.
   */
  closeWhenIdle({ stayInRoom = false }: { stayInRoom?: boolean } = {}): void {
    if (this.closed) return;
    this.leaving = true;
    // The first call without stayInRoom departs, also after one with it (the page left after all).
    if (!stayInRoom && !this.departing) {
      this.departing = true;
      this.depart();
    }
    this.closeDeadline ??= setTimeout(() => this.close(), SCENE_ACK_TIMEOUT_MS);
    // Checked after the caller's turn: a page's cleanups run parent first, so the notes' last save
    // is sent just after the room's own cleanup asked the client to close.
    queueMicrotask(() => this.closeIfIdle());
  }

  /**
   * Peers see the person leave now, not when this client has delivered the rest and closes. Not
   * joined, the next join says it instead; a join that was on its way as the page left is
   * followed by this (acceptJoin). The server answers a second departure as it did the first.
   */
  private depart(): void {
    if (!this.departing || !this.room.joined) return;
    this.io
      .timeout(ACK_TIMEOUT_MS)
      .emit(ROOM_EVENTS.depart, { sessionId: this.options.sessionId }, () => undefined);
  }

  private closeIfIdle(): void {
    // Idle once nothing is left to deliver, or nothing can be: the room went offline for good.
    if (this.leaving && !this.holdsUnsaved) this.close();
  }

  // ---- scene events ------------------------------------------------------------------------------

  private listen(): void {
    const { onRemoteElements } = this.options;
    this.io.on(ROOM_EVENTS.sceneUpdate, (payload: unknown) => {
      const parsed = SceneBroadcastSchema.safeParse(payload);
      if (!parsed.success || parsed.data.sessionId !== this.options.sessionId) return;
      if (!this.room.onThisBoard(parsed.data.round)) return;
      // Broadcasts may arrive before the join's ack; the merge is order-independent, so take them.
      // Only what this board draws: never an iframe or embed, whoever sent it.
      const accepted = this.shared.receive(parsed.data.elements, this.room.attempt);
      if (accepted.length > 0) onRemoteElements?.(accepted);
    });
    this.io.on(ROOM_EVENTS.sceneRestore, (payload: unknown) => {
      const parsed = SceneRestoreSchema.safeParse(payload);
      if (
        parsed.success &&
        parsed.data.sessionId === this.options.sessionId &&
        this.room.onThisBoard(parsed.data.round)
      )
        this.restore(parsed.data.refused, parsed.data.stored);
    });
    this.io.on(ROOM_EVENTS.notesSaved, (payload: unknown) => {
      const parsed = NotesSavedEventSchema.safeParse(payload);
      if (!parsed.success || parsed.data.sessionId !== this.options.sessionId) return;
      const { round, text, revision } = parsed.data;
      this.notes.offer(round, { text, revision });
    });
    listenToPeers(this.io, this.options.sessionId, this.options);
  }

  /** A (re)join holds: keeps local pending copies that win, takes every server copy newer than ours. */
  private acceptJoin(ack: JoinAck, asDeparting: boolean): void {
    // The server judges this membership's cursors afresh: its first is kept, so it is sent so.
    this.lastCursorSent = null;
    const whole = ack.scene.since === undefined;
    const { settled, accepted } = this.shared.join(ack.scene.elements, whole, this.room.attempt);
    this.takeBack(settled);
    if (accepted.length > 0) this.options.onRemoteElements?.(accepted);
    this.options.onState?.(ack.state);
    if (ack.notes !== null) this.notes.offer(ack.round, { text: ack.notes, revision: ack.notesRevision });
    // A join sent before the page left announced the person: they depart now.
    if (!asDeparting) this.depart();
    this.uploader.schedule();
  }

  // ---- scene updates ---------------------------------------------------------------------------

  /** Copies the board must take back as the scene now holds them. */
  private takeBack(plan: TakeBack | null): void {
    if (plan) this.options.onRestore?.(plan.replaced, plan.removed);
  }

  /** The server refused copies for good (scene:restore, sent before the refusal's ack). */
  private restore(refused: readonly CopyRef[], stored: readonly SceneElement[]): void {
    this.takeBack(this.shared.restore(refused, stored));
    this.report();
  }

  // ---- status ----------------------------------------------------------------------------------

  /** Tells the UI about every change of the status or of the number of pending edits. */
  private report(): void {
    const [status, count] = this.reported ?? [];
    if (status === this.room.status && count === this.shared.outbox.size) return;
    this.reported = [this.room.status, this.shared.outbox.size];
    this.options.onStatus?.(this.room.status, this.shared.outbox.size);
    this.closeIfIdle();
  }
}

/** Whether `next` changes the button or the tool of `last` (a first cursor, after none, does). */
function changesCursor(last: PointerUpdate | null, next: PointerUpdate): boolean {
  return last === null || last.button !== next.button || last.pointer.tool !== next.pointer.tool;
}
