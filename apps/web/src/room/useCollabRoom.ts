import { useEffect, useRef, useState } from 'react';
import type {
  ErrorAck,
  JoinAck,
  PointerBroadcast,
  PresenceEvent,
  SceneElement,
  SessionState,
  ViewportBroadcast,
} from '@mockboard/contracts';
import { CollabClient, type ConnectionStatus } from '@mockboard/collab';
import { getRoundPrompt } from '../api/sessions';
import { openRoomSocket } from './room-socket';
import { RoundPromptFollower } from './round-prompt-follower';

/** What the whiteboard listens to; events too frequent to go through React state. */
export interface BoardListeners {
  onRemoteElements?: (elements: SceneElement[]) => void;
  onRestore?: (replaced: SceneElement[], removed: string[]) => void;
  onPointer?: (event: PointerBroadcast) => void;
  onViewport?: (event: ViewportBroadcast) => void;
  onPartnerLeft?: (userId: string) => void;
}

export interface JoinedRoom {
  client: CollabClient;
  ack: JoinAck;
  /** Server time − local time at the join, for clocks that agree across peers. */
  clockOffsetMs: number;
}

export type RoomConnection =
  { kind: 'joining' } | { kind: 'refused'; error: ErrorAck['error'] } | { kind: 'joined'; room: JoinedRoom };

interface Status {
  client: CollabClient | null;
  status: ConnectionStatus;
  pending: number;
}

/**
 * One live room connection for the page. A swap of roles starts a new round with another prompt
 * view and other notes, which only a join delivers: the hook then joins again with a fresh client
 * and keeps showing the previous room until the new join succeeds. A prompt chosen while the room
 * is open is taken in place (RoundPromptFollower).
 */
export function useCollabRoom(sessionId: string) {
  const listenersRef = useRef<BoardListeners>({});
  const [generation, setGeneration] = useState(0);
  const [connection, setConnection] = useState<RoomConnection>({ kind: 'joining' });
  const [state, setState] = useState<SessionState | null>(null);
  const [online, setOnline] = useState<ReadonlyMap<string, boolean>>(new Map());
  // Who has been inactive for a while (the server says so); cleared by their next activity.
  const [idle, setIdle] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<Status>({ client: null, status: 'connecting', pending: 0 });
  const [problem, setProblem] = useState<string | null>(null);
  /**
   * The last round's client, handed over to this round's: it closes (once idle) only after this
   * one joined, so the partner never sees the person leave and come back at a swap.
   */
  const handedOverClient = useRef<CollabClient | null>(null);

  useEffect(() => {
    let active = true;
    let joinedRound: number | null = null;
    // The next round's client takes over: the person stays in the room through it.
    let handedOver = false;
    const previous = handedOverClient.current;
    handedOverClient.current = null;
    const releasePrevious = () => previous?.closeWhenIdle({ stayInRoom: true });
    // A prompt chosen while the room is open reaches this room's answer in place: the same client
    // and call go on, and so do the notes' saves, in order.
    const prompts = new RoundPromptFollower(
      (round) => getRoundPrompt(sessionId, round).then((view) => view.prompt),
      (prompt) =>
        active &&
        setConnection((current) =>
          current.kind === 'joined' && current.room.client === client
            ? { kind: 'joined', room: { ...current.room, ack: { ...current.room.ack, prompt } } }
            : current,
        ),
    );
    // Presence heard before the ack is newer than the ack's snapshot of who is online.
    const heard = new Map<string, boolean>();
    // For as long as the client lives, on the room page and after it (closeWhenIdle below): closing
    // the tab while it holds strokes or a save not stored yet asks first.
    const askBeforeClosing = (event: BeforeUnloadEvent) => {
      if (client.holdsUnsaved) event.preventDefault();
    };
    const client: CollabClient = new CollabClient({
      sessionId,
      socket: openRoomSocket(sessionId),
      onRemoteElements: (elements) => active && listenersRef.current.onRemoteElements?.(elements),
      onRestore: (replaced, removed) => active && listenersRef.current.onRestore?.(replaced, removed),
      onPointer: (event) => active && listenersRef.current.onPointer?.(event),
      onViewport: (event) => active && listenersRef.current.onViewport?.(event),
      onState: (next) => {
        if (!active) return;
        setState(next);
        if (joinedRound !== null && next.round !== joinedRound) {
          handedOver = true;
          setGeneration((n) => n + 1);
        }
      },
      onPromptChosen: (event) => active && prompts.heard(event),
      onPresence: (event) => {
        if (!active) return;
        heard.set(event.userId, event.state !== 'left');
        setOnline((previous) => withPresence(previous, event));
        setIdle((previous) => withIdle(previous, event));
        if (event.state === 'left') listenersRef.current.onPartnerLeft?.(event.userId);
      },
      onStatus: (next, pending) => active && setStatus({ client, status: next, pending }),
      onError: (error) => active && setProblem(error.message),
      onClosed: () => window.removeEventListener('beforeunload', askBeforeClosing),
    });
    window.addEventListener('beforeunload', askBeforeClosing);
    client.connect().then(
      (ack) => {
        releasePrevious();
        if (!active) return;
        joinedRound = ack.round;
        prompts.joined(ack);
        client.onJoined((again) => active && prompts.rejoined(again));
        setOnline(new Map(ack.participants.map((p) => [p.userId, heard.get(p.userId) ?? p.online])));
        setConnection({
          kind: 'joined',
          room: { client, ack, clockOffsetMs: Date.parse(ack.serverTime) - Date.now() },
        });
      },
      (error: ErrorAck['error']) => {
        releasePrevious();
        if (!active) return;
        // A refusal of a re-join (e.g. the session ended meanwhile) ends the room like a first refusal.
        setConnection({ kind: 'refused', error: { code: error.code, message: error.message } });
      },
    );
    return () => {
      active = false;
      // The page left: the last round's client departs too, whether or not this one joined.
      previous?.closeWhenIdle({ stayInRoom: handedOver });
      // Leaving the room, or joining the next round: what is still on its way goes on in the
      // background (the last strokes, the notes' last save, the swap that started the new round).
      if (handedOver) handedOverClient.current = client;
      else client.closeWhenIdle();
    };
  }, [sessionId, generation]);
  // Declared after the room's effect, so cleaned up after it: a page left after a new round's state
  // arrived but before it re-rendered kept its client for a next round that never comes.
  useEffect(() => () => handedOverClient.current?.closeWhenIdle(), []);

  const room = connection.kind === 'joined' ? connection.room : null;
  // Until this generation's client reports, it is still connecting.
  const current = room && status.client === room.client ? status : null;
  return {
    connection,
    /** The latest session state: from the join, then from every change. */
    state: state ?? room?.ack.state ?? null,
    online,
    idle,
    status: current?.status ?? 'connecting',
    pending: current?.pending ?? 0,
    problem,
    reportProblem: setProblem,
    dismissProblem: () => setProblem(null),
    listenersRef,
  };
}

function withIdle(previous: ReadonlySet<string>, event: PresenceEvent): ReadonlySet<string> {
  const next = new Set(previous);
  if (event.state === 'idle') next.add(event.userId);
  else next.delete(event.userId);
  return next;
}

function withPresence(previous: ReadonlyMap<string, boolean>, event: PresenceEvent) {
  const next = new Map(previous);
  next.set(event.userId, event.state !== 'left');
  return next;
}
