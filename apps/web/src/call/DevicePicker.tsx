import { useEffect } from 'react';
import type { CallSnapshot } from '@mockboard/call';
import { SelectField } from '../components/SelectField';
import { useDisclosure } from '../hooks/useDisclosure';
import { SettingsIcon } from './CallIcons';

/** Which device a choice is about, in the browser's words. */
export type DeviceKind = MediaDeviceKind;

interface DevicePickerProps {
  devices: CallSnapshot['devices'];
  selected: CallSnapshot['selected'];
  onSelect: (kind: DeviceKind, deviceId: string) => void;
}

const LABEL = 'Audio and video settings';

/**
 * A small panel to pick the microphone, camera and speaker. A disclosure (closes on Escape or a click
 * outside, focus back on its button) rather than a dialog: the call carries on while it is open.
 */
export function DevicePicker({ devices, selected, onSelect }: DevicePickerProps) {
  const { open, setOpen, rootRef, buttonRef, panelId } = useDisclosure();

  // Opening moves focus to the first choice, so a keyboard user lands where the settings are.
  useEffect(() => {
    if (open) rootRef.current?.querySelector<HTMLSelectElement>('select')?.focus();
  }, [open, rootRef]);

  return (
    <div className="device-picker" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button button--secondary button--small call-button"
        aria-expanded={open}
        aria-controls={panelId}
        title={LABEL}
        onClick={() => setOpen((value) => !value)}
      >
        <SettingsIcon />
        <span className="visually-hidden">{LABEL}</span>
      </button>
      <div id={panelId} className="device-picker__panel" role="group" aria-label={LABEL} hidden={!open}>
        <DeviceSelect
          label="Microphone"
          devices={devices.audioInputs}
          value={selected.audioInput}
          onChange={(id) => onSelect('audioinput', id)}
        />
        <DeviceSelect
          label="Camera"
          devices={devices.videoInputs}
          value={selected.videoInput}
          onChange={(id) => onSelect('videoinput', id)}
        />
        {/* Only where the browser can send sound to a chosen output (setSinkId). */}
        {devices.audioOutputs.length > 0 && (
          <DeviceSelect
            label="Speaker"
            devices={devices.audioOutputs}
            value={selected.audioOutput}
            onChange={(id) => onSelect('audiooutput', id)}
          />
        )}
      </div>
    </div>
  );
}

interface DeviceSelectProps {
  label: string;
  devices: readonly MediaDeviceInfo[];
  value: string | null;
  onChange: (deviceId: string) => void;
}

function DeviceSelect({ label, devices, value, onChange }: DeviceSelectProps) {
  if (devices.length === 0) {
    return (
      <p className="device-picker__none">
        <span className="device-picker__label">{label}</span> None found
      </p>
    );
  }
  // Browsers hide device names until a permission was granted: number them meanwhile.
  const options = devices.map((device, index) => ({
    value: device.deviceId,
    label: device.label || `${label} ${index + 1}`,
  }));
  return (
    <SelectField
      label={label}
      className="input--small"
      options={options}
      value={value ?? options[0]!.value}
      onChange={onChange}
    />
  );
}
