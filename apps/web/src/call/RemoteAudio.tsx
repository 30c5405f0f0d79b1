import { useEffect, useRef } from 'react';
import type { CallSnapshot } from '@mockboard/call';
import type { RemoteAudioControl } from './useCall';

interface RemoteAudioProps {
  call: CallSnapshot;
  audio: RemoteAudioControl;
}

/** Plays the partner's audio: one hidden <audio> per remote stream, on the chosen speaker. */
export function RemoteAudio({ call, audio }: RemoteAudioProps) {
  return (
    <>
      {call.remotes.map(
        (remote) =>
          remote.stream && (
            <PartnerAudio
              key={remote.endpointId}
              stream={remote.stream}
              speaker={call.selected.audioOutput}
              control={audio}
            />
          ),
      )}
    </>
  );
}

interface PartnerAudioProps {
  stream: MediaStream;
  speaker: string | null;
  control: RemoteAudioControl;
}

function PartnerAudio({ stream, speaker, control }: PartnerAudioProps) {
  const ref = useRef<HTMLAudioElement>(null);
  const { unlockRequests, onBlocked, onPlaying } = control;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (element.srcObject !== stream) element.srcObject = stream;
    element.play().then(onPlaying, (error: unknown) => {
      // The autoplay policy wants a click first; anything else (a new stream replaced this one) is not for the person.
      if (error instanceof DOMException && error.name === 'NotAllowedError') onBlocked();
    });
  }, [stream, unlockRequests, onBlocked, onPlaying]);

  useEffect(() => {
    const element = ref.current;
    // setSinkId is missing in some browsers; there the system's default speaker plays.
    if (element && speaker && typeof element.setSinkId === 'function')
      element.setSinkId(speaker).catch(() => undefined);
  }, [speaker]);

  return <audio ref={ref} autoPlay hidden data-call-audio="" />;
}
