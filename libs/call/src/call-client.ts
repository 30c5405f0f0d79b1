import {
  CALL_EVENTS,
  CallCandidateBroadcastSchema,
  CallDescriptionBroadcastSchema,
  CallMediaBroadcastSchema,
  CallPeerEventSchema,
  type CallJoinAck,
} from '@mockboard/contracts';
import { CallMeter } from './call-meter';
import { callPhase, type Lifecycle } from './call-phase';
import { CallRoster, type RosterAction } from './call-roster';
import { CallSignaling } from './call-signaling';
import { EMPTY_CALL, type CallSnapshot, type RemoteParty } from './call-state';
import type { CallTransport } from './call-transport';
import { LocalMedia } from './local-media';
import type { CallMedia } from './media';
import { RemoteLinks } from './remote-links';

export interface CallClientOptions {
  sessionId: string;
  myUserId: string;
  media: CallMedia;
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
  /** This tab's id in the call, kept across reconnects and rounds; a reload is a new one. */
  endpointId?: string;
  /** How often getStats is read (speaking, quality). */
  statsIntervalMs?: number;
  /** The microphone starts muted: the person muted before this tab reloaded. */
  startMuted?: boolean;
}

/**
 * The call in one tab, without a screen: joins over the room's socket after every session
 * (re)join with the same endpoint id, keeps one PeerLink per remote endpoint across socket
 * changes, and publishes a CallSnapshot for the UI. Everything outside (socket, RTCPeerConnection,
 * devices) is injected, so Node tests drive it with scripted parts. It decides; CallSignaling
 * carries its joins and signals over the socket, RemoteLinks holds the connections, LocalMedia
 * the devices, and CallRoster says whom to connect to.
 */
export class CallClient {
  readonly endpointId: string;
  private readonly roster: CallRoster;
  private readonly signaling: CallSignaling;
  private readonly links: RemoteLinks;
  private readonly local: LocalMedia;
  private readonly meter = new CallMeter();
  private readonly listeners = new Set<() => void>();
  private snapshot: CallSnapshot = EMPTY_CALL;
  private lifecycle: Lifecycle = 'off';
  private everJoined = false;
  private problem: string | null = null;
  private needsAudioUnlock = false;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private measuring = false;

  constructor(private readonly options: CallClientOptions) {
    this.endpointId = options.endpointId ?? crypto.randomUUID();
    this.roster = new CallRoster({ endpointId: this.endpointId, userId: options.myUserId });
    this.signaling = new CallSignaling(options.sessionId, {
      isActive: () => this.lifecycle === 'active',
      rejoin: () => this.join(),
      changed: () => this.publish(),
    });
    this.links = new RemoteLinks({
      sessionId: options.sessionId,
      endpointId: this.endpointId,
      media: options.media,
      createPeerConnection: options.createPeerConnection,
      signaling: this.signaling,
      outgoing: (kind) => this.local.outgoing(kind),
      onChange: () => this.publish(),
      onClose: (endpointId) => this.meter.forget(endpointId),
    });
    this.local = new LocalMedia(
      options.media,
      {
        onOutgoing: (kind, track) => this.links.setTrack(kind, track),
        onMediaState: () => this.announceMedia(),
        onChange: () => this.publish(),
      },
      options.startMuted,
    );
  }

  // ---- for the UI ------------------------------------------------------------------------------

  getSnapshot = (): CallSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Takes part: asks for the microphone at once, and joins as soon as a transport is joined. */
  start(): void {
    if (this.lifecycle !== 'off') return;
    this.problem = null;
    this.everJoined = false;
    this.lifecycle = 'active';
    this.publish();
    void this.local.start();
    this.statsTimer = setInterval(() => void this.measure(), this.options.statsIntervalMs ?? 1_000);
    this.join();
  }

  /**
   * Rides `transport` from now on (the room made a new connection, e.g. for a new round). Its
   * joins trigger ours; returns the detach for when that connection is replaced or closed.
   */
  attach(transport: CallTransport): () => void {
    return this.signaling.attach(transport, {
      [CALL_EVENTS.peer]: (raw) => this.onPeer(raw),
      [CALL_EVENTS.offer]: (raw) => this.onDescription('offer', raw),
      [CALL_EVENTS.answer]: (raw) => this.onDescription('answer', raw),
      [CALL_EVENTS.candidate]: (raw) => this.onCandidate(raw),
      [CALL_EVENTS.media]: (raw) => this.onMedia(raw),
    });
  }

  toggleMute(): void {
    this.local.toggleMute();
  }

  toggleCamera(): void {
    void this.local.toggleCamera();
  }

  selectDevice(kind: 'audioinput' | 'videoinput' | 'audiooutput', deviceId: string): void {
    void this.local.select(kind, deviceId);
  }

  retryMicrophone(): void {
    void this.local.retryMicrophone();
  }

  /** The browser refused to play the partner's audio without a click (autoplay policy), or now plays it. */
  setAudioBlocked(blocked: boolean): void {
    if (blocked === this.needsAudioUnlock) return;
    this.needsAudioUnlock = blocked;
    this.publish();
  }

  /** This tab's call moved to another tab of the same person: take it back here. */
  takeCallHere(): void {
    if (this.lifecycle !== 'moved') return;
    this.lifecycle = 'active';
    this.problem = null;
    this.publish();
    void this.local.start();
    this.join();
  }

  /** Takes no part any more: hangs up, closes every connection, lets go of the devices. */
  stop(): void {
    if (this.lifecycle === 'off') return;
    this.signaling.leave();
    this.lifecycle = 'off';
    this.signaling.hangUp();
    clearInterval(this.statsTimer);
    this.closeAll();
    this.local.release();
    this.publish();
  }

  /** The page is going away: tell the peers now rather than when the server notices. */
  leaveNow(): void {
    this.signaling.leave();
  }

  // ---- joining ---------------------------------------------------------------------------------

  /** call:join with the same endpoint id, on the current connection once its session join holds. */
  private join(): void {
    if (this.lifecycle !== 'active') return;
    const askedAt = this.roster.clock;
    const media = this.local.state;
    const payload = { sessionId: this.options.sessionId, endpointId: this.endpointId, media };
    this.signaling.join(payload, {
      answered: (ack) => {
        this.joined(ack, askedAt);
        // A mute or camera change while the join was on its way was not relayed: say it now.
        if (JSON.stringify(media) !== JSON.stringify(this.local.state)) this.announceMedia();
      },
      refused: (message) => this.refused(message),
    });
  }

  /** Not ours to join (the session ended, or this is not a participant): stop trying. */
  private refused(message: string): void {
    this.problem = message;
    this.lifecycle = 'ended';
    this.closeAll();
    this.local.release();
    this.publish();
  }

  private joined(ack: CallJoinAck, askedAt: number): void {
    this.everJoined = true;
    this.links.configure({ iceServers: ack.iceServers, iceTransportPolicy: ack.iceTransportPolicy });
    this.apply(this.roster.joined(ack.peers, (endpointId) => this.links.isUp(endpointId), askedAt));
    this.publish();
  }

  // ---- what the server relays ------------------------------------------------------------------

  private onPeer(raw: unknown): void {
    const event = CallPeerEventSchema.safeParse(raw);
    if (!event.success || !this.listening(event.data.sessionId)) return;
    this.apply(this.roster.heard(event.data));
    this.publish();
  }

  private onDescription(type: 'offer' | 'answer', raw: unknown): void {
    const signal = CallDescriptionBroadcastSchema.safeParse(raw);
    if (!signal.success || !this.listening(signal.data.sessionId)) return;
    const { from, fromUserId, sdp, to } = signal.data;
    // Relays reach everyone in the call: only what is addressed to this tab is ours.
    if (to !== this.endpointId || fromUserId === this.options.myUserId) return;
    if (type === 'offer') {
      this.apply(this.roster.offered(from, fromUserId));
      this.links.connect(from);
    }
    this.links.get(from)?.receiveDescription(type, sdp);
    this.publish();
  }

  private onCandidate(raw: unknown): void {
    const signal = CallCandidateBroadcastSchema.safeParse(raw);
    if (signal.success && this.listening(signal.data.sessionId) && signal.data.to === this.endpointId)
      this.links.get(signal.data.from)?.receiveCandidate(signal.data.candidate);
  }

  private onMedia(raw: unknown): void {
    const signal = CallMediaBroadcastSchema.safeParse(raw);
    if (!signal.success || !this.listening(signal.data.sessionId)) return;
    if (this.roster.mediaOf(signal.data.from, signal.data.media)) this.publish();
  }

  private listening(sessionId: string): boolean {
    return this.lifecycle === 'active' && sessionId === this.options.sessionId;
  }

  private apply(actions: RosterAction[]): void {
    for (const action of actions) {
      if (action.kind === 'step-back') return this.stepBack();
      if (action.kind === 'close') this.links.close(action.endpointId);
      else if (action.kind === 'connect') this.links.connect(action.endpointId);
      // A re-join on either side: this side's join answer lists the peer, the peer's re-join is heard.
      else this.links.get(action.endpointId)?.repair();
    }
  }

  /** Another tab of mine took the call: this one lets go of everything until taken back. */
  private stepBack(): void {
    // Out of the call on the server too, so a partner who joins later is offered the new tab only.
    this.signaling.leave();
    this.lifecycle = 'moved';
    this.signaling.hangUp();
    this.closeAll();
    this.local.release();
  }

  /** Every connection closed and every peer forgotten: the call starts afresh at the next join. */
  private closeAll(): void {
    this.links.closeAll();
    this.roster.clear();
  }

  private announceMedia(): void {
    this.signaling.signal(CALL_EVENTS.media, { sessionId: this.options.sessionId, media: this.local.state });
  }

  // ---- the snapshot ------------------------------------------------------------------------------

  private async measure(): Promise<void> {
    if (this.measuring || this.links.all.size === 0) return;
    this.measuring = true;
    try {
      if (await this.meter.measure(this.links.all, Date.now())) this.publish();
    } finally {
      this.measuring = false;
    }
  }

  private publish(): void {
    const remotes: RemoteParty[] = [];
    for (const peer of this.roster.list()) {
      remotes.push({
        userId: peer.userId,
        endpointId: peer.endpointId,
        media: peer.media,
        stream: this.links.streamOf(peer.endpointId),
        connection: this.links.get(peer.endpointId)?.state ?? 'connecting',
        speaking: this.meter.speaking(peer.endpointId),
        quality: this.meter.quality(peer.endpointId),
      });
    }
    const local = this.local;
    this.snapshot = {
      phase: callPhase({
        lifecycle: this.lifecycle,
        everJoined: this.everJoined,
        inCall: this.signaling.inCall,
        connections: remotes.map((remote) => remote.connection),
      }),
      mic: local.mic,
      camera: local.camera,
      localStream: local.stream,
      localSpeaking: this.meter.localSpeaking,
      remotes,
      devices: local.devices,
      selected: local.selected,
      needsAudioUnlock: this.needsAudioUnlock && remotes.length > 0,
      problem: this.problem ?? local.problem,
    };
    for (const listener of [...this.listeners]) listener();
  }
}
