import { Injectable, Logger } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import { ROOM_EVENTS, type CopyIdentity, type SceneBroadcast, type SceneElement } from '@mockboard/contracts';
import { HeldCopies } from '@mockboard/scene';
import { sessionRoom } from './room-membership';

/**
 * A peer with this many packets waiting in its engine.io write buffer is behind. On a websocket,
 * packets wait there once the earlier writes have not gone out (the kernel's buffers towards a
 * peer that does not read fast enough are full, and more may already sit in them); on long-polling,
 * they wait for the peer's next poll. On a peer that keeps up the buffer holds what one turn of the
 * event loop, or one poll's round trip, wrote; cursors, which are volatile, are never queued there.
 */
export const BEHIND_AT_WAITING_PACKETS = 32;
/** How often a peer that is behind is checked for having caught up, to receive what was held. */
export const CAUGHT_UP_CHECK_MS = 50;

/** What the relay reads of a peer's engine.io connection (its write buffer is private in the types). */
interface EngineConnection {
  writeBuffer?: readonly unknown[];
  transport: { name: string; writable: boolean };
}

const connectionOf = (peer: Socket) => peer.conn as unknown as EngineConnection;

/**
 * How many packets wait for the peer. Read defensively: were a later engine.io to rename its
 * private buffer, peers would stop counting as behind (room-slow-peer.test.ts fails), but drawing
 * would go on.
 */
export const waitingPackets = (peer: Socket): number => connectionOf(peer).writeBuffer?.length ?? 0;

/**
 * Nothing waits for the peer: its websocket wrote everything handed to it, or (long-polling) the
 * next poll will carry whatever is sent now as its first packets.
 */
function caughtUp(peer: Socket): boolean {
  const { transport } = connectionOf(peer);
  return waitingPackets(peer) === 0 && (transport.writable || transport.name === 'polling');
}

/**
 * Relays a scene update to the other sockets of its room. A local peer that is behind gets no more
 * messages queued behind the ones it has not read: its copies are held instead, one per element
 * (a later copy replaces an earlier one, HeldCopies), and sent as one update once it caught up. A
 * peer dragging a box on a slow link then receives where the box is now, not every step of the way,
 * and what the server keeps for it is bounded by the board. Peers that keep up get every update at
 * once, as before. Only the instance a peer is connected to can see it fall behind, so an update
 * from another instance is relayed here too, for this instance's peers (remote-scene-relay.ts).
 */
@Injectable()
export class SceneRelay {
  private readonly logger = new Logger('SceneRelay');
  private readonly held = new WeakMap<Socket, HeldCopies<SceneElement>>();
  private readonly checkScheduled = new WeakSet<Socket>();

  relay(sender: Socket, broadcast: SceneBroadcast): void {
    const behind = this.holdForPeersBehind(sender.nsp, broadcast, (peer) => peer === sender);
    const others = sender.to(sessionRoom(broadcast.sessionId));
    (behind ? others.except(behind) : others).emit(ROOM_EVENTS.sceneUpdate, broadcast);
  }

  /**
   * For an update relayed by another instance, before its adapter delivers it here: holds its
   * copies for the local peers it is for (not in `except`) that are behind, and returns their ids,
   * which the delivery must then skip.
   */
  holdFromAnotherInstance(
    namespace: Namespace,
    broadcast: SceneBroadcast,
    except: ReadonlySet<string>,
  ): string[] {
    return this.holdForPeersBehind(namespace, broadcast, (peer) => except.has(peer.id)) ?? [];
  }

  /**
   * Forgets held copies the server refused for good, before the room is told to take them back
   * (scene:restore): a peer behind would otherwise receive a refused copy after being told.
   */
  withdraw(namespace: Namespace, sessionId: string, refused: readonly CopyIdentity[]): void {
    for (const peer of this.localPeers(namespace, sessionId))
      this.held.get(peer)?.withdraw(sessionId, refused);
  }

  /**
   * Sends what is held for the session's local peers now, before an event about the session that
   * must not overtake the strokes made before it (the room's state: a swap, the next round, the end).
   */
  sendHeldNow(namespace: Namespace, sessionId: string): void {
    for (const peer of this.localPeers(namespace, sessionId)) {
      const held = this.held.get(peer);
      if (held && !held.isEmpty) this.send(peer, held);
    }
  }

  /**
   * Holds the update's copies for each local peer of its room that is behind (but those skipped);
   * their ids, or undefined when none is (the usual case: no array is made per update then).
   */
  private holdForPeersBehind(
    namespace: Namespace,
    broadcast: SceneBroadcast,
    skip: (peer: Socket) => boolean,
  ): string[] | undefined {
    let behind: string[] | undefined;
    for (const peer of this.localPeers(namespace, broadcast.sessionId)) {
      if (skip(peer) || !this.isBehind(peer)) continue;
      this.hold(peer, broadcast);
      (behind ??= []).push(peer.id);
    }
    return behind;
  }

  private *localPeers(namespace: Namespace, sessionId: string): Generator<Socket> {
    for (const id of namespace.adapter.rooms.get(sessionRoom(sessionId)) ?? []) {
      const peer = namespace.sockets.get(id);
      if (peer) yield peer;
    }
  }

  private isBehind(peer: Socket): boolean {
    const held = this.held.get(peer);
    // Once something is held, later copies wait with it, so no scene update overtakes another.
    if (held && !held.isEmpty) return true;
    return waitingPackets(peer) >= BEHIND_AT_WAITING_PACKETS;
  }

  private hold(peer: Socket, broadcast: SceneBroadcast): void {
    let held = this.held.get(peer);
    if (!held) {
      held = new HeldCopies();
      this.held.set(peer, held);
    }
    held.hold(broadcast.sessionId, broadcast.round, broadcast.elements);
    this.checkLater(peer, held);
  }

  /**
   * Checks the peer every CAUGHT_UP_CHECK_MS and sends what is held once nothing waits for it. A
   * timer, not one transport's events: the transport may change while the peer is behind (from
   * long-polling to a websocket).
   */
  private checkLater(peer: Socket, held: HeldCopies<SceneElement>): void {
    if (this.checkScheduled.has(peer)) return;
    this.checkScheduled.add(peer);
    const check = () => {
      this.checkScheduled.delete(peer);
      try {
        if (held.isEmpty) return;
        // A peer that left re-joins with `since` and reads what it missed from the store.
        if (!peer.connected) held.take();
        else if (caughtUp(peer)) this.send(peer, held);
        else this.checkLater(peer, held);
      } catch (error) {
        this.logger.warn(`sending held scene copies failed: ${String(error)}`);
      }
    };
    setTimeout(check, CAUGHT_UP_CHECK_MS).unref();
  }

  /** Everything held for the peer, one update per board. */
  private send(peer: Socket, held: HeldCopies<SceneElement>): void {
    for (const board of held.take()) {
      const update: SceneBroadcast = { sessionId: board.sessionId, elements: board.elements };
      if (board.round !== undefined) update.round = board.round;
      peer.emit(ROOM_EVENTS.sceneUpdate, update);
    }
  }
}
