import type { CallSnapshot } from '@mockboard/call';
import { CameraIcon, MicIcon } from './CallIcons';
import { DevicePicker, type DeviceKind } from './DevicePicker';
import { CALL_SHORTCUTS, useCallShortcuts } from './useCallShortcuts';

export interface CallControlActions {
  toggleMute: () => void;
  toggleCamera: () => void;
  selectDevice: (kind: DeviceKind, deviceId: string) => void;
  takeCallHere: () => void;
}

interface CallControlsProps {
  call: CallSnapshot;
  actions: CallControlActions;
}

const CAMERA_TITLES: Record<CallSnapshot['camera'], string> = {
  off: 'Turn camera on',
  starting: 'Turning camera on…',
  on: 'Turn camera off',
  denied: 'Camera blocked: allow it in the site settings, then turn it on',
  unavailable: 'No camera found',
};

/**
 * The call's buttons in the room bar: the microphone and camera toggles (Alt+M, Alt+C) and the device
 * picker, or "Take the call here" once another tab has it. Renders nothing where this tab takes no
 * part in a call (solo, observer); its state in words is CallStatusText.
 */
export function CallControls({ call, actions }: CallControlsProps) {
  const takesPart = call.phase !== 'off' && call.phase !== 'ended' && call.phase !== 'moved';
  const hasMic = call.mic === 'on' || call.mic === 'muted';
  useCallShortcuts(takesPart, {
    mute: () => hasMic && actions.toggleMute(),
    camera: actions.toggleCamera,
  });
  if (call.phase === 'moved') {
    return (
      <button type="button" className="button button--small" onClick={actions.takeCallHere}>
        Take the call here
      </button>
    );
  }
  if (!takesPart) return null;

  const muted = call.mic === 'muted';
  const cameraOn = call.camera === 'on';
  const mute = CALL_SHORTCUTS.mute.label;
  const camera = CALL_SHORTCUTS.camera.label;
  return (
    <div className="call-controls" role="group" aria-label="Call">
      {/* Pressed means muted: the name stays "Mute", as a toggle's should; the tooltip says what a click does. */}
      <button
        type="button"
        className={`button button--secondary button--small call-button${muted ? ' call-button--off' : ''}`}
        aria-pressed={muted}
        aria-keyshortcuts={mute}
        title={`${muted ? 'Unmute' : 'Mute'} (${mute})`}
        disabled={!hasMic}
        onClick={actions.toggleMute}
      >
        <MicIcon off={muted || !hasMic} />
        <span className="visually-hidden">Mute ({mute})</span>
      </button>
      <button
        type="button"
        className="button button--secondary button--small call-button"
        aria-pressed={cameraOn}
        aria-keyshortcuts={camera}
        aria-busy={call.camera === 'starting'}
        title={`${CAMERA_TITLES[call.camera]} (${camera})`}
        onClick={actions.toggleCamera}
      >
        <CameraIcon off={!cameraOn} />
        <span className="visually-hidden">Camera ({camera})</span>
      </button>
      <DevicePicker devices={call.devices} selected={call.selected} onSelect={actions.selectDevice} />
    </div>
  );
}
