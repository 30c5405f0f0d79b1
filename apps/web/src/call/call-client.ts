import {
  CALL_EVENTS,
  CallCandidateBroadcastSchema,
  CallDescriptionBroadcastSchema,
  CallJoinAckSchema,
  CallMediaBroadcastSchema,
  CallPeerEventSchema,
  ErrorAckSchema,
  type CallJoinAck,
} from '@mockboard/contracts';
import { CallMeter } from './call-meter';
import { callPhase, type Lifecycle } from './call-phase';
import { CallRoster, isPolite, type RosterAction } from './call-roster';
import { EMPTY_CALL, type CallSnapshot, type RemoteParty } from './call-state';
import type { CallTransport } from './call-transport';
import { LocalMedia } from './local-media';
import type { CallMedia } from './media';
import { PeerLink, type TrackKind } from './peer-link';

export interface CallClientOptions {
  sessionId: string;
  myUserId: string;
  media: CallMedia;
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
  /** This tab's id in the call, kept across reconnects and rounds; a reload is a new one. */
  endpointId?: string;
  /** How often getStats is read (speaking, quality). */
  statsIntervalMs?: number;
}

const RETRY_MS = 1_000;
const SIGNAL_ATTEMPTS = 3;
/** Fresh TURN credentials this long before the old ones expire (or a fifth of their life, if shorter). */
const RENEW_AHEAD_MS = 5 * 60_000;

/**
 * The call in one tab, without a screen: joins over the room's socket after every session
 * (re)join with the same endpoint id, keeps one PeerLink per remote endpoint across socket
 * changes, and publishes a CallSnapshot for the UI. Everything outside (socket, RTCPeerConnection,
 * devices) is injected, so Node tests drive it with scripted parts.
 */
export class CallClient {
  readonly endpointId: string;
  private readonly roster: CallRoster;
  private readonly links = new Map<string, PeerLink>();
  private readonly remoteStreams = new Map<string, MediaStream>();
  private readonly local: LocalMedia;
  private readonly meter = new CallMeter();
  private readonly listeners = new Set<() => void>();
  private snapshot: CallSnapshot = EMPTY_CALL;
  private lifecycle: Lifecycle = 'off';
  private transport: CallTransport | null = null;
  /** Our call:join was answered on the current connection: signals reach the peers. */
  private inCall = false;
  private everJoined = false;
  private joinAttempt = 0;
  private config: RTCConfiguration = { iceServers: [], iceTransportPolicy: 'all' };
  private problem: string | null = null;
  private needsAudioUnlock = false;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private measuring = false;

  constructor(private readonly options: CallClientOptions) {
    this.endpointId = options.endpointId ?? crypto.randomUUID();
    this.roster = new CallRoster({ endpointId: this.endpointId, userId: options.myUserId });
    this.local = new LocalMedia(options.media, {
      onOutgoing: (kind, track) => this.sendTrack(kind, track),
      onMediaState: () => this.announceMedia(),
      onChange: () => this.publish(),
    });
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
    this.transport = transport;
    this.inCall = false;
    const offs = [
      transport.on(CALL_EVENTS.peer, (raw) => this.onPeer(raw)),
      transport.on(CALL_EVENTS.offer, (raw) => this.onDescription('offer', raw)),
      transport.on(CALL_EVENTS.answer, (raw) => this.onDescription('answer', raw)),
      transport.on(CALL_EVENTS.candidate, (raw) => this.onCandidate(raw)),
      transport.on(CALL_EVENTS.media, (raw) => this.onMedia(raw)),
      transport.onJoined(() => this.join()),
      transport.onDisconnected(() => this.lostSignaling(transport)),
    ];
    this.join();
    return () => {
      for (const off of offs) off();
      this.lostSignaling(transport);
      if (this.transport === transport) this.transport = null;
    };
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
    if (this.inCall) this.transport?.send(CALL_EVENTS.leave, { sessionId: this.options.sessionId });
    this.lifecycle = 'off';
    clearTimeout(this.renewTimer);
    this.inCall = false;
    clearInterval(this.statsTimer);
    this.closeAll();
    this.local.release();
    this.publish();
  }

  /** The page is going away: tell the peers now rather than when the server notices. */
  leaveNow(): void {
    if (this.inCall) this.transport?.send(CALL_EVENTS.leave, { sessionId: this.options.sessionId });
  }

  // ---- joining ---------------------------------------------------------------------------------

  /** call:join with the same endpoint id, on the current connection once its session join holds. */
  private join(): void {
    const transport = this.transport;
    if (this.lifecycle !== 'active' || !transport?.joined) return;
    const attempt = ++this.joinAttempt;
    const askedAt = this.roster.clock;
    const payload = {
      sessionId: this.options.sessionId,
      endpointId: this.endpointId,
      media: this.local.state,
    };
    const current = () =>
      attempt === this.joinAttempt && this.transport === transport && this.lifecycle === 'active';
    const retry = () => void setTimeout(() => current() && transport.joined && this.join(), RETRY_MS);
    transport.request(CALL_EVENTS.join, payload).then(
      (raw) => {
        if (!current()) return;
        const ack = CallJoinAckSchema.safeParse(raw);
        if (!ack.success) return this.refused(raw, retry);
        this.joined(ack.data, askedAt);
        // A mute or camera change while the join was on its way was not relayed: say it now.
        if (JSON.stringify(payload.media) !== JSON.stringify(this.local.state)) this.announceMedia();
      },
      // No answer in time: the next session join tries again, or this one if still connected.
      () => current() && retry(),
    );
  }

  /** A join refused: tried again when the server was busy, else given up (not ours to join). */
  private refused(raw: unknown, retry: () => void): void {
    const refusal = ErrorAckSchema.safeParse(raw);
    const code = refusal.success ? refusal.data.error.code : 'internal';
    if (code === 'rate_limited' || code === 'internal') return retry();
    // Not ours to join (the session ended, or this is not a participant): stop trying.
    this.problem = refusal.success ? refusal.data.error.message : 'The call could not start';
    this.lifecycle = 'ended';
    this.closeAll();
    this.local.release();
    this.publish();
  }

  private joined(ack: CallJoinAck, askedAt: number): void {
    this.inCall = true;
    this.everJoined = true;
    this.config = { iceServers: ack.iceServers, iceTransportPolicy: ack.iceTransportPolicy };
    for (const link of this.links.values()) link.configure(this.config);
    this.scheduleRenewal(ack.credentialsExpireAt);
    const isUp = (endpointId: string) => this.links.get(endpointId)?.connected ?? false;
    this.apply(this.roster.joined(ack.peers, isUp, askedAt));
    this.publish();
  }

  /** TURN credentials are short-lived: join again for fresh ones before they expire. */
  private scheduleRenewal(expiresAt: string | null): void {
    clearTimeout(this.renewTimer);
    if (!expiresAt) return;
    const left = Date.parse(expiresAt) - Date.now();
    const delay = Math.max(10_000, left - Math.min(RENEW_AHEAD_MS, left / 5));
    this.renewTimer = setTimeout(() => this.join(), delay);
  }

  private lostSignaling(transport: CallTransport): void {
    if (this.transport !== transport || !this.inCall) return;
    this.inCall = false;
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
      if (!this.links.has(from)) this.connect(from);
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
      if (action.kind === 'close') this.close(action.endpointId);
      else if (action.kind === 'connect') this.connect(action.endpointId);
      // A re-join on either side: this side's join answer lists the peer, the peer's re-join is heard.
      else this.links.get(action.endpointId)?.repair();
    }
  }

  /** Another tab of mine took the call: this one lets go of everything until taken back. */
  private stepBack(): void {
    // Out of the call on the server too, so a partner who joins later is offered the new tab only.
    this.leaveNow();
    this.lifecycle = 'moved';
    this.inCall = false;
    clearTimeout(this.renewTimer);
    this.closeAll();
    this.local.release();
  }

  // ---- peer links --------------------------------------------------------------------------------

  private connect(endpointId: string): void {
    if (this.links.has(endpointId)) return;
    const to = endpointId;
    const sessionId = this.options.sessionId;
    const link = new PeerLink({
      pc: this.options.createPeerConnection(this.config),
      polite: isPolite(this.endpointId, endpointId),
      tracks: { audio: this.local.outgoing('audio'), video: this.local.outgoing('video') },
      signals: {
        description: (type, sdp) =>
          this.signal(type === 'offer' ? CALL_EVENTS.offer : CALL_EVENTS.answer, { sessionId, to, sdp }),
        candidate: (candidate) => this.signal(CALL_EVENTS.candidate, { sessionId, to, candidate }),
      },
      onTrack: (track) => this.addRemoteTrack(endpointId, track),
      onChange: () => this.publish(),
      canSignal: () => this.inCall,
    });
    this.links.set(endpointId, link);
  }

  private addRemoteTrack(endpointId: string, track: MediaStreamTrack): void {
    const tracks = this.remoteStreams.get(endpointId)?.getTracks() ?? [];
    const others = tracks.filter((known) => known.kind !== track.kind);
    // A new stream object, so the elements playing it pick up the new track.
    this.remoteStreams.set(endpointId, this.options.media.streamOf([...others, track]));
    this.publish();
  }

  private close(endpointId: string): void {
    this.links.get(endpointId)?.close();
    this.links.delete(endpointId);
    this.remoteStreams.delete(endpointId);
    this.meter.forget(endpointId);
  }

  private closeAll(): void {
    for (const endpointId of [...this.links.keys()]) this.close(endpointId);
    this.roster.clear();
  }

  private sendTrack(kind: TrackKind, track: MediaStreamTrack | null): void {
    for (const link of this.links.values()) link.setTrack(kind, track);
  }

  private announceMedia(): void {
    this.signal(CALL_EVENTS.media, { sessionId: this.options.sessionId, media: this.local.state });
  }

  /**
   * Relays one signal when the call is joined on the current connection; a rate-limited one is
   * tried again. Lost signals are not queued: the next re-join repairs every link that is down.
   */
  private signal(event: string, payload: object, attempt = 1): void {
    const transport = this.transport;
    if (!transport || !this.inCall) return;
    transport.request(event, payload).then(
      (raw) => {
        const refusal = ErrorAckSchema.safeParse(raw);
        if (refusal.success && refusal.data.error.code === 'rate_limited' && attempt < SIGNAL_ATTEMPTS)
          setTimeout(() => this.signal(event, payload, attempt + 1), 250 * attempt);
      },
      () => undefined,
    );
  }

  // ---- the snapshot ------------------------------------------------------------------------------

  private async measure(): Promise<void> {
    if (this.measuring || this.links.size === 0) return;
    this.measuring = true;
    try {
      if (await this.meter.measure(this.links, Date.now())) this.publish();
    } finally {
      this.measuring = false;
    }
  }

  private publish(): void {
    const remotes: RemoteParty[] = [];
    for (const peer of this.roster.list()) {
      const link = this.links.get(peer.endpointId);
      remotes.push({
        userId: peer.userId,
        endpointId: peer.endpointId,
        media: peer.media,
        stream: this.remoteStreams.get(peer.endpointId) ?? null,
        connection: link?.state ?? 'connecting',
        speaking: this.meter.speaking(peer.endpointId),
        quality: this.meter.quality(peer.endpointId),
      });
    }
    const local = this.local;
    this.snapshot = {
      phase: callPhase({
        lifecycle: this.lifecycle,
        everJoined: this.everJoined,
        inCall: this.inCall,
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
