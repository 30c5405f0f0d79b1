import {
  PointerBroadcastSchema,
  PresenceEventSchema,
  PromptChosenEventSchema,
  ROOM_EVENTS,
  SessionStateSchema,
  ViewportBroadcastSchema,
  type PointerBroadcast,
  type PresenceEvent,
  type PromptChosenEvent,
  type SessionState,
  type ViewportBroadcast,
} from '@mockboard/contracts';
import type { CollabSocket } from './transport';

export interface PeerListeners {
  /** The session's state, on every change. */
  onState?: (state: SessionState) => void;
  onPresence?: (event: PresenceEvent) => void;
  onPointer?: (event: PointerBroadcast) => void;
  onViewport?: (event: ViewportBroadcast) => void;
  /** A round's prompt was chosen: only a join brings it, as this person's role may see it. */
  onPromptChosen?: (event: PromptChosenEvent) => void;
}

/** Passes on the session's broadcasts that are valid and about `sessionId`; anything else is dropped. */
export function listenToPeers(socket: CollabSocket, sessionId: string, listeners: PeerListeners): void {
  const { onState, onPresence, onPointer, onViewport, onPromptChosen } = listeners;
  const relay = <T extends { sessionId: string }>(
    event: string,
    schema: { safeParse(raw: unknown): { success: true; data: T } | { success: false } },
    listener: ((payload: T) => void) | undefined,
  ) =>
    socket.on(event, (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success && parsed.data.sessionId === sessionId) listener?.(parsed.data);
    });
  relay(ROOM_EVENTS.state, SessionStateSchema, onState);
  relay(ROOM_EVENTS.presence, PresenceEventSchema, onPresence);
  relay(ROOM_EVENTS.viewportUpdate, ViewportBroadcastSchema, onViewport);
  relay(ROOM_EVENTS.pointerUpdate, PointerBroadcastSchema, onPointer);
  relay(ROOM_EVENTS.promptChosen, PromptChosenEventSchema, onPromptChosen);
}
