import {
  DifficultySchema,
  PractisedFilterSchema,
  RoadmapPhaseSchema,
  type PromptListQuery,
} from '@mockboard/contracts';

/**
 * The library's filters live in the URL (`?q=&difficulty=&topic=&roadmapPhase=&practised=`) so a view
 * can be shared. `tag` (one raw tag) is no control of its own but is still read: older links and a
 * prompt card's tag chips use it.
 */
export const FILTER_KEYS = ['q', 'difficulty', 'topic', 'tag', 'roadmapPhase', 'practised'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Reads the filters from the URL, dropping values the API would reject rather than failing the page. */
export function queryFromParams(params: URLSearchParams): PromptListQuery {
  const query: PromptListQuery = {};
  const q = params.get('q')?.trim().slice(0, 100);
  if (q) query.q = q;
  const difficulty = DifficultySchema.safeParse(params.get('difficulty'));
  if (difficulty.success) query.difficulty = difficulty.data;
  const topic = params.get('topic')?.trim();
  if (topic) query.topic = topic.slice(0, 64);
  const tag = params.get('tag')?.trim();
  if (tag) query.tag = tag.slice(0, 64);
  const phase = RoadmapPhaseSchema.safeParse(Number(params.get('roadmapPhase')));
  if (phase.success) query.roadmapPhase = phase.data;
  const practised = PractisedFilterSchema.safeParse(params.get('practised'));
  if (practised.success) query.practised = practised.data;
  return query;
}

/** The practice filter needs a signed-in user: for anyone else a shared link's `practised` is ignored. */
export function forViewer(query: PromptListQuery, signedIn: boolean): PromptListQuery {
  if (signedIn || query.practised === undefined) return query;
  const { practised: _ignored, ...rest } = query;
  return rest;
}

/** A stable string for a query: the cache key for loading, and "are any filters on?". */
export function queryKey(query: PromptListQuery): string {
  return FILTER_KEYS.map((key) => `${key}=${query[key] ?? ''}`).join('&');
}

export function hasFilters(query: PromptListQuery): boolean {
  return FILTER_KEYS.some((key) => query[key] !== undefined);
}
