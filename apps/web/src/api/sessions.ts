import {
  RoundPromptChoicesSchema,
  RoundPromptViewSchema,
  SessionListResponseSchema,
  SessionSchema,
  type ChooseRoundPromptRequest,
  type RoundPromptChoices,
  type RoundPromptView,
  type Session,
  type SessionListResponse,
} from '@mockboard/contracts';
import { request } from './client';

const path = (id: string, rest = '') => `/sessions/${encodeURIComponent(id)}${rest}`;

export function listSessions(signal?: AbortSignal): Promise<SessionListResponse> {
  return request('/sessions', SessionListResponseSchema, { signal });
}

export function getSession(id: string, signal?: AbortSignal): Promise<Session> {
  return request(path(id), SessionSchema, { signal });
}

export function startSoloSession(promptId: string): Promise<Session> {
  return request('/sessions/solo', SessionSchema, { method: 'POST', body: { promptId } });
}

export function cancelSession(id: string, reason: string): Promise<Session> {
  return request(path(id, '/cancel'), SessionSchema, { method: 'POST', body: { reason } });
}

export function proposeNewTime(id: string, startsAt: string): Promise<Session> {
  return request(path(id, '/reschedule'), SessionSchema, { method: 'POST', body: { startsAt } });
}

export function answerNewTime(id: string, accept: boolean): Promise<Session> {
  return request(path(id, '/reschedule/respond'), SessionSchema, { method: 'POST', body: { accept } });
}

/** Records that the caller is in the room; 409 with a message before the room opens. */
export function joinSession(id: string): Promise<Session> {
  return request(path(id, '/join'), SessionSchema, { method: 'POST' });
}

export function chooseRoundPrompt(
  id: string,
  round: number,
  promptId: ChooseRoundPromptRequest['promptId'],
): Promise<Session> {
  return request(path(id, `/rounds/${round}/prompt`), SessionSchema, { method: 'PUT', body: { promptId } });
}

/** The round's prompt as the caller's role may see it (its candidate: without the guide). */
export function getRoundPrompt(id: string, round: number, signal?: AbortSignal): Promise<RoundPromptView> {
  return request(path(id, `/rounds/${round}/prompt`), RoundPromptViewSchema, { signal });
}

/** For the round's interviewer: prompts refused (asked before) and this session's others. */
export function getRoundPromptChoices(
  id: string,
  round: number,
  signal?: AbortSignal,
): Promise<RoundPromptChoices> {
  return request(path(id, `/rounds/${round}/prompt-choices`), RoundPromptChoicesSchema, { signal });
}

export function setContactSharing(id: string, share: boolean): Promise<Session> {
  return request(path(id, '/contact-sharing'), SessionSchema, { method: 'PUT', body: { share } });
}

/** A plain link (the cookie authenticates the download); calendar apps open the .ics file. */
export function calendarFileUrl(id: string): string {
  return `/api${path(id, '/calendar.ics')}`;
}
