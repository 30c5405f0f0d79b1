import type { CallMedia } from '@mockboard/call';

/** The call's devices in the browser: navigator.mediaDevices, MediaStream and the audio elements' setSinkId. */
export function browserMedia(): CallMedia {
  const devices = navigator.mediaDevices;
  return {
    getUserMedia: (constraints) =>
      devices
        ? devices.getUserMedia(constraints)
        : // No mediaDevices outside a secure context (plain http to a LAN address).
          Promise.reject(new DOMException('Media devices need https', 'NotSupportedError')),
    enumerateDevices: () => devices?.enumerateDevices() ?? Promise.resolve([]),
    onDeviceChange(listener) {
      devices?.addEventListener('devicechange', listener);
      return () => devices?.removeEventListener('devicechange', listener);
    },
    streamOf: (tracks) => new MediaStream(tracks),
    canPickSpeaker: typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype,
  };
}
