import { useId } from 'react';
import type { CallSnapshot } from '@mockboard/call';

interface MicrophoneHelpProps {
  call: CallSnapshot;
  partnerName: string;
  onRetryMicrophone: () => void;
  onUnlockAudio: () => void;
}

const isMac = () => /Mac/i.test(navigator.platform || navigator.userAgent);

/**
 * What stands between the person and a working call, with the way out: a microphone the browser
 * refused or could not find, or sound the browser will not play before a click.
 */
export function MicrophoneHelp({ call, partnerName, onRetryMicrophone, onUnlockAudio }: MicrophoneHelpProps) {
  const titleId = useId();
  if (call.phase === 'off' || call.phase === 'moved') return null;
  const inCall = call.phase !== 'ended';
  const micProblem = inCall && (call.mic === 'denied' || call.mic === 'unavailable');
  const unlock = inCall && call.needsAudioUnlock;
  // The microphone's own problem is explained at length below; any other (camera, the call refused) in a line.
  const otherProblem = micProblem ? null : call.problem;
  if (!micProblem && !unlock && !otherProblem) return null;
  return (
    <div className="call-help">
      {unlock && (
        <button type="button" className="button call-help__unlock" onClick={onUnlockAudio}>
          Click to hear {partnerName}
        </button>
      )}
      {micProblem && (
        <section className="call-help__mic" aria-labelledby={titleId}>
          <h2 id={titleId} className="call-help__title">
            {call.mic === 'denied' ? 'Mockboard can’t use your microphone' : 'No microphone found'}
          </h2>
          {call.mic === 'denied' ? (
            <>
              <p>
                To allow it, click the site settings icon left of the address bar, set{' '}
                <strong>Microphone</strong> to <strong>Allow</strong>, then try again.
              </p>
              {isMac() && (
                <p>
                  On a Mac, also check <strong>System Settings → Privacy &amp; Security → Microphone</strong>{' '}
                  and turn your browser on.
                </p>
              )}
            </>
          ) : (
            <p>Plug in a headset or close the program using your microphone, then try again.</p>
          )}
          <p>You can still hear {partnerName} and write in the chat.</p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onRetryMicrophone}
          >
            Try again
          </button>
        </section>
      )}
      {otherProblem && (
        <p className="call-help__problem" role="status">
          {otherProblem}
        </p>
      )}
    </div>
  );
}
