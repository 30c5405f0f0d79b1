import type { Difficulty, PromptTopic, RoadmapPhase } from '@mockboard/contracts';
import { columnForPhase, defaultStudyPlan, phaseTopics, type PlanPrompt } from './study-plan-default';

let next = 0;
function aPrompt(overrides: Partial<PlanPrompt> = {}): PlanPrompt {
  next += 1;
  return {
    id: `prompt-${next}`,
    title: `Prompt ${next}`,
    difficulty: 'medium' as Difficulty,
    tags: ['caching'],
    roadmapPhase: 1 as RoadmapPhase,
    ...overrides,
  };
}

/** Curated topics as prompts/topics.yaml defines them: a title over a set of tags. */
const TOPICS: PromptTopic[] = [
  { id: 'caching', title: 'Caching', tags: ['caching', 'redis'] },
  { id: 'databases', title: 'Databases and storage', tags: ['postgresql'] },
  { id: 'delivery', title: 'Content delivery', tags: ['cdn'] },
  { id: 'partitioning', title: 'Partitioning', tags: ['sharding', 'consistent-hashing'] },
  { id: 'messaging', title: 'Messaging and streams', tags: ['kafka'] },
  { id: 'consensus', title: 'Consistency and consensus', tags: ['raft'] },
];

describe('defaultStudyPlan', () => {
  it('makes one column per roadmap phase with prompts, titled with its weeks, then an Interviews column', () => {
    const prompts = [
      ...Array.from({ length: 7 }, () => aPrompt({ roadmapPhase: 1 })),
      aPrompt({ roadmapPhase: 2 }),
      ...Array.from({ length: 9 }, () => aPrompt({ roadmapPhase: 4 })),
    ];
    const titles = defaultStudyPlan(prompts, TOPICS).map((column) => column.title);
    // 7 prompts at three a week take 3 weeks; a phase never gets less than 2; phase 3 has none.
    expect(titles).toEqual([
      'Weeks 1-3 · Foundations',
      'Weeks 4-5 · Core products',
      'Weeks 6-8 · Distributed-systems depth',
      'From week 9 · Interviews',
    ]);
  });

  it('opens each phase with the curated topics covering most of its prompts, then its prompts easy first', () => {
    const plan = defaultStudyPlan(
      [
        aPrompt({ id: 'hard-one', title: 'A hard one', difficulty: 'hard', tags: ['sharding', 'caching'] }),
        aPrompt({ id: 'easy-b', title: 'B easy', difficulty: 'easy', tags: ['consistent-hashing', 'cdn'] }),
        aPrompt({ id: 'easy-a', title: 'A easy', difficulty: 'easy', tags: ['caching', 'cdn'] }),
        aPrompt({ id: 'medium', title: 'Middle', tags: ['caching', 'postgresql'] }),
        aPrompt({ id: 'later', roadmapPhase: 3, tags: ['kafka'] }),
      ],
      TOPICS,
    );
    const foundations = plan[0]!;
    expect(foundations.cards.filter((card) => card.kind === 'topic').map((card) => card.title)).toEqual([
      'Caching',
      'Content delivery',
      'Partitioning',
      'Databases and storage',
    ]);
    expect(foundations.cards.filter((card) => card.kind === 'prompt').map((card) => card.promptId)).toEqual([
      'easy-a',
      'easy-b',
      'medium',
      'hard-one',
    ]);
    expect(foundations.cards.find((card) => card.title === 'Partitioning')?.notes).toBe(
      'Comes up in: B easy, A hard one.',
    );
    expect(plan[1]!.cards.map((card) => card.promptId)).toEqual([null, 'later']);
  });

  it('gives prompt cards the prompt title and id, and the other cards none', () => {
    const plan = defaultStudyPlan(
      [aPrompt({ id: 'url-shortener', title: 'Design a URL shortener' })],
      TOPICS,
    );
    expect(plan[0]!.cards.find((card) => card.kind === 'prompt')).toEqual({
      title: 'Design a URL shortener',
      kind: 'prompt',
      promptId: 'url-shortener',
      notes: '',
    });
    const interviews = plan.at(-1)!;
    expect(interviews.cards.map((card) => card.title)).toContain('Two mock interviews a week');
    expect(interviews.cards.map((card) => card.title)).toContain('Review your weakest rubric dimension');
    expect(interviews.cards.every((card) => card.kind === 'custom' && card.promptId === null)).toBe(true);
  });

  it('still offers the Interviews column for an empty library', () => {
    expect(defaultStudyPlan([], TOPICS).map((column) => column.title)).toEqual(['From week 1 · Interviews']);
  });
});

describe('phaseTopics', () => {
  it("ranks the curated topics by how many of the prompts they cover, ties in the file's order", () => {
    const prompts = [
      aPrompt({ tags: ['raft', 'sharding'] }),
      aPrompt({ tags: ['redis', 'sharding'] }),
      aPrompt({ tags: ['kafka'] }),
    ];
    expect(phaseTopics(prompts, TOPICS, 3).map((topic) => topic.id)).toEqual([
      'partitioning',
      'caching',
      'messaging',
    ]);
  });

  it('leaves out a topic that covers none of the prompts', () => {
    expect(phaseTopics([aPrompt({ tags: ['cdn'] })], TOPICS).map((topic) => topic.id)).toEqual(['delivery']);
  });
});

describe('columnForPhase', () => {
  it("finds a phase's column by its title, also after the weeks were edited", () => {
    const titles = ['Weeks 1-3 · Foundations', 'Month 2 · Core products', 'Interviews'];
    expect(columnForPhase(titles, 2)).toBe(1);
    expect(columnForPhase(titles, 3)).toBe(-1);
  });
});
