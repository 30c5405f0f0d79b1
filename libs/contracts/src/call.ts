import { z } from 'zod';

/**
 * The room's call: WebRTC between the session's participants, peer to peer. Signaling rides the
 * room's socket.io connection; the server relays it only between the session's participant sockets
 * and stamps who sent it (`from`, `fromUserId`), so nobody can speak for another tab or person.
 *
 * A browser tab takes part as one *endpoint*, a random id it keeps for its whole life: across socket
 * reconnects and round changes its peer connections carry on, and a reload is a new endpoint.
 */
export const CALL_EVENTS = {
  /** c→s: take part; the ack carries the ICE configuration and the endpoints already in the call. */
  join: 'call:join',
  /** c→s: leave the call (hang up, or the tab closes); peers hear `call:peer` with state `left`. */
  leave: 'call:leave',
  /** c→s and s→c: a session description, addressed to one endpoint. */
  offer: 'call:offer',
  answer: 'call:answer',
  /** c→s and s→c: an ICE candidate, addressed to one endpoint. */
  candidate: 'call:candidate',
  /** c→s and s→c: whether this endpoint is sending audio and video (mute state). */
  media: 'call:media',
  /** s→c: an endpoint joined, left, or lost its connection to the server. */
  peer: 'call:peer',
} as const;

export const CALL_LIMITS = {
  /** Characters of one SDP: a real audio+video offer is 4–12 KB; renegotiations add little. */
  maxSdpChars: 65_536,
  /** Characters of one ICE candidate line (they are ~100–200). */
  maxCandidateChars: 2_048,
} as const;

const SessionId = z.uuid({ message: 'must be a session id' });
export const EndpointIdSchema = z.uuid({ message: 'must be the endpoint id the tab chose (a UUID)' });

export const CallMediaStateSchema = z.strictObject({
  /** Sending audio: false when muted or without a microphone. */
  audio: z.boolean(),
  /** Sending video: the camera is on. */
  video: z.boolean(),
});
export type CallMediaState = z.infer<typeof CallMediaStateSchema>;

/** One ICE server as RTCPeerConnection takes it; TURN entries carry short-lived credentials. */
export const IceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServerSchema>;

export const CallPeerSchema = z.object({
  endpointId: EndpointIdSchema,
  userId: z.uuid(),
  media: CallMediaStateSchema,
});
export type CallPeer = z.infer<typeof CallPeerSchema>;

// ---- client → server ----------------------------------------------------------------------------

export const CallJoinRequestSchema = z.strictObject({
  sessionId: SessionId,
  endpointId: EndpointIdSchema,
  media: CallMediaStateSchema,
});
export type CallJoinRequest = z.infer<typeof CallJoinRequestSchema>;

export const CallJoinAckSchema = z.object({
  ok: z.literal(true),
  /** Configured STUN/TURN servers (may be empty: host candidates still connect on a LAN). */
  iceServers: z.array(IceServerSchema),
  /** `relay` when the operator routes every call through TURN (which also hides addresses). */
  iceTransportPolicy: z.enum(['all', 'relay']),
  /** When the TURN credentials stop working: a client re-joins before then to renew them. */
  credentialsExpireAt: z.iso.datetime().nullable(),
  /** Endpoints of the other participant(s) already in the call. */
  peers: z.array(CallPeerSchema),
});
export type CallJoinAck = z.infer<typeof CallJoinAckSchema>;

export const CallLeaveRequestSchema = z.strictObject({ sessionId: SessionId });

/** An offer or an answer (the event says which), for one endpoint. */
export const CallDescriptionRequestSchema = z.strictObject({
  sessionId: SessionId,
  to: EndpointIdSchema,
  sdp: z
    .string()
    .min(1)
    .max(CALL_LIMITS.maxSdpChars, {
      message: `an SDP is capped at ${CALL_LIMITS.maxSdpChars} characters`,
    }),
});
export type CallDescriptionRequest = z.infer<typeof CallDescriptionRequestSchema>;

export const IceCandidateSchema = z.strictObject({
  /** Empty for the end-of-candidates marker. */
  candidate: z.string().max(CALL_LIMITS.maxCandidateChars, {
    message: `an ICE candidate is capped at ${CALL_LIMITS.maxCandidateChars} characters`,
  }),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
export type IceCandidate = z.infer<typeof IceCandidateSchema>;

export const CallCandidateRequestSchema = z.strictObject({
  sessionId: SessionId,
  to: EndpointIdSchema,
  candidate: IceCandidateSchema,
});
export type CallCandidateRequest = z.infer<typeof CallCandidateRequestSchema>;

export const CallMediaRequestSchema = z.strictObject({ sessionId: SessionId, media: CallMediaStateSchema });
export type CallMediaRequest = z.infer<typeof CallMediaRequestSchema>;

// ---- server → client ----------------------------------------------------------------------------

/** Who sent a relayed signal: stamped by the server from the sending socket, never taken from it. */
const Sender = { sessionId: z.uuid(), from: EndpointIdSchema, fromUserId: z.uuid() };

export const CallDescriptionBroadcastSchema = CallDescriptionRequestSchema.extend(Sender);
export type CallDescriptionBroadcast = z.infer<typeof CallDescriptionBroadcastSchema>;

export const CallCandidateBroadcastSchema = CallCandidateRequestSchema.extend(Sender);
export type CallCandidateBroadcast = z.infer<typeof CallCandidateBroadcastSchema>;

export const CallMediaBroadcastSchema = CallMediaRequestSchema.extend(Sender);
export type CallMediaBroadcast = z.infer<typeof CallMediaBroadcastSchema>;

export const CallPeerEventSchema = z.object({
  sessionId: z.uuid(),
  endpointId: EndpointIdSchema,
  userId: z.uuid(),
  /**
   * `joined`: a new endpoint, or one back after a reconnect (same id). `left`: it hung up or closed.
   * `disconnected`: its socket dropped; its media may still flow, so peers keep the connection
   * until ICE says otherwise.
   */
  state: z.enum(['joined', 'left', 'disconnected']),
  media: CallMediaStateSchema,
});
export type CallPeerEvent = z.infer<typeof CallPeerEventSchema>;
