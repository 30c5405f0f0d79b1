import {
  AdminCalibrationResponseSchema,
  CaseStudySchema,
  InterviewerRatingSchema,
  ProgressResponseSchema,
  RoundFeedbackSchema,
  ScorecardSchema,
  ShareLinkResponseSchema,
  type AdminCalibrationResponse,
  type CaseStudy,
  type InterviewerRating,
  type InterviewerRatingWrite,
  type ProgressResponse,
  type RoundFeedback,
  type Scorecard,
  type ScorecardWrite,
} from '@mockboard/contracts';
import { request } from './client';

const sessionPath = (id: string, rest = '') => `/sessions/${encodeURIComponent(id)}${rest}`;
const roundPath = (id: string, round: number, rest = '') => sessionPath(id, `/rounds/${round}${rest}`);

/** The caller's scorecards for one round, the one about them once revealed, and their rating. */
export function getRoundFeedback(id: string, round: number, signal?: AbortSignal): Promise<RoundFeedback> {
  return request(roundPath(id, round, '/scorecard'), RoundFeedbackSchema, { signal });
}

/** Saves a draft (autosave) or, with `submit: true`, submits it; 409 once it has been revealed. */
export function saveScorecard(id: string, round: number, body: ScorecardWrite): Promise<Scorecard> {
  return request(roundPath(id, round, '/scorecard'), ScorecardSchema, { method: 'PUT', body });
}

/** The candidate's private rating of the round's interviewer. */
export function rateInterviewer(
  id: string,
  round: number,
  body: InterviewerRatingWrite,
): Promise<InterviewerRating> {
  return request(roundPath(id, round, '/rating'), InterviewerRatingSchema, { method: 'PUT', body });
}

export function getProgress(signal?: AbortSignal): Promise<ProgressResponse> {
  return request('/me/progress', ProgressResponseSchema, { signal });
}

export function getAdminCalibration(signal?: AbortSignal): Promise<AdminCalibrationResponse> {
  return request('/admin/calibration', AdminCalibrationResponseSchema, { signal });
}

// ---- portfolio: plain links (the cookie authenticates the download) and the public share link ----

export function whiteboardSvgUrl(id: string): string {
  return `/api${sessionPath(id, '/whiteboard.svg')}`;
}

export function caseStudyMarkdownUrl(id: string): string {
  return `/api${sessionPath(id, '/case-study.md')}`;
}

/** The caller's current public link for the session, or null when they have not shared it. */
export async function getShareLink(id: string, signal?: AbortSignal): Promise<string | null> {
  return (await request(sessionPath(id, '/share'), ShareLinkResponseSchema, { signal })).url;
}

/** Makes (or returns the existing) public link to the session's case study. */
export async function shareCaseStudy(id: string): Promise<string | null> {
  const { url } = await request(sessionPath(id, '/share'), ShareLinkResponseSchema, { method: 'POST' });
  return url;
}

/** The public link stops working at once. */
export async function revokeCaseStudyShare(id: string): Promise<void> {
  await request(sessionPath(id, '/share'), ShareLinkResponseSchema, { method: 'DELETE' });
}

/** The public case study behind a share link; no sign-in needed. 404 once revoked. */
export function getSharedCaseStudy(token: string, signal?: AbortSignal): Promise<CaseStudy> {
  return request(`/shared/${encodeURIComponent(token)}`, CaseStudySchema, { signal });
}
