import {
  DIFFICULTIES,
  ROADMAP_PHASE_TITLES,
  type PromptTopic,
  type RoadmapPhase,
  type StudyCardKind,
} from '@mockboard/contracts';
import type { Prompt } from './prompt';
import { topicCovers } from './prompt-topics';

/** What the plan needs of a prompt. */
export type PlanPrompt = Pick<Prompt, 'id' | 'title' | 'difficulty' | 'tags' | 'roadmapPhase'>;

/** Within a phase: easy first, then by title. */
function easiestFirst(a: PlanPrompt, b: PlanPrompt): number {
  return (
    DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty) || a.title.localeCompare(b.title)
  );
}

/** A card of the default plan, before it is stored (the database gives it an id and a place). */
export interface PlannedStudyCard {
  title: string;
  kind: StudyCardKind;
  promptId: string | null;
  notes: string;
}

export interface PlannedStudyColumn {
  title: string;
  cards: PlannedStudyCard[];
}

/** A pace people can keep beside a job: three prompts a week, never less than two weeks a phase. */
export const PROMPTS_PER_WEEK = 3;
const MIN_WEEKS_PER_PHASE = 2;
/** How many topics a phase opens with: those of the curated topics that cover most of its prompts. */
const TOPICS_PER_PHASE = 4;

/** "Weeks 1-3", or "Week 4" for a single week. */
function weeksLabel(first: number, last: number): string {
  return first === last ? `Week ${first}` : `Weeks ${first}-${last}`;
}

/**
 * The curated topics (prompts/topics.yaml) that cover most of a phase's prompts, most first; ties
 * keep the file's order, which the curators chose. A topic that covers none of them is left out.
 */
export function phaseTopics(
  phasePrompts: readonly PlanPrompt[],
  topics: readonly PromptTopic[],
  count = TOPICS_PER_PHASE,
): PromptTopic[] {
  return topics
    .map((topic) => ({ topic, covered: phasePrompts.filter((prompt) => topicCovers(topic, prompt)).length }))
    .filter(({ covered }) => covered > 0)
    .sort((a, b) => b.covered - a.covered)
    .slice(0, count)
    .map(({ topic }) => topic);
}

function topicCard(topic: PromptTopic, phasePrompts: readonly PlanPrompt[]): PlannedStudyCard {
  const practisedIn = phasePrompts
    .filter((prompt) => topicCovers(topic, prompt))
    .map((prompt) => prompt.title);
  return {
    title: topic.title,
    kind: 'topic',
    promptId: null,
    notes: `Comes up in: ${practisedIn.join(', ')}.`,
  };
}

/** The prompt card the plan (and "Add new prompts") gives a prompt. */
export function promptCard(prompt: PlanPrompt): PlannedStudyCard {
  return { title: prompt.title, kind: 'prompt', promptId: prompt.id, notes: '' };
}

const INTERVIEW_CARDS: readonly PlannedStudyCard[] = [
  {
    title: 'Two mock interviews a week',
    notes: 'Book them on the Practice page; alternate the roles so you also learn to interview.',
  },
  {
    title: 'Review your weakest rubric dimension',
    notes: 'Your Progress page names it; pick a prompt whose deep dive exercises it.',
  },
  {
    title: 'Redo a prompt you found hard, without notes',
    notes: '',
  },
  {
    title: 'Practise the first five minutes: requirements and estimates out loud',
    notes: '',
  },
].map((card) => ({ ...card, kind: 'custom' as const, promptId: null }));

/**
 * The plan a user starts from: one column per roadmap phase that has prompts, titled with the
 * weeks it suggests (e.g. "Weeks 1-3 · Foundations"), holding the curated topics its prompts come
 * under most (phaseTopics) and then its prompts, easiest first; and a last column for interviewing itself.
 */
export function defaultStudyPlan(
  prompts: readonly PlanPrompt[],
  topics: readonly PromptTopic[],
): PlannedStudyColumn[] {
  const columns: PlannedStudyColumn[] = [];
  let week = 1;
  const phases = Object.keys(ROADMAP_PHASE_TITLES).map(Number) as RoadmapPhase[];
  for (const phase of phases) {
    const phasePrompts = prompts.filter((prompt) => prompt.roadmapPhase === phase).sort(easiestFirst);
    if (phasePrompts.length === 0) continue;
    const weeks = Math.max(MIN_WEEKS_PER_PHASE, Math.ceil(phasePrompts.length / PROMPTS_PER_WEEK));
    columns.push({
      title: `${weeksLabel(week, week + weeks - 1)} · ${ROADMAP_PHASE_TITLES[phase]}`,
      cards: [
        ...phaseTopics(phasePrompts, topics).map((topic) => topicCard(topic, phasePrompts)),
        ...phasePrompts.map(promptCard),
      ],
    });
    week += weeks;
  }
  columns.push({
    title: `From week ${week} · Interviews`,
    cards: INTERVIEW_CARDS.map((card) => ({ ...card })),
  });
  return columns;
}

/** Which column a prompt added later belongs in: its phase's, found by the phase title. */
export function columnForPhase(columnTitles: readonly string[], phase: RoadmapPhase): number {
  const suffix = `· ${ROADMAP_PHASE_TITLES[phase]}`;
  const index = columnTitles.findIndex(
    (title) => title.endsWith(suffix) || title === ROADMAP_PHASE_TITLES[phase],
  );
  return index;
}
