import type { z } from 'zod';
import {
  PhaseHintsSchema,
  PromptDetailSchema,
  PromptListQuerySchema,
  PromptMetaSchema,
  PromptSummarySchema,
  type PromptMeta,
  type TimePlanEntry,
} from './prompts';

function aPromptMeta(overrides: Partial<Record<keyof PromptMeta, unknown>> = {}): Record<string, unknown> {
  return {
    id: 'url-shortener',
    title: 'Design a URL shortener',
    summary: 'Turn long links into short codes that redirect fast.',
    difficulty: 'easy',
    tags: ['caching', 'hashing'],
    roadmapPhase: 1,
    timePlan: aTimePlan([5, 10, 20, 10]),
    ...overrides,
  };
}

/** A time plan that walks the phases in order with the given minutes. */
function aTimePlan(minutes: number[]): TimePlanEntry[] {
  const phases = ['requirements', 'estimation', 'high-level-design', 'deep-dive', 'wrap-up'] as const;
  return minutes.map((value, index) => ({ phase: phases[index] ?? 'wrap-up', minutes: value }));
}

function fieldErrors(result: z.ZodSafeParseResult<unknown>): Array<{ field: string; message: string }> {
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

describe('PromptMetaSchema', () => {
  it('accepts the metadata of a well-formed prompt', () => {
    expect(PromptMetaSchema.parse(aPromptMeta())).toEqual(aPromptMeta());
  });

  describe('id', () => {
    it.each(['url-shortener', 'raft-kv-store', 'youtube', 'web3-wallet'])(
      'accepts the kebab-case id %s',
      (id) => {
        expect(PromptMetaSchema.safeParse(aPromptMeta({ id })).success).toBe(true);
      },
    );

    it.each(['URL-shortener', 'url_shortener', 'url shortener', 'url--shortener', '-url', 'url-', ''])(
      'rejects "%s", which is not kebab-case',
      (id) => {
        expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ id })))).toEqual([
          { field: 'id', message: 'must be kebab-case, e.g. "url-shortener"' },
        ]);
      },
    );

    it('rejects an id longer than 64 characters', () => {
      expect(PromptMetaSchema.safeParse(aPromptMeta({ id: 'a'.repeat(65) })).success).toBe(false);
    });
  });

  describe('timePlan', () => {
    it('accepts a plan of exactly 30 minutes', () => {
      expect(PromptMetaSchema.safeParse(aPromptMeta({ timePlan: aTimePlan([10, 20]) })).success).toBe(true);
    });

    it('accepts a plan of exactly 60 minutes', () => {
      expect(
        PromptMetaSchema.safeParse(aPromptMeta({ timePlan: aTimePlan([5, 5, 20, 25, 5]) })).success,
      ).toBe(true);
    });

    it('rejects a time plan that adds up to less than 30 minutes', () => {
      expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ timePlan: aTimePlan([10, 19]) })))).toEqual(
        [{ field: 'timePlan', message: 'phases must add up to 30–60 minutes' }],
      );
    });

    it('rejects a time plan that adds up to more than 60 minutes', () => {
      expect(
        fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ timePlan: aTimePlan([5, 5, 20, 25, 6]) }))),
      ).toEqual([{ field: 'timePlan', message: 'phases must add up to 30–60 minutes' }]);
    });

    it('rejects a plan that lists the same phase twice', () => {
      const timePlan = [
        { phase: 'requirements', minutes: 10 },
        { phase: 'deep-dive', minutes: 15 },
        { phase: 'requirements', minutes: 10 },
      ];

      expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ timePlan })))).toEqual([
        { field: 'timePlan', message: 'each phase may appear once' },
      ]);
    });

    it('reports both a wrong total and a repeated phase', () => {
      const timePlan = [
        { phase: 'deep-dive', minutes: 40 },
        { phase: 'deep-dive', minutes: 30 },
      ];

      expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ timePlan })))).toEqual([
        { field: 'timePlan', message: 'phases must add up to 30–60 minutes' },
        { field: 'timePlan', message: 'each phase may appear once' },
      ]);
    });

    it('needs at least two phases', () => {
      expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ timePlan: aTimePlan([45]) })))).toEqual([
        { field: 'timePlan', message: 'Too small: expected array to have >=2 items' },
      ]);
    });

    it('names the entry whose minutes are not a whole number', () => {
      expect(
        fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ timePlan: aTimePlan([10, 20.5]) }))).map(
          (error) => error.field,
        ),
      ).toEqual(['timePlan.1.minutes']);
    });

    it.each([0, -5, 61])('rejects a phase of %i minutes', (minutes) => {
      const fields = fieldErrors(
        PromptMetaSchema.safeParse(
          aPromptMeta({
            timePlan: [
              { phase: 'requirements', minutes },
              { phase: 'deep-dive', minutes: 30 },
            ],
          }),
        ),
      ).map((error) => error.field);

      expect(fields).toContain('timePlan.0.minutes');
    });

    it('rejects a phase that is not an interview phase', () => {
      const timePlan = [
        { phase: 'coffee-break', minutes: 10 },
        { phase: 'deep-dive', minutes: 30 },
      ];

      expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ timePlan })))).toEqual([
        { field: 'timePlan.0.phase', message: expect.stringContaining('expected one of "requirements"') },
      ]);
    });

    it('rejects unknown keys in an entry', () => {
      const timePlan = [
        { phase: 'requirements', minutes: 10, note: 'go slow' },
        { phase: 'deep-dive', minutes: 30 },
      ];
      const result = PromptMetaSchema.safeParse(aPromptMeta({ timePlan }));

      expect(result.error?.issues).toEqual([
        expect.objectContaining({ code: 'unrecognized_keys', path: ['timePlan', 0], keys: ['note'] }),
      ]);
    });
  });

  describe('tags', () => {
    it('accepts up to eight kebab-case tags', () => {
      const tags = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'consistent-hashing'];

      expect(PromptMetaSchema.safeParse(aPromptMeta({ tags })).success).toBe(true);
    });

    it('needs at least one tag', () => {
      expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ tags: [] })))).toEqual([
        { field: 'tags', message: 'Too small: expected array to have >=1 items' },
      ]);
    });

    it('rejects more than eight tags', () => {
      const tags = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];

      expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ tags })))).toEqual([
        { field: 'tags', message: 'Too big: expected array to have <=8 items' },
      ]);
    });

    it('names each tag that is not kebab-case', () => {
      expect(
        fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ tags: ['caching', 'Sharding', 'two words'] }))),
      ).toEqual([
        { field: 'tags.1', message: 'tags must be kebab-case' },
        { field: 'tags.2', message: 'tags must be kebab-case' },
      ]);
    });
  });

  it.each(['easy', 'medium', 'hard'])('accepts the difficulty %s', (difficulty) => {
    expect(PromptMetaSchema.safeParse(aPromptMeta({ difficulty })).success).toBe(true);
  });

  it('rejects a difficulty outside easy, medium and hard', () => {
    expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ difficulty: 'extreme' })))).toEqual([
      { field: 'difficulty', message: 'Invalid option: expected one of "easy"|"medium"|"hard"' },
    ]);
  });

  it.each([1, 2, 3, 4])('accepts roadmap phase %i', (roadmapPhase) => {
    expect(PromptMetaSchema.safeParse(aPromptMeta({ roadmapPhase })).success).toBe(true);
  });

  it.each([0, 5, 1.5, '1'])('rejects roadmap phase %j (front matter is not coerced)', (roadmapPhase) => {
    expect(
      fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ roadmapPhase }))).map((error) => error.field),
    ).toEqual(['roadmapPhase']);
  });

  it('trims the title and summary', () => {
    const meta = PromptMetaSchema.parse(
      aPromptMeta({ title: '  Design a chat app ', summary: '  Send messages fast.  ' }),
    );

    expect(meta.title).toBe('Design a chat app');
    expect(meta.summary).toBe('Send messages fast.');
  });

  it('rejects a title that is too short once trimmed', () => {
    expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ title: '  Hi  ' })))).toEqual([
      { field: 'title', message: 'Too small: expected string to have >=3 characters' },
    ]);
  });

  it('rejects a summary shorter than ten characters', () => {
    expect(fieldErrors(PromptMetaSchema.safeParse(aPromptMeta({ summary: 'Too short' })))).toEqual([
      { field: 'summary', message: 'Too small: expected string to have >=10 characters' },
    ]);
  });

  it('rejects unknown front matter keys', () => {
    const result = PromptMetaSchema.safeParse({ ...aPromptMeta(), author: 'someone' });

    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: [], keys: ['author'] }),
    ]);
  });

  it('reports every missing field', () => {
    expect(fieldErrors(PromptMetaSchema.safeParse({})).map((error) => error.field)).toEqual([
      'id',
      'title',
      'summary',
      'difficulty',
      'tags',
      'roadmapPhase',
      'timePlan',
    ]);
  });
});

describe('PromptSummarySchema', () => {
  it('adds the total minutes to the metadata', () => {
    const summary = { ...aPromptMeta(), totalMinutes: 45 };

    expect(PromptSummarySchema.parse(summary)).toEqual(summary);
  });
});

describe('PromptDetailSchema', () => {
  const aDetail = (overrides: Record<string, unknown>): Record<string, unknown> => ({
    ...aPromptMeta(),
    totalMinutes: 45,
    audience: 'candidate',
    problemStatement: 'Design a URL shortener.',
    guide: null,
    ...overrides,
  });

  it('accepts a candidate view without a guide', () => {
    expect(PromptDetailSchema.safeParse(aDetail({})).success).toBe(true);
  });

  const aGuide = (overrides: Record<string, unknown> = {}) => ({
    sections: [{ id: 'deep-dives', title: 'Deep dives', markdown: 'Hot keys.' }],
    signals: [
      {
        dimensionId: 'estimation',
        strong: 'Sizes the cache.',
        strongLevel: 3,
        weak: 'Skips the numbers.',
        weakLevel: 1,
      },
    ],
    hints: [{ phase: 'deep-dive', hints: ['What gets hot?', 'Look at the most-read keys.'] }],
    ...overrides,
  });

  it('accepts an interviewer view with sections, signals and hints', () => {
    expect(PromptDetailSchema.safeParse(aDetail({ audience: 'interviewer', guide: aGuide() })).success).toBe(
      true,
    );
  });

  it('accepts a guide without hints yet', () => {
    expect(
      PromptDetailSchema.safeParse(aDetail({ audience: 'interviewer', guide: aGuide({ hints: [] }) }))
        .success,
    ).toBe(true);
  });

  it('rejects a signal level outside 1 to 4', () => {
    const guide = aGuide({
      signals: [
        { dimensionId: 'estimation', strong: 'Sizes it.', strongLevel: 5, weak: 'Skips it.', weakLevel: 1 },
      ],
    });

    expect(PromptDetailSchema.safeParse(aDetail({ audience: 'interviewer', guide })).success).toBe(false);
  });

  it('rejects an audience other than candidate or interviewer', () => {
    expect(PromptDetailSchema.safeParse(aDetail({ audience: 'observer' })).success).toBe(false);
  });
});

describe('PhaseHintsSchema', () => {
  const aHint = (length = 40) => 'x'.repeat(length);

  it.each([2, 3])('accepts %i hints for a phase', (count) => {
    expect(
      PhaseHintsSchema.safeParse({ phase: 'estimation', hints: Array.from({ length: count }, () => aHint()) })
        .success,
    ).toBe(true);
  });

  it.each([1, 4])('rejects %i hints for a phase', (count) => {
    expect(
      PhaseHintsSchema.safeParse({ phase: 'estimation', hints: Array.from({ length: count }, () => aHint()) })
        .success,
    ).toBe(false);
  });

  it('rejects a hint longer than 400 characters', () => {
    expect(
      fieldErrors(PhaseHintsSchema.safeParse({ phase: 'estimation', hints: [aHint(), aHint(401)] })).map(
        (error) => error.field,
      ),
    ).toEqual(['hints.1']);
  });

  it('rejects a phase that is not an interview phase', () => {
    expect(PhaseHintsSchema.safeParse({ phase: 'scaling', hints: [aHint(), aHint()] }).success).toBe(false);
  });
});

describe('PromptListQuerySchema', () => {
  it('accepts an empty query', () => {
    expect(PromptListQuerySchema.parse({})).toEqual({});
  });

  it.each([
    ['1', 1],
    ['4', 4],
    [' 2 ', 2],
  ])('coerces the roadmap phase %j from the query string to %i', (roadmapPhase, expected) => {
    expect(PromptListQuerySchema.parse({ roadmapPhase })).toEqual({ roadmapPhase: expected });
  });

  it('accepts a roadmap phase that is already a number', () => {
    expect(PromptListQuerySchema.parse({ roadmapPhase: 3 })).toEqual({ roadmapPhase: 3 });
  });

  it.each(['0', '5', '1.5', 'two', ''])('rejects the roadmap phase %j', (roadmapPhase) => {
    expect(
      fieldErrors(PromptListQuerySchema.safeParse({ roadmapPhase })).map((error) => error.field),
    ).toEqual(['roadmapPhase']);
  });

  it('accepts a tag and a difficulty', () => {
    expect(PromptListQuerySchema.parse({ tag: 'caching', difficulty: 'hard' })).toEqual({
      tag: 'caching',
      difficulty: 'hard',
    });
  });

  it('rejects an unknown difficulty', () => {
    expect(
      fieldErrors(PromptListQuerySchema.safeParse({ difficulty: 'brutal' })).map((error) => error.field),
    ).toEqual(['difficulty']);
  });

  it('trims the search text', () => {
    expect(PromptListQuerySchema.parse({ q: '  rate limiter  ' })).toEqual({ q: 'rate limiter' });
  });

  it('rejects search text longer than 100 characters', () => {
    expect(fieldErrors(PromptListQuerySchema.safeParse({ q: 'x'.repeat(101) }))).toEqual([
      { field: 'q', message: 'must be at most 100 characters' },
    ]);
  });

  it('measures the search text after trimming', () => {
    expect(PromptListQuerySchema.safeParse({ q: ` ${'x'.repeat(100)} ` }).success).toBe(true);
  });

  it.each(['yes', 'no'] as const)('accepts practised=%s', (practised) => {
    expect(PromptListQuerySchema.parse({ practised })).toEqual({ practised });
  });

  it.each(['maybe', 'true', ''])('rejects practised=%j, saying which values it takes', (practised) => {
    expect(fieldErrors(PromptListQuerySchema.safeParse({ practised }))).toEqual([
      { field: 'practised', message: 'must be "yes" (practised) or "no" (not practised yet)' },
    ]);
  });

  it('rejects a tag longer than 64 characters', () => {
    expect(PromptListQuerySchema.safeParse({ tag: 't'.repeat(65) }).success).toBe(false);
  });

  it('rejects unknown query parameters', () => {
    const result = PromptListQuerySchema.safeParse({ page: '2' });

    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['page'] }),
    ]);
  });
});
