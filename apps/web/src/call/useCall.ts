import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { CallClient, collabTransport, type CallSnapshot } from '@mockboard/call';
import type { CollabClient } from '@mockboard/collab';
import { browserMedia } from './browser-media';

export interface UseCallOptions {
  sessionId: string;
  /** The room's current connection; a new round brings a new one, and the call rides it. */
  client: CollabClient;
  /** false for solo sessions, observers and ended interviews: the phase stays 'off', nothing joins. */
  enabled: boolean;
  myUserId: string;
}

export interface CallActions {
  toggleMute(): void;
  toggleCamera(): void;
  selectDevice(kind: 'audioinput' | 'videoinput' | 'audiooutput', deviceId: string): void;
  /** Plays the partner's audio after the browser's autoplay policy held it back (call on a click). */
  unlockAudio(): void;
  /** Moves the call back to this tab after another tab of the same person took it. */
  takeCallHere(): void;
  retryMicrophone(): void;
}

/** What <RemoteAudio> needs from the hook: when to try playing again, and where to say it could not. */
export interface RemoteAudioControl {
  /** Bumped by unlockAudio(): every element tries play() again. */
  unlockRequests: number;
  onBlocked(): void;
  onPlaying(): void;
}

/**
 * The room's call for one tab and session: one CallClient that lives across round changes (each
 * brings a new CollabClient) and joins on every session (re)join of whichever is current.
 */
export function useCall({ sessionId, client, enabled, myUserId }: UseCallOptions) {
  const call = useMemo(
    () =>
      new CallClient({
        sessionId,
        myUserId,
        media: browserMedia(),
        createPeerConnection: (config) => new RTCPeerConnection(config),
        startMuted: mutedBeforeReload(sessionId),
      }),
    [sessionId, myUserId],
  );
  const [unlockRequests, setUnlockRequests] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    call.start();
    const leave = () => call.leaveNow();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      call.stop();
    };
  }, [call, enabled]);

  useEffect(() => call.attach(collabTransport(client)), [call, client]);

  const snapshot: CallSnapshot = useSyncExternalStore(call.subscribe, call.getSnapshot);
  useEffect(() => rememberMuted(sessionId, snapshot.mic), [sessionId, snapshot.mic]);
  const actions: CallActions = useMemo(
    () => ({
      toggleMute: () => call.toggleMute(),
      toggleCamera: () => call.toggleCamera(),
      selectDevice: (kind, deviceId) => call.selectDevice(kind, deviceId),
      unlockAudio: () => setUnlockRequests((count) => count + 1),
      takeCallHere: () => call.takeCallHere(),
      retryMicrophone: () => call.retryMicrophone(),
    }),
    [call],
  );
  const onBlocked = useCallback(() => call.setAudioBlocked(true), [call]);
  const onPlaying = useCallback(() => call.setAudioBlocked(false), [call]);
  const audio: RemoteAudioControl = useMemo(
    () => ({ unlockRequests, onBlocked, onPlaying }),
    [unlockRequests, onBlocked, onPlaying],
  );
  return { call: snapshot, actions, audio };
}

/**
 * Whether this tab muted the session's call: kept in sessionStorage (this tab only), so a reload
 * does not open the microphone of someone who muted to speak to the room behind them.
 */
const mutedKey = (sessionId: string) => `mockboard:call-muted:${sessionId}`;

function mutedBeforeReload(sessionId: string): boolean {
  try {
    return window.sessionStorage.getItem(mutedKey(sessionId)) === '1';
  } catch {
    return false; // storage blocked: start as a new call does
  }
}

function rememberMuted(sessionId: string, mic: CallSnapshot['mic']): void {
  // Only a settled choice: 'pending' and the device problems say nothing about one.
  if (mic !== 'muted' && mic !== 'on') return;
  try {
    if (mic === 'muted') window.sessionStorage.setItem(mutedKey(sessionId), '1');
    else window.sessionStorage.removeItem(mutedKey(sessionId));
  } catch {
    // Storage blocked: the choice lasts until the reload, as before.
  }
}
