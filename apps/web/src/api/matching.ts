import {
  MatchRequestListResponseSchema,
  MatchRequestSchema,
  type MatchRequest,
  type MatchRequestCreate,
} from '@mockboard/contracts';
import { request } from './client';

/** Comes back `matched` (with a session id) when a partner was waiting, else `pending`. */
export function requestMatch(body: MatchRequestCreate): Promise<MatchRequest> {
  return request('/match-requests', MatchRequestSchema, { method: 'POST', body });
}

export async function listMatchRequests(signal?: AbortSignal): Promise<MatchRequest[]> {
  const { requests } = await request('/match-requests', MatchRequestListResponseSchema, { signal });
  return requests;
}

export function cancelMatchRequest(id: string): Promise<void> {
  return request(`/match-requests/${encodeURIComponent(id)}`, null, { method: 'DELETE' });
}
