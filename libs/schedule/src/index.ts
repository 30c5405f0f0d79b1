export * from './time-rules';
export * from './rounds';
export * from './format-in-zone';
export * from './icalendar';
export * from './reminders';
export * from './session-lifecycle';
