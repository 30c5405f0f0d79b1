import type { CallQuality, CallSnapshot, RemoteParty } from '@mockboard/call';

/** The call in words for the room bar: its state, and what is worth knowing beside it. */
export interface CallWords {
  state: string;
  /** "Ben is muted", while the partner sends no audio. */
  partnerMuted: string | null;
  /** Round trip and loss, only while the connection is poor enough to explain a bad line. */
  quality: string | null;
}

/** The partner in the call: the first remote endpoint (a session has two participants). */
export const partnerOf = (call: CallSnapshot): RemoteParty | null => call.remotes[0] ?? null;

/** What the room bar says about the call, or null when this tab takes no part in one. */
export function callWords(call: CallSnapshot, partnerName: string): CallWords | null {
  const partner = partnerOf(call);
  const state = stateWords(call, partner, partnerName);
  if (state === null) return null;
  const inCall = call.phase === 'connecting' || call.phase === 'connected' || call.phase === 'reconnecting';
  return {
    state,
    partnerMuted: inCall && partner && !partner.media.audio ? `${partnerName} is muted` : null,
    quality: inCall && partner?.quality.poor ? qualityWords(partner.quality) : null,
  };
}

function stateWords(call: CallSnapshot, partner: RemoteParty | null, partnerName: string): string | null {
  switch (call.phase) {
    case 'off':
      return null;
    case 'starting':
    case 'connecting':
      return 'Connecting call…';
    case 'waiting':
      return `Waiting for ${partnerName} to join the call`;
    case 'connected':
      // The partner's own link can still be recovering while the call as a whole counts as up.
      return partner?.connection === 'reconnecting' ? 'Reconnecting call…' : 'Call connected';
    case 'reconnecting':
      return 'Reconnecting call…';
    case 'moved':
      return 'Call moved to another tab';
    case 'ended':
      return 'Call ended';
  }
}

/** e.g. "Poor connection: 480 ms round trip, 7 % loss"; either figure is left out when unknown. */
export function qualityWords(quality: CallQuality): string {
  const figures = [
    quality.roundTripMs === null ? null : `${Math.round(quality.roundTripMs)} ms round trip`,
    quality.packetLossPercent === null ? null : `${Math.round(quality.packetLossPercent)} % loss`,
  ].filter((figure) => figure !== null);
  return figures.length > 0 ? `Poor connection: ${figures.join(', ')}` : 'Poor connection';
}

/** Who is speaking and who is muted, by user id, for the avatars in the room bar. */
export interface CallPresence {
  speaking: ReadonlySet<string>;
  muted: ReadonlySet<string>;
}

export const NO_CALL_PRESENCE: CallPresence = { speaking: new Set(), muted: new Set() };

export function callPresence(call: CallSnapshot, myUserId: string): CallPresence {
  if (call.phase === 'off' || call.phase === 'ended' || call.phase === 'moved') return NO_CALL_PRESENCE;
  const speaking = new Set<string>();
  const muted = new Set<string>();
  if (call.localSpeaking && call.mic === 'on') speaking.add(myUserId);
  if (call.mic === 'muted') muted.add(myUserId);
  for (const remote of call.remotes) {
    if (remote.speaking && remote.media.audio) speaking.add(remote.userId);
    if (!remote.media.audio) muted.add(remote.userId);
  }
  return { speaking, muted };
}
