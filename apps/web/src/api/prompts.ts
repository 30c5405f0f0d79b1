import {
  PromptDetailSchema,
  PromptListResponseSchema,
  type PromptDetail,
  type PromptListQuery,
  type PromptListResponse,
} from '@mockboard/contracts';
import { request } from './client';

export function listPrompts(query: PromptListQuery, signal?: AbortSignal): Promise<PromptListResponse> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return request(`/prompts${search ? `?${search}` : ''}`, PromptListResponseSchema, { signal });
}

export function getPrompt(id: string, signal?: AbortSignal): Promise<PromptDetail> {
  return request(`/prompts/${encodeURIComponent(id)}`, PromptDetailSchema, { signal });
}
