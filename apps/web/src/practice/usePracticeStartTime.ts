import { useState } from 'react';
import { startTimeToIso, type StartTime } from '../components/StartTimeFields';
import { addDays, dateKeyIn } from '../time/zoned-time';

/** Tomorrow at 18:00 in the user's zone: a sensible, always-valid first suggestion. */
export function defaultStart(zone: string): StartTime {
  return { day: addDays(dateKeyIn(new Date(), zone), 1), time: '18:00' };
}

/**
 * The start time that both practice forms (offer a slot, request a match) ask for: the same first
 * suggestion, the field's error cleared as soon as the user changes it, and the UTC instant on submit.
 * Spread `fieldProps` onto `StartTimeFields`.
 */
export function usePracticeStartTime(zone: string, clearError: () => void) {
  const [start, setStart] = useState(() => defaultStart(zone));
  return {
    fieldProps: {
      zone,
      value: start,
      onChange: (value: StartTime) => {
        setStart(value);
        clearError();
      },
    },
    /** The start as the API expects it, or null while no day is picked. */
    startsAt: () => startTimeToIso(start, zone),
  };
}
