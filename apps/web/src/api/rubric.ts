import { RubricSchema, type Rubric } from '@mockboard/contracts';
import { request } from './client';

export function getRubric(signal?: AbortSignal): Promise<Rubric> {
  return request('/rubric', RubricSchema, { signal });
}
