// The call rides WebRTC, so its types (RTCPeerConnection, MediaStream, MediaDeviceInfo) come from
// the DOM library; the objects themselves are injected, and Node tests hand in scripted ones.
/// <reference lib="dom" />
export * from './call-client';
export * from './call-state';
export * from './call-transport';
export type { CallMedia } from './media';
