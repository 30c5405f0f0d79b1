import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { ROOM_EVENTS, type CopyIdentity, type SceneBroadcast, type SceneElement } from '@mockboard/contracts';
import { HeldCopies } from '@mockboard/scene';
import { sessionRoom } from './room-membership';

/**
 * A peer with this many packets waiting in its engine.io write buffer is behind: its websocket's
 * earlier writes have not reached the kernel (the peer is not reading fast enough), or a long-polling
 * peer has not polled. On a peer that keeps up the buffer holds only what one turn of the event
 * loop wrote, and cursors, which are volatile, are never queued there.
 */
export const BEHIND_AT_WAITING_PACKETS = 32;
/** How often a peer that is behind is checked for having caught up, to receive what was held. */
export const CAUGHT_UP_CHECK_MS = 50;

/** What the relay reads of a peer's engine.io connection (its write buffer is private in the types). */
interface EngineConnection {
  writeBuffer: readonly unknown[];
  transport: { writable: boolean };
}

const connectionOf = (peer: Socket) => peer.conn as unknown as EngineConnection;

/**
 * Relays a scene update to the other sockets of its room. A local peer that is behind gets no more
 * messages queued behind the ones it has not read: its copies are held instead, one per element
 * (a later copy replaces an earlier one, HeldCopies), and sent as one update once it caught up. A
 * peer dragging a box on a slow link then receives where the box is now, not every step of the way,
 * and what the server keeps for it is bounded by the board. Peers that keep up get every update at
 * once, as before. (Peers on other instances are reached through the adapter and keep their own
 * instance's write buffer: only the instance a peer is connected to can see it fall behind.)
 */
@Injectable()
export class SceneRelay {
  private readonly held = new WeakMap<Socket, HeldCopies<SceneElement>>();

  relay(sender: Socket, broadcast: SceneBroadcast): void {
    const room = sessionRoom(broadcast.sessionId);
    let behind: string[] | undefined;
    for (const id of sender.nsp.adapter.rooms.get(room) ?? []) {
      if (id === sender.id) continue;
      const peer = sender.nsp.sockets.get(id);
      if (!peer || !this.isBehind(peer)) continue;
      this.hold(peer, broadcast);
      (behind ??= []).push(id);
    }
    const others = sender.to(room);
    (behind ? others.except(behind) : others).emit(ROOM_EVENTS.sceneUpdate, broadcast);
  }

  /**
   * Forgets held copies the server refused for good, before the room is told to take them back
   * (scene:restore): a peer behind would otherwise receive a refused copy after being told.
   */
  withdraw(sender: Socket, sessionId: string, refused: readonly CopyIdentity[]): void {
    for (const id of sender.nsp.adapter.rooms.get(sessionRoom(sessionId)) ?? []) {
      const peer = sender.nsp.sockets.get(id);
      if (peer) this.held.get(peer)?.withdraw(sessionId, refused);
    }
  }

  private isBehind(peer: Socket): boolean {
    const held = this.held.get(peer);
    // Once something is held, later copies wait with it, so the peer never gets them out of order.
    if (held && !held.isEmpty) return true;
    return connectionOf(peer).writeBuffer.length >= BEHIND_AT_WAITING_PACKETS;
  }

  private hold(peer: Socket, broadcast: SceneBroadcast): void {
    let held = this.held.get(peer);
    if (!held) {
      held = new HeldCopies();
      this.held.set(peer, held);
    }
    const firstHeld = held.isEmpty;
    held.hold(broadcast.sessionId, broadcast.round, broadcast.elements);
    if (firstHeld) this.sendOnceCaughtUp(peer, held);
  }

  /**
   * Checks the peer every CAUGHT_UP_CHECK_MS (its transport may change while it is behind, from
   * long-polling to a websocket, so no one transport's events are waited on) and sends what is held
   * once nothing waits for it: one update per board.
   */
  private sendOnceCaughtUp(peer: Socket, held: HeldCopies<SceneElement>): void {
    const check = () => {
      if (held.isEmpty) return;
      const conn = connectionOf(peer);
      if (!peer.connected) {
        held.take(); // it re-joins with `since` and reads what it missed from the store
        return;
      }
      if (conn.writeBuffer.length > 0 || !conn.transport.writable) {
        setTimeout(check, CAUGHT_UP_CHECK_MS).unref();
        return;
      }
      for (const board of held.take()) {
        const update: SceneBroadcast = { sessionId: board.sessionId, elements: board.elements };
        if (board.round !== undefined) update.round = board.round;
        peer.emit(ROOM_EVENTS.sceneUpdate, update);
      }
    };
    setTimeout(check, CAUGHT_UP_CHECK_MS).unref();
  }
}
