import { MAX_LEAD_DAYS } from '@mockboard/contracts';
import { useId } from 'react';
import { formatDayKey, formatTimeOfDay, zoneName } from '../time/format';
import { addDays, dateKeyIn, quarterHours, zonedTimeToInstant, type DateKey } from '../time/zoned-time';

export interface StartTime {
  day: DateKey;
  time: string;
}

/** The UTC instant the API expects, or null while no day is picked. */
export function startTimeToIso(value: StartTime, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.day)) return null;
  return zonedTimeToInstant(value.day, value.time, zone).toISOString();
}

const TIMES = quarterHours();

interface StartTimeFieldsProps {
  value: StartTime;
  onChange: (value: StartTime) => void;
  zone: string;
  error?: string;
  legend?: string;
  /** The day input's name, so a field error for it moves focus there. */
  name?: string;
}

/**
 * A day and a quarter-hour time as the user's wall clock shows them (in their profile's zone, which
 * may differ from the device's); the caller converts to UTC with `startTimeToIso`.
 */
export function StartTimeFields({
  value,
  onChange,
  zone,
  error,
  legend = 'Start',
  name = 'startsAt',
}: StartTimeFieldsProps) {
  const id = useId();
  const today = dateKeyIn(new Date(), zone);
  const iso = startTimeToIso(value, zone);
  return (
    <fieldset
      className={`field fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
    >
      <legend className="field__label">{legend}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {iso
          ? `${formatDayKey(value.day)}, ${formatTimeOfDay(value.time)} in ${zoneName(zone)}`
          : `Times in ${zoneName(zone)}`}
      </p>
      <div className="start-time">
        <div className="start-time__day">
          <label className="start-time__label" htmlFor={`${id}-day`}>
            Day
          </label>
          <input
            id={`${id}-day`}
            name={name}
            type="date"
            className="input"
            min={today}
            max={addDays(today, MAX_LEAD_DAYS)}
            required
            value={value.day}
            aria-invalid={error ? true : undefined}
            onChange={(event) => onChange({ ...value, day: event.target.value })}
          />
        </div>
        <div className="start-time__time">
          <label className="start-time__label" htmlFor={`${id}-time`}>
            Time
          </label>
          <select
            id={`${id}-time`}
            className="input select"
            value={value.time}
            onChange={(event) => onChange({ ...value, time: event.target.value })}
          >
            {TIMES.map((time) => (
              <option key={time} value={time}>
                {formatTimeOfDay(time)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
