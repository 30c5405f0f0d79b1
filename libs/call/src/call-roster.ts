import type { CallMediaState, CallPeer, CallPeerEvent } from '@mockboard/contracts';

/**
 * Who is in the call, as this tab knows it, and what each piece of news means for its peer
 * connections: plain bookkeeping with no WebRTC in sight, so every rule is tested on its own.
 */

/**
 * Per pair, the endpoint with the smaller id is *polite*: in an offer collision it gives way (rolls
 * its own offer back) and it never offers first; the other side offers as soon as it learns of it.
 */
export const isPolite = (mine: string, theirs: string): boolean => mine < theirs;

export interface KnownPeer {
  endpointId: string;
  userId: string;
  media: CallMediaState;
  /** false once the server said its socket dropped; its media may still flow. */
  online: boolean;
  /** The roster's clock when news of its media last came (see `clock`). */
  heardAt: number;
}

export type RosterAction =
  /** Another tab of my own user joined: this tab steps back. */
  | { kind: 'step-back' }
  /** A new endpoint: start a connection (offer when this side is impolite). */
  | { kind: 'connect'; endpointId: string; offer: boolean }
  /** A known endpoint is back (a re-join on either side): repair its connection if it is down. */
  | { kind: 'repair'; endpointId: string }
  /** Gone for good, or replaced by a newer endpoint of the same person: close its connection. */
  | { kind: 'close'; endpointId: string };

export interface Me {
  endpointId: string;
  userId: string;
}

export class CallRoster {
  private readonly peers = new Map<string, KnownPeer>();
  /** When each endpoint was last heard leaving, so an older answer that still lists it is not believed. */
  private readonly leftAt = new Map<string, number>();
  private ticks = 0;

  constructor(private readonly me: Me) {}

  get(endpointId: string): KnownPeer | undefined {
    return this.peers.get(endpointId);
  }

  list(): KnownPeer[] {
    return [...this.peers.values()];
  }

  clear(): void {
    this.peers.clear();
    this.leftAt.clear();
  }

  /**
   * Counts the news heard. A join's answer lists what the server read while answering, which may
   * be older than an event that overtook the answer: pass the clock from when the join was sent.
   */
  get clock(): number {
    return this.ticks;
  }

  /**
   * What a join's answer means: the endpoints in it are in the call. One missing from it either
   * left while this tab was away or is between two sockets itself (both sides re-join at a round
   * change): its connection stays while media flows on it (`isUp`), else it is closed.
   * The answer was read on the server while this tab's join was on its way, so news heard since
   * `askedAt` wins over it: a partner that joined meanwhile stays (two tabs joining at once may
   * each miss the other in their answers), one that left meanwhile is not brought back.
   */
  joined(
    present: readonly CallPeer[],
    isUp: (endpointId: string) => boolean,
    askedAt = this.ticks,
  ): RosterAction[] {
    const others = present.filter((peer) => peer.endpointId !== this.me.endpointId);
    const actions: RosterAction[] = [];
    const listed = new Set(others.map((peer) => peer.endpointId));
    for (const known of [...this.peers.values()]) {
      if (listed.has(known.endpointId) || known.heardAt > askedAt) continue;
      if (isUp(known.endpointId)) known.online = false;
      else actions.push(...this.remove(known.endpointId));
    }
    for (const peer of others) {
      if ((this.leftAt.get(peer.endpointId) ?? 0) > askedAt) continue;
      const known = this.peers.get(peer.endpointId);
      // A mute heard while the join was on its way is newer than the answer's copy.
      const media = known && known.heardAt > askedAt ? known.media : peer.media;
      actions.push(...this.arrived({ ...peer, media }, known?.heardAt ?? 0));
    }
    return actions;
  }

  /** What a `call:peer` event means for this tab. */
  heard(event: CallPeerEvent): RosterAction[] {
    if (event.endpointId === this.me.endpointId) return [];
    if (event.state === 'left') {
      this.leftAt.set(event.endpointId, ++this.ticks);
      return this.remove(event.endpointId);
    }
    if (event.state === 'disconnected') {
      const known = this.peers.get(event.endpointId);
      if (known) known.online = false;
      return [];
    }
    if (event.userId === this.me.userId) return [{ kind: 'step-back' }];
    return this.arrived(event, ++this.ticks);
  }

  /** Their mute and camera state changed (`call:media`). */
  mediaOf(endpointId: string, media: CallMediaState): boolean {
    const known = this.peers.get(endpointId);
    if (!known) return false;
    known.media = media;
    known.heardAt = ++this.ticks;
    return true;
  }

  /**
   * An offer from an endpoint this tab has not heard of yet (its join and its offer raced): it is
   * in the call, or the server would not have relayed it.
   */
  offered(endpointId: string, userId: string): RosterAction[] {
    if (userId === this.me.userId || this.peers.has(endpointId)) return [];
    return this.arrived({ endpointId, userId, media: { audio: true, video: false } }, 0).filter(
      (action) => action.kind === 'close',
    );
  }

  private arrived(peer: Pick<CallPeer, 'endpointId' | 'userId' | 'media'>, heardAt: number): RosterAction[] {
    // My own other tab in a join's list is not a partner (the server moves my call here anyway).
    if (peer.userId === this.me.userId) return [];
    const actions: RosterAction[] = [];
    // A person takes part from one tab: a new endpoint of theirs (a reload) replaces the old one.
    for (const known of this.peers.values()) {
      if (known.userId === peer.userId && known.endpointId !== peer.endpointId)
        actions.push(...this.remove(known.endpointId));
    }
    const known = this.peers.get(peer.endpointId);
    this.leftAt.delete(peer.endpointId);
    this.peers.set(peer.endpointId, { ...peer, online: true, heardAt });
    if (known) actions.push({ kind: 'repair', endpointId: peer.endpointId });
    else
      actions.push({
        kind: 'connect',
        endpointId: peer.endpointId,
        offer: !isPolite(this.me.endpointId, peer.endpointId),
      });
    return actions;
  }

  private remove(endpointId: string): RosterAction[] {
    return this.peers.delete(endpointId) ? [{ kind: 'close', endpointId }] : [];
  }
}
