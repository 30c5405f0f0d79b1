import { useId, useMemo, useState } from 'react';
import { currentZoneName } from '../time/zone-names';
import { searchTimeZones } from '../time/zone-search';
import { timeZoneOptions } from './time-zones';

interface TimeZoneSelectProps {
  value: string;
  onChange: (zone: string) => void;
  error?: string;
  name?: string;
}

/**
 * A native select (accessible and phone-friendly everywhere) with a filter box above it: typing
 * "tokyo", "Calcutta", "India" or "gmt+1" narrows the list and picks the best match, so a long
 * list is one step. Zones are listed and chosen by their current names (Asia/Kolkata).
 * The filter's label deliberately avoids the words "time zone" so the select alone answers to it.
 */
export function TimeZoneSelect({ value, onChange, error, name = 'timezone' }: TimeZoneSelectProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const all = timeZoneOptions();
  const matches = useMemo(() => searchTimeZones(all, query), [all, query]);
  // A zone saved by an older version may be a legacy name ("Asia/Calcutta"): show it as today's.
  const selected = currentZoneName(value);
  // The current value stays listed even when filtered out, so the select never shows a blank.
  const current = all.find((option) => option.id === selected) ?? {
    id: selected,
    label: selected,
    searchText: selected.toLowerCase(),
    city: '',
  };
  const shown = !matches.includes(current) ? [current, ...matches] : matches;

  function updateQuery(next: string) {
    setQuery(next);
    const [first, ...rest] = searchTimeZones(all, next);
    if (next.trim() && first && first.id !== selected && !rest.some((option) => option.id === selected)) {
      onChange(first.id);
    }
  }

  const countText = query.trim()
    ? matches.length === 0
      ? 'No time zone matches that filter.'
      : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`
    : '';

  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={`${id}-select`}>
        Time zone
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        Session times are shown in this zone.
      </p>
      <div className="tz-picker">
        <div className="tz-picker__filter">
          <label className="visually-hidden" htmlFor={`${id}-filter`}>
            Filter by city or region
          </label>
          <input
            id={`${id}-filter`}
            className="input input--small"
            type="text"
            placeholder="Filter by city or region"
            autoComplete="off"
            spellCheck={false}
            value={query}
            aria-describedby={`${id}-count`}
            onChange={(event) => updateQuery(event.target.value)}
          />
          <span className="tz-picker__count" id={`${id}-count`} aria-live="polite">
            {countText}
          </span>
        </div>
        <select
          id={`${id}-select`}
          name={name}
          className="input select"
          value={selected}
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? `${id}-error` : '', `${id}-hint`].filter(Boolean).join(' ')}
          onChange={(event) => onChange(event.target.value)}
        >
          {shown.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
