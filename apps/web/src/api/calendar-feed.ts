import { CalendarFeedResponseSchema } from '@mockboard/contracts';
import { request } from './client';

/** The private URL a calendar app subscribes to (all of the user's sessions). */
export async function getCalendarFeedUrl(signal?: AbortSignal): Promise<string> {
  const { url } = await request('/calendar/feed', CalendarFeedResponseSchema, { signal });
  return url;
}

/** Makes the old URL stop working and returns a new one. */
export async function revokeCalendarFeedUrl(): Promise<string> {
  const { url } = await request('/calendar/feed/revoke', CalendarFeedResponseSchema, { method: 'POST' });
  return url;
}
