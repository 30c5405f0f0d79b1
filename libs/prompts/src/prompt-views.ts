import type {
  Difficulty,
  PromptAudience,
  PromptDetail,
  PromptListQuery,
  PromptSummary,
  PromptTopic,
} from '@mockboard/contracts';
import type { Prompt } from './prompt';
import { topicCovers } from './prompt-topics';

export function toPromptSummary(prompt: Prompt): PromptSummary {
  const { id, title, summary, difficulty, tags, roadmapPhase, timePlan, totalMinutes } = prompt;
  return { id, title, summary, difficulty, tags, roadmapPhase, timePlan, totalMinutes };
}

/** The candidate sees the statement only; the guide is for the interviewer (and admins). */
export function toPromptDetail(prompt: Prompt, audience: PromptAudience): PromptDetail {
  return {
    ...toPromptSummary(prompt),
    audience,
    problemStatement: prompt.problemStatement,
    guide:
      audience === 'interviewer'
        ? { sections: prompt.guideSections, signals: prompt.signals, hints: prompt.hints }
        : null,
  };
}

const DIFFICULTY_ORDER: Record<Difficulty, number> = { easy: 0, medium: 1, hard: 2 };

/** Roadmap order: foundations first, easier before harder, then by title. */
export function compareForRoadmap(a: Prompt, b: Prompt): number {
  return (
    a.roadmapPhase - b.roadmapPhase ||
    DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] ||
    a.title.localeCompare(b.title)
  );
}

/**
 * Filters by tag, difficulty and roadmap phase, and by free text: every word of `q` must appear in
 * the title, summary, tags or problem statement (case-insensitive). Only candidate-visible text is
 * searched, so a search never reveals what the interviewer's guide contains. `practisedIds` (the
 * ids of the prompts the user has practised) is needed when the query filters by `practised`.
 */
export function filterPrompts(
  prompts: readonly Prompt[],
  query: PromptListQuery,
  practisedIds?: ReadonlySet<string>,
  topics: readonly PromptTopic[] = [],
): Prompt[] {
  // An unknown topic matches nothing; the server refuses it before it gets here.
  const topic =
    query.topic === undefined ? undefined : (topics.find((t) => t.id === query.topic) ?? { tags: [] });
  if (query.practised && !practisedIds) throw new Error('filtering by practised needs the practised ids');
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return prompts
    .filter((prompt) => !query.practised || practisedIds?.has(prompt.id) === (query.practised === 'yes'))
    .filter((prompt) => !topic || topicCovers(topic, prompt))
    .filter((prompt) => !query.tag || prompt.tags.includes(query.tag))
    .filter((prompt) => !query.difficulty || prompt.difficulty === query.difficulty)
    .filter((prompt) => query.roadmapPhase === undefined || prompt.roadmapPhase === query.roadmapPhase)
    .filter((prompt) => {
      if (words.length === 0) return true;
      const haystack = [prompt.title, prompt.summary, prompt.tags.join(' '), prompt.problemStatement]
        .join('\n')
        .toLowerCase();
      return words.every((word) => haystack.includes(word));
    })
    .sort(compareForRoadmap);
}

export function allTags(prompts: readonly Prompt[]): string[] {
  return [...new Set(prompts.flatMap((prompt) => prompt.tags))].sort();
}
