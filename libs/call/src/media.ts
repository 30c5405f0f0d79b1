/**
 * The microphone, camera and speakers, behind a small interface: the browser's in the room
 * (the web app's browserMedia), a scripted one in Node tests.
 */
export interface CallMedia {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  enumerateDevices(): Promise<MediaDeviceInfo[]>;
  /** Calls `listener` when a device is plugged in or out; returns the unsubscribe. */
  onDeviceChange(listener: () => void): () => void;
  /** A stream of the given tracks (for previews and the remote party's tracks). */
  streamOf(tracks: MediaStreamTrack[]): MediaStream;
  /** Whether audio elements can choose their output device (setSinkId). */
  canPickSpeaker: boolean;
}

/** Why getUserMedia failed, in the two kinds the room tells apart. */
export function deviceProblem(error: unknown): 'denied' | 'unavailable' {
  const name = error instanceof Error || isNamed(error) ? error.name : '';
  // Refused by the person, by the browser's settings, or by the page's permissions policy.
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable';
}

const isNamed = (value: unknown): value is { name: string } =>
  typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';

/** Constraints for one kind of device: the chosen one when there is a choice, else the default. */
export function constraintsFor(kind: 'audio' | 'video', deviceId: string | null): MediaStreamConstraints {
  const chosen = deviceId ? { deviceId: { exact: deviceId } } : true;
  if (kind === 'audio') return { audio: chosen === true ? AUDIO_DEFAULTS : { ...AUDIO_DEFAULTS, ...chosen } };
  return { video: chosen === true ? VIDEO_DEFAULTS : { ...VIDEO_DEFAULTS, ...chosen } };
}

// A call beside a whiteboard: echo cancellation for laptop speakers, and a small video tile.
const AUDIO_DEFAULTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};
const VIDEO_DEFAULTS: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 } };
