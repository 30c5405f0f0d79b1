import type { CallSnapshot } from '@mockboard/call';
import { callWords } from './call-words';

interface CallStatusTextProps {
  call: CallSnapshot;
  partnerName: string;
}

/** The call's state in words, read out politely as it changes (connecting, connected, muted, poor line). */
export function CallStatusText({ call, partnerName }: CallStatusTextProps) {
  const words = callWords(call, partnerName);
  if (!words) return null;
  return (
    <p className={`call-status call-status--${call.phase}`} aria-live="polite">
      <span className="call-status__state">{words.state}</span>
      {words.partnerMuted && (
        // On the avatar too (its badge is named); in words for screen readers only, as words
        // beside the call's state pushed the bar into a second row, moving the board mid-stroke.
        <span className="call-status__fact visually-hidden">{words.partnerMuted}</span>
      )}
      {words.quality && <span className="call-status__fact call-status__fact--warning">{words.quality}</span>}
    </p>
  );
}
