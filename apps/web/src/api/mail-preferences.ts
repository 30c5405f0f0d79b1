import {
  MailPreferencesSchema,
  UnsubscribeInfoSchema,
  type MailPreferences,
  type UnsubscribeInfo,
  type UpdateMailPreferencesRequest,
} from '@mockboard/contracts';
import { request } from './client';

export function getMailPreferences(signal?: AbortSignal): Promise<MailPreferences> {
  return request('/me/mail-preferences', MailPreferencesSchema, { signal });
}

/** Changes only the kinds given; answers with all of them. */
export function updateMailPreferences(changes: UpdateMailPreferencesRequest): Promise<MailPreferences> {
  return request('/me/mail-preferences', MailPreferencesSchema, { method: 'PUT', body: changes });
}

const withToken = (path: string, token: string) => `${path}?token=${encodeURIComponent(token)}`;

/** What an unsubscribe link stops (no sign-in: the token is the credential). */
export function describeUnsubscribe(token: string, signal?: AbortSignal): Promise<UnsubscribeInfo> {
  return request(withToken('/mail/unsubscribe', token), UnsubscribeInfoSchema, { signal });
}

export function unsubscribe(token: string): Promise<UnsubscribeInfo> {
  return request(withToken('/mail/unsubscribe', token), UnsubscribeInfoSchema, { method: 'POST' });
}

export function resubscribe(token: string): Promise<UnsubscribeInfo> {
  return request(withToken('/mail/resubscribe', token), UnsubscribeInfoSchema, { method: 'POST' });
}
