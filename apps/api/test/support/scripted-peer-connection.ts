/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { CallMedia } from '@mockboard/call';

/**
 * A small scripted stand-in for RTCPeerConnection, for driving the call's CallClient from Node:
 * the signaling state machine of the W3C spec (stable / have-local-offer / have-remote-offer,
 * implicit and explicit rollback, an answer only for the offer it answers), negotiationneeded,
 * one ICE candidate per description, and "connected" once a negotiation completed. No media.
 * It records what a test checks: the peer it negotiated with, and every collision it saw.
 */

/** What the fake puts in an SDP: enough to tell descriptions apart and match answers to offers. */
interface ScriptedSdp {
  type: 'offer' | 'answer';
  /** The connection that made it. */
  from: string;
  version: number;
  mids: { mid: string; kind: 'audio' | 'video' }[];
  /** An answer names the offer it answers. */
  answers?: number;
  iceGeneration: number;
}

type Listener = (event: never) => void;

class ScriptedTrackEnd {
  constructor(readonly kind: 'audio' | 'video') {}
}

class ScriptedSender {
  track: MediaStreamTrack | null = null;

  async replaceTrack(track: MediaStreamTrack | null): Promise<void> {
    await Promise.resolve();
    this.track = track;
  }
}

class ScriptedTransceiver {
  mid: string | null = null;
  currentDirection: RTCRtpTransceiverDirection | null = null;
  readonly sender = new ScriptedSender();
  readonly receiver: { track: ScriptedTrackEnd };

  constructor(
    kind: 'audio' | 'video',
    public direction: RTCRtpTransceiverDirection,
  ) {
    this.receiver = { track: new ScriptedTrackEnd(kind) };
  }
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

function invalidState(message: string): Error {
  const error = new Error(message);
  error.name = 'InvalidStateError';
  return error;
}

export class ScriptedPeerConnection {
  readonly id = randomUUID();
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: { type: RTCSdpType; sdp: string } | null = null;
  remoteDescription: { type: RTCSdpType; sdp: string } | null = null;
  /** The connection on the other side of the last completed negotiation. */
  negotiatedWith: string | null = null;
  negotiations = 0;
  /** Offers that arrived while this side had its own out (the polite side took them). */
  implicitRollbacks = 0;
  configuration: RTCConfiguration;
  private readonly transceivers: ScriptedTransceiver[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private currentLocal: { type: RTCSdpType; sdp: string } | null = null;
  private version = 0;
  private iceGeneration = 0;
  private restartPending = false;
  private negotiationCheck: ReturnType<typeof setTimeout> | undefined;

  constructor(configuration: RTCConfiguration) {
    this.configuration = configuration;
  }

  addEventListener(type: string, listener: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  addTransceiver(kind: 'audio' | 'video', init?: { direction?: RTCRtpTransceiverDirection }) {
    const transceiver = new ScriptedTransceiver(kind, init?.direction ?? 'sendrecv');
    this.transceivers.push(transceiver);
    this.updateNegotiationNeeded();
    return transceiver;
  }

  getTransceivers(): ScriptedTransceiver[] {
    return [...this.transceivers];
  }

  async setLocalDescription(description?: { type: RTCSdpType; sdp?: string }): Promise<void> {
    await tick();
    if (this.signalingState === 'closed') throw invalidState('closed');
    const type = description?.type ?? (this.signalingState === 'have-remote-offer' ? 'answer' : 'offer');
    if (type === 'rollback') {
      if (this.signalingState !== 'have-local-offer') throw invalidState('nothing to roll back');
      this.rollback();
      return;
    }
    if (type === 'offer') {
      if (this.signalingState === 'have-remote-offer') throw invalidState('an offer is being answered');
      this.transceivers.forEach((transceiver, index) => (transceiver.mid ??= String(index)));
      if (this.restartPending) this.iceGeneration += 1;
      this.restartPending = false;
      this.localDescription = { type, sdp: this.sdp('offer') };
      this.signalingState = 'have-local-offer';
    } else {
      if (this.signalingState !== 'have-remote-offer') throw invalidState('no offer to answer');
      const offer = parse(this.remoteDescription!.sdp);
      this.localDescription = { type: 'answer', sdp: this.sdp('answer', offer.version) };
      this.currentLocal = this.localDescription;
      this.signalingState = 'stable';
      this.completed(offer.from);
    }
    this.emitSoon('icecandidate', {
      candidate: {
        candidate: `candidate:${this.id} 1 udp 1 127.0.0.1 9 typ host`,
        sdpMid: '0',
        sdpMLineIndex: 0,
      },
    });
  }

  async setRemoteDescription(description: { type: RTCSdpType; sdp?: string }): Promise<void> {
    await tick();
    if (this.signalingState === 'closed') throw invalidState('closed');
    const sdp = parse(description.sdp ?? '');
    if (description.type === 'offer') {
      if (this.signalingState === 'have-local-offer') {
        this.implicitRollbacks += 1;
        this.rollback();
      }
      this.remoteDescription = { type: 'offer', sdp: description.sdp! };
      this.signalingState = 'have-remote-offer';
      for (const { mid, kind } of sdp.mids) {
        if (this.transceivers.some((transceiver) => transceiver.mid === mid)) continue;
        const transceiver = new ScriptedTransceiver(kind, 'recvonly');
        transceiver.mid = mid;
        this.transceivers.push(transceiver);
        this.emitSoon('track', { track: transceiver.receiver.track });
      }
      return;
    }
    if (this.signalingState !== 'have-local-offer') throw invalidState(`an answer in ${this.signalingState}`);
    const offer = parse(this.localDescription!.sdp);
    if (sdp.answers !== offer.version || sdp.type !== 'answer')
      throw invalidState('the answer is not for the offer out');
    this.remoteDescription = { type: 'answer', sdp: description.sdp! };
    this.currentLocal = this.localDescription;
    this.signalingState = 'stable';
    this.completed(sdp.from);
  }

  async addIceCandidate(_candidate: unknown): Promise<void> {
    await tick();
    if (!this.remoteDescription) throw invalidState('no remote description');
  }

  restartIce(): void {
    this.restartPending = true;
    this.updateNegotiationNeeded();
  }

  setConfiguration(configuration: RTCConfiguration): void {
    this.configuration = configuration;
  }

  getStats(): Promise<Map<string, unknown>> {
    return Promise.resolve(new Map());
  }

  /** The media path breaks (a network change): connectionState goes to `failed`. */
  failPath(): void {
    this.setConnectionState('failed');
  }

  close(): void {
    this.signalingState = 'closed';
    this.connectionState = 'closed';
    clearTimeout(this.negotiationCheck);
  }

  private rollback(): void {
    this.signalingState = 'stable';
    this.localDescription = this.currentLocal;
    this.updateNegotiationNeeded();
  }

  private completed(remoteId: string): void {
    this.negotiations += 1;
    this.negotiatedWith = remoteId;
    for (const transceiver of this.transceivers) transceiver.currentDirection = transceiver.direction;
    setTimeout(() => this.signalingState !== 'closed' && this.setConnectionState('connected'), 1);
    this.updateNegotiationNeeded();
  }

  private setConnectionState(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.emit('connectionstatechange', {});
  }

  /** As the spec: checked once the state is stable, fired when something is left to negotiate. */
  private updateNegotiationNeeded(): void {
    clearTimeout(this.negotiationCheck);
    this.negotiationCheck = setTimeout(() => {
      if (this.signalingState !== 'stable') return;
      const unsent = this.transceivers.some((transceiver) => transceiver.currentDirection === null);
      const ours = this.transceivers.some((transceiver) => transceiver.direction === 'sendrecv');
      if ((unsent && ours) || this.restartPending) this.emit('negotiationneeded', {});
    }, 1);
  }

  private sdp(type: 'offer' | 'answer', answers?: number): string {
    const mids = this.transceivers
      .filter((transceiver) => transceiver.mid !== null)
      .map((transceiver) => ({ mid: transceiver.mid!, kind: transceiver.receiver.track.kind }));
    const sdp: ScriptedSdp = {
      type,
      from: this.id,
      version: ++this.version,
      mids,
      answers,
      iceGeneration: this.iceGeneration,
    };
    return JSON.stringify(sdp);
  }

  private emitSoon(type: string, event: object): void {
    setTimeout(() => this.signalingState !== 'closed' && this.emit(type, event), 1);
  }

  private emit(type: string, event: object): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (event: object) => void)(event);
  }
}

function parse(sdp: string): ScriptedSdp {
  return JSON.parse(sdp) as ScriptedSdp;
}

/** A microphone and camera that always open, and streams that are plain lists of tracks. */
export function scriptedMedia(): CallMedia {
  const trackOf = (kind: 'audio' | 'video') =>
    ({
      kind,
      id: randomUUID(),
      stop: () => undefined,
      addEventListener: () => undefined,
      getSettings: () => ({ deviceId: `fake-${kind}` }),
    }) as unknown as MediaStreamTrack;
  return {
    getUserMedia: (constraints) =>
      Promise.resolve({
        getAudioTracks: () => (constraints.audio ? [trackOf('audio')] : []),
        getVideoTracks: () => (constraints.video ? [trackOf('video')] : []),
      } as unknown as MediaStream),
    enumerateDevices: () => Promise.resolve([]),
    onDeviceChange: () => () => undefined,
    streamOf: (tracks) => ({ getTracks: () => tracks }) as unknown as MediaStream,
    canPickSpeaker: false,
  };
}
