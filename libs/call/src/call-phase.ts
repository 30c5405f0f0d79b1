import type { CallPhase, RemoteParty } from './call-state';

/** This tab's part in the call as a whole, beside what its connections say. */
export type Lifecycle = 'off' | 'active' | 'moved' | 'ended';

export interface PhaseFacts {
  lifecycle: Lifecycle;
  /** A call:join was answered at least once since the start. */
  everJoined: boolean;
  /** The call is joined on the current room connection: signals reach the peers. */
  inCall: boolean;
  /** The state of the connection to each remote party. */
  connections: RemoteParty['connection'][];
}

/** The call's phase in the room's words, from what the call client knows. */
export function callPhase({ lifecycle, everJoined, inCall, connections }: PhaseFacts): CallPhase {
  if (lifecycle !== 'active') return lifecycle;
  if (!everJoined) return 'starting';
  // Media that flows needs no socket: a dropped room connection alone does not interrupt the call.
  if (connections.includes('connected')) return 'connected';
  if (!inCall) return 'reconnecting';
  if (connections.length === 0) return 'waiting';
  if (connections.some((connection) => connection !== 'connecting')) return 'reconnecting';
  return 'connecting';
}
