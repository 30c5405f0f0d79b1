import { allTags, compareForRoadmap, filterPrompts, toPromptDetail, toPromptSummary } from './prompt-views';
import type { Prompt } from './prompt';

function aPrompt(overrides: Partial<Prompt> = {}): Prompt {
  return {
    id: 'url-shortener',
    title: 'Design a URL shortener',
    summary: 'Turn long links into short codes.',
    difficulty: 'easy',
    tags: ['caching', 'hashing'],
    roadmapPhase: 1,
    timePlan: [
      { phase: 'requirements', minutes: 10 },
      { phase: 'high-level-design', minutes: 35 },
    ],
    totalMinutes: 45,
    problemStatement: 'Users paste a long link and get a short one back.',
    guideSections: [
      {
        id: 'deep-dives',
        title: 'Deep dives',
        markdown: 'Secret: use a base62 counter with a Feistel shuffle.',
      },
    ],
    signals: [
      {
        dimensionId: 'estimation',
        strong: 'Sizes the keyspace.',
        strongLevel: 4,
        weak: 'Guesses wildly.',
        weakLevel: 1,
      },
    ],
    hints: [
      {
        phase: 'requirements',
        hints: ['Who creates links, and who follows them?', 'Think about the read:write ratio.'],
      },
    ],
    ...overrides,
  };
}

const ids = (prompts: readonly Prompt[]): string[] => prompts.map((prompt) => prompt.id);

describe('toPromptSummary', () => {
  it('keeps the list fields and drops the statement and the guide', () => {
    expect(toPromptSummary(aPrompt())).toEqual({
      id: 'url-shortener',
      title: 'Design a URL shortener',
      summary: 'Turn long links into short codes.',
      difficulty: 'easy',
      tags: ['caching', 'hashing'],
      roadmapPhase: 1,
      timePlan: [
        { phase: 'requirements', minutes: 10 },
        { phase: 'high-level-design', minutes: 35 },
      ],
      totalMinutes: 45,
    });
  });
});

describe('toPromptDetail', () => {
  describe('for the candidate', () => {
    it('shows the problem statement and no guide', () => {
      const detail = toPromptDetail(aPrompt(), 'candidate');

      expect(detail.audience).toBe('candidate');
      expect(detail.problemStatement).toBe('Users paste a long link and get a short one back.');
      expect(detail.guide).toBeNull();
    });

    it('carries no interviewer text anywhere in the payload', () => {
      const json = JSON.stringify(toPromptDetail(aPrompt(), 'candidate'));

      expect(json).not.toContain('Feistel');
      expect(json).not.toContain('Sizes the keyspace');
      expect(json).not.toContain('Guesses wildly');
      expect(json).not.toContain('deep-dives');
      expect(json).not.toContain('read:write ratio');
    });

    it('has exactly the summary fields plus audience, statement and guide', () => {
      expect(Object.keys(toPromptDetail(aPrompt(), 'candidate')).sort()).toEqual(
        [...Object.keys(toPromptSummary(aPrompt())), 'audience', 'problemStatement', 'guide'].sort(),
      );
    });
  });

  describe('for the interviewer', () => {
    it('adds the guide sections, the rubric signals with their levels and the hints', () => {
      const detail = toPromptDetail(aPrompt(), 'interviewer');

      expect(detail.audience).toBe('interviewer');
      expect(detail.problemStatement).toBe('Users paste a long link and get a short one back.');
      expect(detail.guide).toEqual({
        sections: [
          {
            id: 'deep-dives',
            title: 'Deep dives',
            markdown: 'Secret: use a base62 counter with a Feistel shuffle.',
          },
        ],
        signals: [
          {
            dimensionId: 'estimation',
            strong: 'Sizes the keyspace.',
            strongLevel: 4,
            weak: 'Guesses wildly.',
            weakLevel: 1,
          },
        ],
        hints: [
          {
            phase: 'requirements',
            hints: ['Who creates links, and who follows them?', 'Think about the read:write ratio.'],
          },
        ],
      });
    });

    it('includes the list fields too', () => {
      expect(toPromptDetail(aPrompt(), 'interviewer')).toMatchObject(toPromptSummary(aPrompt()));
    });
  });
});

describe('filterPrompts', () => {
  const urlShortener = aPrompt();
  const chatApp = aPrompt({
    id: 'chat-app',
    title: 'Design a chat app',
    summary: 'Deliver messages between friends in real time.',
    difficulty: 'medium',
    tags: ['websockets', 'fan-out'],
    roadmapPhase: 2,
    problemStatement: 'Friends send each other messages and see read receipts.',
    guideSections: [{ id: 'deep-dives', title: 'Deep dives', markdown: 'Use a caching layer for presence.' }],
  });
  const rateLimiter = aPrompt({
    id: 'rate-limiter',
    title: 'Design a rate limiter',
    summary: 'Protect an API from abusive clients.',
    difficulty: 'medium',
    tags: ['caching', 'algorithms'],
    roadmapPhase: 1,
    problemStatement: 'Limit each API key to a number of requests per minute.',
  });
  const raftStore = aPrompt({
    id: 'raft-kv-store',
    title: 'Design a replicated key-value store',
    summary: 'Keep data consistent across replicas with Raft.',
    difficulty: 'hard',
    tags: ['consensus', 'replication'],
    roadmapPhase: 4,
    problemStatement: 'Build a strongly consistent store that survives node failures.',
  });
  const library = (): Prompt[] => [raftStore, chatApp, rateLimiter, urlShortener];

  it('returns every prompt for an empty query, in roadmap order', () => {
    expect(ids(filterPrompts(library(), {}))).toEqual([
      'url-shortener',
      'rate-limiter',
      'chat-app',
      'raft-kv-store',
    ]);
  });

  it('filters by tag', () => {
    expect(ids(filterPrompts(library(), { tag: 'caching' }))).toEqual(['url-shortener', 'rate-limiter']);
  });

  it('matches tags exactly, not by prefix', () => {
    expect(filterPrompts(library(), { tag: 'cach' })).toEqual([]);
  });

  it('filters by difficulty', () => {
    expect(ids(filterPrompts(library(), { difficulty: 'medium' }))).toEqual(['rate-limiter', 'chat-app']);
  });

  it('filters by roadmap phase', () => {
    expect(ids(filterPrompts(library(), { roadmapPhase: 1 }))).toEqual(['url-shortener', 'rate-limiter']);
  });

  it('combines filters', () => {
    expect(ids(filterPrompts(library(), { tag: 'caching', difficulty: 'medium', roadmapPhase: 1 }))).toEqual([
      'rate-limiter',
    ]);
  });

  it('returns nothing when no prompt matches', () => {
    expect(filterPrompts(library(), { difficulty: 'hard', roadmapPhase: 1 })).toEqual([]);
  });

  describe('by practice', () => {
    const practised = new Set(['chat-app', 'url-shortener', 'retired-prompt']);

    it('keeps only the prompts not practised yet', () => {
      expect(ids(filterPrompts(library(), { practised: 'no' }, practised))).toEqual([
        'rate-limiter',
        'raft-kv-store',
      ]);
    });

    it('keeps only the practised prompts', () => {
      expect(ids(filterPrompts(library(), { practised: 'yes' }, practised))).toEqual([
        'url-shortener',
        'chat-app',
      ]);
    });

    it('combines with the other filters', () => {
      expect(ids(filterPrompts(library(), { practised: 'no', roadmapPhase: 1 }, practised))).toEqual([
        'rate-limiter',
      ]);
    });

    it('treats every prompt as not practised for a user who has practised none', () => {
      expect(filterPrompts(library(), { practised: 'no' }, new Set())).toHaveLength(4);
    });

    it('refuses to guess when the practised ids are not given', () => {
      expect(() => filterPrompts(library(), { practised: 'no' })).toThrow('needs the practised ids');
    });
  });

  describe('text search', () => {
    it.each([
      ['the title', 'shortener', ['url-shortener']],
      ['the summary', 'abusive', ['rate-limiter']],
      ['a tag', 'websockets', ['chat-app']],
      ['the problem statement', 'receipts', ['chat-app']],
    ])('finds a word in %s', (_where, q, expected) => {
      expect(ids(filterPrompts(library(), { q }))).toEqual(expected);
    });

    it('ignores case', () => {
      expect(ids(filterPrompts(library(), { q: 'RAFT' }))).toEqual(['raft-kv-store']);
    });

    it('matches part of a word', () => {
      expect(ids(filterPrompts(library(), { q: 'replic' }))).toEqual(['raft-kv-store']);
    });

    it('requires every word, wherever each one appears', () => {
      // "API" is in the rate limiter's summary, "minute" only in its problem statement.
      expect(ids(filterPrompts(library(), { q: 'api minute' }))).toEqual(['rate-limiter']);
      expect(filterPrompts(library(), { q: 'api receipts' })).toEqual([]);
    });

    it('ignores extra whitespace between words', () => {
      expect(ids(filterPrompts(library(), { q: '  design   chat  ' }))).toEqual(['chat-app']);
    });

    it('treats blank search text as no search', () => {
      expect(filterPrompts(library(), { q: '   ' })).toHaveLength(4);
    });

    it('never matches text that is only in the interviewer guide', () => {
      expect(filterPrompts(library(), { q: 'Feistel' })).toEqual([]);
      expect(filterPrompts(library(), { q: 'keyspace' })).toEqual([]);
    });

    it('does not find a prompt by its guide even when the word is elsewhere in the library', () => {
      // "caching" is in the chat app's guide only, and in the tags of two other prompts.
      expect(ids(filterPrompts(library(), { q: 'caching' }))).toEqual(['url-shortener', 'rate-limiter']);
    });

    it('combines with the other filters', () => {
      expect(ids(filterPrompts(library(), { q: 'design', difficulty: 'hard' }))).toEqual(['raft-kv-store']);
    });
  });

  it('does not reorder the array it was given', () => {
    const prompts = library();

    filterPrompts(prompts, {});

    expect(ids(prompts)).toEqual(['raft-kv-store', 'chat-app', 'rate-limiter', 'url-shortener']);
  });
});

describe('compareForRoadmap', () => {
  const sorted = (prompts: Prompt[]): string[] => ids([...prompts].sort(compareForRoadmap));

  it('puts earlier roadmap phases first, whatever the difficulty', () => {
    expect(
      sorted([
        aPrompt({ id: 'late-easy', roadmapPhase: 3, difficulty: 'easy' }),
        aPrompt({ id: 'early-hard', roadmapPhase: 1, difficulty: 'hard' }),
      ]),
    ).toEqual(['early-hard', 'late-easy']);
  });

  it('puts easier prompts first within a phase', () => {
    expect(
      sorted([
        aPrompt({ id: 'hard', difficulty: 'hard', title: 'A' }),
        aPrompt({ id: 'easy', difficulty: 'easy', title: 'C' }),
        aPrompt({ id: 'medium', difficulty: 'medium', title: 'B' }),
      ]),
    ).toEqual(['easy', 'medium', 'hard']);
  });

  it('orders by title when phase and difficulty are equal', () => {
    expect(
      sorted([
        aPrompt({ id: 'whatsapp', title: 'Design WhatsApp' }),
        aPrompt({ id: 'chat-app', title: 'Design a chat app' }),
      ]),
    ).toEqual(['chat-app', 'whatsapp']);
  });
});

describe('allTags', () => {
  it('lists every tag once, sorted', () => {
    const prompts = [
      aPrompt({ tags: ['sharding', 'caching'] }),
      aPrompt({ tags: ['caching', 'websockets'] }),
      aPrompt({ tags: ['consensus'] }),
    ];

    expect(allTags(prompts)).toEqual(['caching', 'consensus', 'sharding', 'websockets']);
  });

  it('is empty for an empty library', () => {
    expect(allTags([])).toEqual([]);
  });
});
