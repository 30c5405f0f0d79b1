import { ReplayResponseSchema, type ReplayResponse } from '@mockboard/contracts';
import { request } from './client';

/** Every accepted whiteboard change and phase/round change of a session, ordered by `seq`. */
export function getReplay(sessionId: string, signal?: AbortSignal): Promise<ReplayResponse> {
  return request(`/sessions/${encodeURIComponent(sessionId)}/replay`, ReplayResponseSchema, { signal });
}
