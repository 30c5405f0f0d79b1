import {
  DIFFICULTIES,
  ROADMAP_PHASE_TITLES,
  type RoadmapPhase,
  type StudyCardKind,
} from '@mockboard/contracts';
import type { Prompt } from './prompt';

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
/** The topics a phase opens with: the tags most of its prompts share. */
const TOPICS_PER_PHASE = 4;

/** Tags whose plain capitalisation would read wrong ("Cdn", "Postgresql"). */
const TAG_WORDS: Record<string, string> = {
  api: 'API',
  cdn: 'CDN',
  dns: 'DNS',
  grpc: 'gRPC',
  http: 'HTTP',
  id: 'ID',
  kafka: 'Kafka',
  olap: 'OLAP',
  postgresql: 'PostgreSQL',
  raft: 'Raft',
  redis: 'Redis',
  tls: 'TLS',
  uuid: 'UUID',
};

/** "consistent-hashing" → "Consistent hashing", "cdn" → "CDN". */
export function topicTitle(tag: string): string {
  return tag
    .split('-')
    .map(
      (word, index) => TAG_WORDS[word] ?? (index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word),
    )
    .join(' ');
}

/** "Weeks 1-3", or "Week 4" for a single week. */
function weeksLabel(first: number, last: number): string {
  return first === last ? `Week ${first}` : `Weeks ${first}-${last}`;
}

/**
 * The tags most prompts of a phase carry, most common first; ties go to the tag met first in
 * roadmap order, so the easier prompts' topics lead.
 */
export function commonTags(prompts: readonly PlanPrompt[], count = TOPICS_PER_PHASE): string[] {
  const seen = new Map<string, { uses: number; first: number }>();
  let order = 0;
  for (const prompt of [...prompts].sort(easiestFirst)) {
    for (const tag of prompt.tags) {
      const entry = seen.get(tag) ?? { uses: 0, first: order++ };
      entry.uses += 1;
      seen.set(tag, entry);
    }
  }
  return [...seen.entries()]
    .sort(([, a], [, b]) => b.uses - a.uses || a.first - b.first)
    .slice(0, count)
    .map(([tag]) => tag);
}

function topicCard(tag: string, phasePrompts: readonly PlanPrompt[]): PlannedStudyCard {
  const practisedIn = phasePrompts
    .filter((prompt) => prompt.tags.includes(tag))
    .map((prompt) => prompt.title);
  return {
    title: topicTitle(tag),
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
 * weeks it suggests (e.g. "Weeks 1-3 · Foundations"), holding that phase's common topics and then
 * its prompts, easiest first; and a last column for interviewing itself.
 */
export function defaultStudyPlan(prompts: readonly PlanPrompt[]): PlannedStudyColumn[] {
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
        ...commonTags(phasePrompts).map((tag) => topicCard(tag, phasePrompts)),
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
