import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { ROOM_EVENTS, type SceneBroadcast, type SceneRestore, type SessionState } from '@mockboard/contracts';
import type { RemoteBroadcast, RemoteBroadcastHook } from '../realtime/remote-broadcasts';
import { sessionRoom } from './room-membership';
import { SceneRelay } from './scene-relay';

/**
 * The room's broadcasts from other instances, treated here as SceneRelay treats this instance's
 * own: a scene update is held for a local peer that is behind (coalesced with what waits for it)
 * instead of queued behind what it has not read; a refused copy is withdrawn from what is held
 * before the peer is told to take it back; the strokes held for a peer go out before a change of
 * the room's state. The instances' broadcasts reach each other in the order they were sent (one
 * Redis stream), so the order a peer sees is the one the sending instance gave them.
 */
@Injectable()
export class RemoteSceneRelay implements RemoteBroadcastHook {
  readonly events: ReadonlySet<string> = new Set([
    ROOM_EVENTS.sceneUpdate,
    ROOM_EVENTS.sceneRestore,
    ROOM_EVENTS.state,
  ]);

  constructor(private readonly relay: SceneRelay) {}

  beforeDelivery(namespace: Namespace, broadcast: RemoteBroadcast): void {
    switch (broadcast.event) {
      case ROOM_EVENTS.sceneUpdate: {
        const { sessionId, round, elements } = broadcast.payload as SceneBroadcast;
        // Held copies go to the session room's peers: only an update sent to that room is held.
        if (!broadcast.rooms.includes(sessionRoom(sessionId))) return;
        // msgpack (a payload with binary data) would carry an absent round as null.
        const update: SceneBroadcast = {
          sessionId,
          elements,
          ...(round !== null && round !== undefined ? { round } : {}),
        };
        for (const held of this.relay.holdFromAnotherInstance(namespace, update, broadcast.except))
          broadcast.except.add(held);
        return;
      }
      case ROOM_EVENTS.sceneRestore: {
        const restore = broadcast.payload as SceneRestore;
        this.relay.withdraw(namespace, restore.sessionId, restore.refused);
        return;
      }
      case ROOM_EVENTS.state:
        this.relay.sendHeldNow(namespace, (broadcast.payload as SessionState).sessionId);
        return;
    }
  }
}
