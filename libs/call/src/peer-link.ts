import type { IceCandidate } from '@mockboard/contracts';
import type { RemoteParty } from './call-state';

export type TrackKind = 'audio' | 'video';
export type LinkState = RemoteParty['connection'];

/** What a link sends to its remote endpoint, over whatever socket the room has at the moment. */
export interface LinkSignals {
  description(type: 'offer' | 'answer', sdp: string): void;
  candidate(candidate: IceCandidate): void;
}

export interface PeerLinkOptions {
  pc: RTCPeerConnection;
  /** Gives way in an offer collision and never offers first (see isPolite). */
  polite: boolean;
  signals: LinkSignals;
  /** What this tab sends now: a null track sends nothing (muted, camera off). */
  tracks: Record<TrackKind, MediaStreamTrack | null>;
  /** The remote party's tracks, each time one arrives. */
  onTrack(track: MediaStreamTrack): void;
  /** The connection's state changed. */
  onChange(): void;
  /** Whether signaling reaches the peer now; an ICE restart without it would be lost. */
  canSignal(): boolean;
}

/** A connection down for this long is restarted rather than left to recover on its own. */
const DISCONNECTED_GRACE_MS = 3_000;

/**
 * One RTCPeerConnection to one remote endpoint, negotiated with the W3C's "perfect negotiation"
 * pattern (makingOffer, ignoreOffer, isSettingRemoteAnswerPending; setLocalDescription() without
 * arguments, implicit rollback on the polite side), so both sides may offer at any time and a
 * collision still ends in one negotiated connection. Tracks are swapped with replaceTrack on two
 * fixed transceivers (audio, video), so muting and the camera never renegotiate.
 */
export class PeerLink {
  private readonly pc: RTCPeerConnection;
  private readonly senders: Partial<Record<TrackKind, RTCRtpSender>> = {};
  private tracks: Record<TrackKind, MediaStreamTrack | null>;
  private makingOffer = false;
  private ignoreOffer = false;
  private isSettingRemoteAnswerPending = false;
  private everConnected = false;
  private closed = false;
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Incoming signals, one at a time and in order. */
  private inbox: Promise<void> = Promise.resolve();

  constructor(private readonly options: PeerLinkOptions) {
    this.pc = options.pc;
    this.tracks = { ...options.tracks };
    this.listen();
    // The impolite side offers at once: two transceivers fire negotiationneeded. The polite side
    // takes the transceivers its partner's offer brings.
    if (!options.polite) {
      for (const kind of ['audio', 'video'] as const) {
        const transceiver = this.pc.addTransceiver(kind, { direction: 'sendrecv' });
        this.senders[kind] = transceiver.sender;
        void this.replace(kind);
      }
    }
  }

  get state(): LinkState {
    switch (this.pc.connectionState) {
      case 'connected':
        return 'connected';
      case 'failed':
        return 'failed';
      case 'disconnected':
        return 'reconnecting';
      default:
        return this.everConnected ? 'reconnecting' : 'connecting';
    }
  }

  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  receiveDescription(type: 'offer' | 'answer', sdp: string): void {
    this.enqueue(async () => {
      const pc = this.pc;
      const readyForOffer =
        !this.makingOffer && (pc.signalingState === 'stable' || this.isSettingRemoteAnswerPending);
      const offerCollision = type === 'offer' && !readyForOffer;
      this.ignoreOffer = !this.options.polite && offerCollision;
      if (this.ignoreOffer) return;
      this.isSettingRemoteAnswerPending = type === 'answer';
      try {
        await pc.setRemoteDescription({ type, sdp });
      } finally {
        this.isSettingRemoteAnswerPending = false;
      }
      if (type !== 'offer') return;
      this.adoptTransceivers();
      await pc.setLocalDescription();
      const answer = pc.localDescription;
      if (answer && !this.closed) this.options.signals.description('answer', answer.sdp);
    });
  }

  receiveCandidate(candidate: IceCandidate): void {
    this.enqueue(async () => {
      try {
        await this.pc.addIceCandidate(candidate);
      } catch (error) {
        // A candidate of the offer this side ignored cannot be added, and need not be.
        if (!this.ignoreOffer) throw error;
      }
    });
  }

  /** Sends this track from now on (null: nothing); no renegotiation. */
  setTrack(kind: TrackKind, track: MediaStreamTrack | null): void {
    this.tracks[kind] = track;
    void this.replace(kind);
  }

  /** New ICE servers (fresh TURN credentials); used from the next ICE gathering on. */
  configure(config: RTCConfiguration): void {
    if (this.closed) return;
    try {
      this.pc.setConfiguration(config);
    } catch {
      // A browser that refuses a change keeps the old servers; the call still works until they expire.
    }
  }

  /**
   * After a re-join on either side, or when the media path failed. An offer of ours still waiting
   * for its answer is sent again (it, or its answer, may have been lost with a socket; a duplicate
   * answer is dropped as out of state); a path that was up and is down restarts ICE. A link that
   * never connected and has no offer out waits for its partner's offer or for ICE to fail.
   */
  repair(): void {
    if (this.closed || this.connected) return;
    const pending = this.pc.localDescription;
    if (this.pc.signalingState === 'have-local-offer' && !this.makingOffer && pending) {
      this.options.signals.description('offer', pending.sdp);
    } else if (this.pc.signalingState === 'stable' && (this.everConnected || this.state === 'failed')) {
      this.pc.restartIce();
    }
  }

  getStats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.disconnectedTimer);
    this.pc.close();
  }

  private listen(): void {
    const pc = this.pc;
    pc.addEventListener('negotiationneeded', () => void this.offer());
    pc.addEventListener('icecandidate', ({ candidate }) => {
      if (candidate && !this.closed) this.options.signals.candidate(candidateOf(candidate));
    });
    pc.addEventListener('track', ({ track }) => !this.closed && this.options.onTrack(track));
    pc.addEventListener('connectionstatechange', () => this.onConnectionState());
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const offer = this.pc.localDescription;
      if (offer && offer.type === 'offer' && !this.closed)
        this.options.signals.description('offer', offer.sdp);
    } catch {
      // The state moved on under us (a remote offer came first); negotiationneeded fires again if needed.
    } finally {
      this.makingOffer = false;
    }
  }

  private onConnectionState(): void {
    if (this.closed) return;
    clearTimeout(this.disconnectedTimer);
    const state = this.pc.connectionState;
    if (state === 'connected') this.everConnected = true;
    if (state === 'failed') this.restartIfSignaling();
    if (state === 'disconnected')
      this.disconnectedTimer = setTimeout(() => {
        if (this.pc.connectionState === 'disconnected') this.restartIfSignaling();
      }, DISCONNECTED_GRACE_MS);
    this.options.onChange();
  }

  /** Without signaling the restart's offer would be lost; the re-join repairs the link instead. */
  private restartIfSignaling(): void {
    if (!this.closed && this.options.canSignal()) this.repair();
  }

  /** The polite side's transceivers come from the offer: send on them too. */
  private adoptTransceivers(): void {
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind as TrackKind;
      if (this.senders[kind] || transceiver.currentDirection === 'stopped') continue;
      transceiver.direction = 'sendrecv';
      this.senders[kind] = transceiver.sender;
      void this.replace(kind);
    }
  }

  private async replace(kind: TrackKind): Promise<void> {
    const sender = this.senders[kind];
    if (!sender || this.closed || sender.track === this.tracks[kind]) return;
    try {
      await sender.replaceTrack(this.tracks[kind]);
    } catch {
      // Closed meanwhile, or a track the sender cannot take: the next change tries again.
    }
  }

  private enqueue(step: () => Promise<void>): void {
    this.inbox = this.inbox.then(async () => {
      if (this.closed) return;
      try {
        await step();
      } catch {
        // A signal that no longer fits the connection's state (e.g. an answer to a rolled-back
        // offer) is dropped; the next re-join repairs whatever that left broken.
      }
    });
  }
}

function candidateOf(candidate: RTCIceCandidate): IceCandidate {
  return {
    candidate: candidate.candidate,
    sdpMid: candidate.sdpMid,
    sdpMLineIndex: candidate.sdpMLineIndex,
    usernameFragment: candidate.usernameFragment,
  };
}
