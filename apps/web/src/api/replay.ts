import {
  BoardResponseSchema,
  ReplayResponseSchema,
  type BoardResponse,
  type ReplayResponse,
} from '@mockboard/contracts';
import { request } from './client';

/**
 * One page of a session's whiteboard changes and phase/round changes, ordered by `seq`: the first
 * when `after` is null, else the one after that cursor (a previous page's nextCursor).
 */
export function getReplayPage(
  sessionId: string,
  after: string | null,
  signal?: AbortSignal,
): Promise<ReplayResponse> {
  const query = after === null ? '' : `?after=${encodeURIComponent(after)}`;
  return request(`/sessions/${encodeURIComponent(sessionId)}/replay${query}`, ReplayResponseSchema, {
    signal,
  });
}

/** One round's whiteboard as stored now (each round draws on its own). */
export function getRoundBoard(
  sessionId: string,
  round: number,
  signal?: AbortSignal,
): Promise<BoardResponse> {
  return request(`/sessions/${encodeURIComponent(sessionId)}/board?round=${round}`, BoardResponseSchema, {
    signal,
  });
}
