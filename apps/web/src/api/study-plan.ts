import {
  StudyPlanSchema,
  type CreateStudyCardRequest,
  type MoveStudyCardRequest,
  type StudyPlan,
  type UpdateStudyCardRequest,
} from '@mockboard/contracts';
import { request } from './client';

/** Every write answers with the whole board, which replaces the one on screen. */
export const studyPlanApi = {
  get: (signal?: AbortSignal): Promise<StudyPlan> => request('/study-plan', StudyPlanSchema, { signal }),
  addColumn: (title: string) =>
    request('/study-plan/columns', StudyPlanSchema, { method: 'POST', body: { title } }),
  renameColumn: (id: string, title: string) =>
    request(`/study-plan/columns/${id}`, StudyPlanSchema, { method: 'PATCH', body: { title } }),
  moveColumn: (id: string, position: number) =>
    request(`/study-plan/columns/${id}/move`, StudyPlanSchema, { method: 'POST', body: { position } }),
  deleteColumn: (id: string) => request(`/study-plan/columns/${id}`, StudyPlanSchema, { method: 'DELETE' }),
  addCard: (body: CreateStudyCardRequest) =>
    request('/study-plan/cards', StudyPlanSchema, { method: 'POST', body }),
  updateCard: (id: string, body: UpdateStudyCardRequest) =>
    request(`/study-plan/cards/${id}`, StudyPlanSchema, { method: 'PATCH', body }),
  moveCard: (id: string, body: MoveStudyCardRequest) =>
    request(`/study-plan/cards/${id}/move`, StudyPlanSchema, { method: 'POST', body }),
  deleteCard: (id: string) => request(`/study-plan/cards/${id}`, StudyPlanSchema, { method: 'DELETE' }),
  reset: () => request('/study-plan/reset', StudyPlanSchema, { method: 'POST' }),
  addNewPrompts: () => request('/study-plan/new-prompts', StudyPlanSchema, { method: 'POST' }),
};

/** The Markdown download, served with Content-Disposition: attachment. */
export const STUDY_PLAN_EXPORT_URL = '/api/study-plan/export.md';
