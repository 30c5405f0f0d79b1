import { DevMailboxResponseSchema, type DevMailboxResponse } from '@mockboard/contracts';
import { request } from './client';

/** Admins only: the mail written instead of sent while no SMTP_URL is set. */
export function getDevMailbox(signal?: AbortSignal): Promise<DevMailboxResponse> {
  return request('/admin/dev-mailbox', DevMailboxResponseSchema, { signal });
}
