import type { CallMediaState } from '@mockboard/contracts';

/**
 * What the call looks like to the screen: a snapshot the call client publishes on every change
 * (the UI never reads RTCPeerConnection itself).
 */

/** The call as a whole, in the words the room shows. */
export type CallPhase =
  /** Not started yet, or this tab takes no part (solo session, observer, ended interview). */
  | 'off'
  /** Asking for the microphone and joining over the room's connection. */
  | 'starting'
  /** In the call, nobody else is yet. */
  | 'waiting'
  /** A partner is there; the media path is being set up. */
  | 'connecting'
  | 'connected'
  /** The media path or the room's connection dropped; an ICE restart or re-join is under way. */
  | 'reconnecting'
  /** This tab's call moved to another tab of the same person. */
  | 'moved'
  /** Left for good (hung up, interview ended). */
  | 'ended';

/** The microphone, as far as this tab knows. */
export type MicState =
  | 'pending'
  | 'on'
  | 'muted'
  /** The browser (or the person) refused access: the room says how to allow it. */
  | 'denied'
  /** No microphone found, or it is in use by another program. */
  | 'unavailable';

export type CameraState = 'off' | 'starting' | 'on' | 'denied' | 'unavailable';

/** Round trip and loss on the media path, from getStats; `poor` when worth showing. */
export interface CallQuality {
  roundTripMs: number | null;
  /** Share of the last interval's inbound packets that were lost, 0–100. */
  packetLossPercent: number | null;
  poor: boolean;
}

/** The other person in the call (one endpoint: the tab they take part from). */
export interface RemoteParty {
  userId: string;
  endpointId: string;
  /** What they say they send: muted, camera on. */
  media: CallMediaState;
  /** Their audio and video, once tracks arrived. */
  stream: MediaStream | null;
  connection: 'connecting' | 'connected' | 'reconnecting' | 'failed';
  speaking: boolean;
  quality: CallQuality;
}

export interface MediaDevices {
  audioInputs: MediaDeviceInfo[];
  videoInputs: MediaDeviceInfo[];
  /** Empty where the browser cannot pick a speaker (no setSinkId). */
  audioOutputs: MediaDeviceInfo[];
}

export interface CallSnapshot {
  phase: CallPhase;
  mic: MicState;
  camera: CameraState;
  /** This tab's own camera preview (audio tracks included but never played back). */
  localStream: MediaStream | null;
  localSpeaking: boolean;
  remotes: RemoteParty[];
  devices: MediaDevices;
  selected: { audioInput: string | null; videoInput: string | null; audioOutput: string | null };
  /** The browser would not play sound without a click (autoplay policy): show a button. */
  needsAudioUnlock: boolean;
  /** The latest problem worth telling the person, in words. */
  problem: string | null;
}

export const EMPTY_CALL: CallSnapshot = {
  phase: 'off',
  mic: 'pending',
  camera: 'off',
  localStream: null,
  localSpeaking: false,
  remotes: [],
  devices: { audioInputs: [], videoInputs: [], audioOutputs: [] },
  selected: { audioInput: null, videoInput: null, audioOutput: null },
  needsAudioUnlock: false,
  problem: null,
};
