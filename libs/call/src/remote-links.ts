import { CALL_EVENTS } from '@mockboard/contracts';
import { isPolite } from './call-roster';
import type { CallSignaling } from './call-signaling';
import type { CallMedia } from './media';
import { PeerLink, type TrackKind } from './peer-link';

export interface RemoteLinksOptions {
  sessionId: string;
  /** This tab's endpoint: with the remote one, it decides who is polite. */
  endpointId: string;
  media: CallMedia;
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
  signaling: CallSignaling;
  /** What this tab sends now, for a new connection's first tracks. */
  outgoing(kind: TrackKind): MediaStreamTrack | null;
  /** A connection's state or what it plays changed. */
  onChange(): void;
  /** A connection was closed: whatever was measured on it is stale. */
  onClose(endpointId: string): void;
}

/**
 * This tab's connections to the other endpoints of the call, one PeerLink each, and the stream
 * each one plays. They outlive the room's sockets: only the roster's decisions open or close them.
 */
export class RemoteLinks {
  private readonly links = new Map<string, PeerLink>();
  private readonly streams = new Map<string, MediaStream>();
  private config: RTCConfiguration = { iceServers: [], iceTransportPolicy: 'all' };

  constructor(private readonly options: RemoteLinksOptions) {}

  /** Every open connection by endpoint, for the meter to read. */
  get all(): ReadonlyMap<string, PeerLink> {
    return this.links;
  }

  get(endpointId: string): PeerLink | undefined {
    return this.links.get(endpointId);
  }

  isUp(endpointId: string): boolean {
    return this.links.get(endpointId)?.connected ?? false;
  }

  streamOf(endpointId: string): MediaStream | null {
    return this.streams.get(endpointId) ?? null;
  }

  /** ICE servers from the latest join: for new connections, and the next ICE restart of open ones. */
  configure(config: RTCConfiguration): void {
    this.config = config;
    for (const link of this.links.values()) link.configure(config);
  }

  connect(endpointId: string): void {
    if (this.links.has(endpointId)) return;
    const { sessionId, signaling } = this.options;
    const to = endpointId;
    const link = new PeerLink({
      pc: this.options.createPeerConnection(this.config),
      polite: isPolite(this.options.endpointId, endpointId),
      tracks: { audio: this.options.outgoing('audio'), video: this.options.outgoing('video') },
      signals: {
        description: (type, sdp) =>
          signaling.signal(type === 'offer' ? CALL_EVENTS.offer : CALL_EVENTS.answer, { sessionId, to, sdp }),
        candidate: (candidate) => signaling.signal(CALL_EVENTS.candidate, { sessionId, to, candidate }),
      },
      onTrack: (track) => this.addTrack(endpointId, track),
      onChange: () => this.options.onChange(),
      canSignal: () => signaling.inCall,
    });
    this.links.set(endpointId, link);
  }

  setTrack(kind: TrackKind, track: MediaStreamTrack | null): void {
    for (const link of this.links.values()) link.setTrack(kind, track);
  }

  close(endpointId: string): void {
    this.links.get(endpointId)?.close();
    this.links.delete(endpointId);
    this.streams.delete(endpointId);
    this.options.onClose(endpointId);
  }

  closeAll(): void {
    for (const endpointId of [...this.links.keys()]) this.close(endpointId);
  }

  private addTrack(endpointId: string, track: MediaStreamTrack): void {
    const tracks = this.streams.get(endpointId)?.getTracks() ?? [];
    const others = tracks.filter((known) => known.kind !== track.kind);
    // A new stream object, so the elements playing it pick up the new track.
    this.streams.set(endpointId, this.options.media.streamOf([...others, track]));
    this.options.onChange();
  }
}
