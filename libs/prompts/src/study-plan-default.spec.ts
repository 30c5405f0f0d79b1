import type { Difficulty, RoadmapPhase } from '@mockboard/contracts';
import {
  columnForPhase,
  commonTags,
  defaultStudyPlan,
  topicTitle,
  type PlanPrompt,
} from './study-plan-default';

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

describe('defaultStudyPlan', () => {
  it('makes one column per roadmap phase with prompts, titled with its weeks, then an Interviews column', () => {
    const prompts = [
      ...Array.from({ length: 7 }, () => aPrompt({ roadmapPhase: 1 })),
      aPrompt({ roadmapPhase: 2 }),
      ...Array.from({ length: 9 }, () => aPrompt({ roadmapPhase: 4 })),
    ];
    const titles = defaultStudyPlan(prompts).map((column) => column.title);
    // 7 prompts at three a week take 3 weeks; a phase never gets less than 2; phase 3 has none.
    expect(titles).toEqual([
      'Weeks 1-3 · Foundations',
      'Weeks 4-5 · Core products',
      'Weeks 6-8 · Distributed-systems depth',
      'From week 9 · Interviews',
    ]);
  });

  it('opens each phase with its most common topics, then lists its prompts easy first and by title', () => {
    const plan = defaultStudyPlan([
      aPrompt({ id: 'hard-one', title: 'A hard one', difficulty: 'hard', tags: ['sharding', 'caching'] }),
      aPrompt({ id: 'easy-b', title: 'B easy', difficulty: 'easy', tags: ['consistent-hashing', 'cdn'] }),
      aPrompt({ id: 'easy-a', title: 'A easy', difficulty: 'easy', tags: ['caching', 'cdn'] }),
      aPrompt({ id: 'medium', title: 'Middle', tags: ['caching', 'postgresql'] }),
      aPrompt({ id: 'later', roadmapPhase: 3, tags: ['kafka'] }),
    ]);
    const foundations = plan[0]!;
    expect(foundations.cards.filter((card) => card.kind === 'topic').map((card) => card.title)).toEqual([
      'Caching',
      'CDN',
      'Consistent hashing',
      'PostgreSQL',
    ]);
    expect(foundations.cards.filter((card) => card.kind === 'prompt').map((card) => card.promptId)).toEqual([
      'easy-a',
      'easy-b',
      'medium',
      'hard-one',
    ]);
    expect(foundations.cards.find((card) => card.title === 'CDN')?.notes).toBe(
      'Comes up in: A easy, B easy.',
    );
    expect(plan[1]!.cards.map((card) => card.promptId)).toEqual([null, 'later']);
  });

  it('gives prompt cards the prompt title and id, and the other cards none', () => {
    const plan = defaultStudyPlan([aPrompt({ id: 'url-shortener', title: 'Design a URL shortener' })]);
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
    expect(defaultStudyPlan([]).map((column) => column.title)).toEqual(['From week 1 · Interviews']);
  });
});

describe('commonTags', () => {
  it('ranks tags by how many prompts share them, ties going to the easier prompt', () => {
    const prompts = [
      aPrompt({ difficulty: 'hard', tags: ['raft', 'sharding'] }),
      aPrompt({ difficulty: 'easy', tags: ['redis', 'sharding'] }),
    ];
    expect(commonTags(prompts, 3)).toEqual(['sharding', 'redis', 'raft']);
  });
});

describe('topicTitle', () => {
  it('reads a kebab-case tag as a phrase, keeping acronyms and product names', () => {
    expect(topicTitle('consistent-hashing')).toBe('Consistent hashing');
    expect(topicTitle('cdn')).toBe('CDN');
    expect(topicTitle('cache-invalidation')).toBe('Cache invalidation');
    expect(topicTitle('id-generation')).toBe('ID generation');
  });
});

describe('columnForPhase', () => {
  it("finds a phase's column by its title, also after the weeks were edited", () => {
    const titles = ['Weeks 1-3 · Foundations', 'Month 2 · Core products', 'Interviews'];
    expect(columnForPhase(titles, 2)).toBe(1);
    expect(columnForPhase(titles, 3)).toBe(-1);
  });
});
