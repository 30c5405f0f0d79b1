import { stringify } from 'yaml';
import { parsePromptFile, type PromptParseOptions } from './parse-prompt';
import type { Prompt } from './prompt';

const DIMENSION_IDS = ['requirements', 'estimation', 'communication'];
const FILE = 'url-shortener.md';

interface Section {
  title: string;
  body: string;
}

function aFrontMatter(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'url-shortener',
    title: 'Design a URL shortener',
    summary: 'Turn long links into short codes that redirect fast.',
    difficulty: 'easy',
    tags: ['caching', 'hashing'],
    roadmapPhase: 1,
    timePlan: [
      { phase: 'requirements', minutes: 5 },
      { phase: 'high-level-design', minutes: 20 },
      { phase: 'deep-dive', minutes: 15 },
    ],
    ...overrides,
  };
}

function aSignalBlock(dimensionId: string): string {
  return `### ${dimensionId}\n\n- **Strong (level 4):** shines on ${dimensionId}.\n- **Weak (level 2):** struggles with ${dimensionId}.`;
}

/** A `### <phase>` block of hints, numbered from 1. */
function aHintBlock(
  phase: string,
  hints: string[] = [`Which part of ${phase} matters most here?`, `Consider ${phase} first.`],
): string {
  return `### ${phase}\n\n${hints.map((hint, index) => `${index + 1}. ${hint}`).join('\n')}`;
}

/** Hints for each phase of the default time plan. */
const theHints = (): string =>
  ['requirements', 'high-level-design', 'deep-dive'].map((phase) => aHintBlock(phase)).join('\n\n');

/** The ten required sections, in the usual order, with signals for the given dimensions. */
function theSections(dimensionIds: readonly string[] = DIMENSION_IDS): Section[] {
  return [
    { title: 'Problem statement', body: 'Design a service that turns long links into short ones.' },
    { title: 'Clarifying questions', body: '- **Q:** How many links? **A:** 100 M a month.' },
    { title: 'Functional requirements', body: '- Shorten a link.\n- Redirect a short link.' },
    { title: 'Non-functional requirements', body: '- Redirects are fast and highly available.' },
    { title: 'Scale estimates', body: '- 100 M links a month ≈ 40 writes/s; 100:1 reads.' },
    { title: 'High-level design', body: 'An API, a key generator, PostgreSQL and a Redis cache.' },
    { title: 'Deep dives', body: 'Key generation without collisions.' },
    { title: 'Follow-ups', body: 'Custom aliases.' },
    { title: 'Common pitfalls', body: 'Sequential codes that can be enumerated.' },
    { title: 'Rubric signals', body: dimensionIds.map(aSignalBlock).join('\n\n') },
    { title: 'Hints', body: theHints() },
  ];
}

function withoutSection(title: string, sections: Section[] = theSections()): Section[] {
  return sections.filter((section) => section.title !== title);
}

function withSection(title: string, body: string, sections: Section[] = theSections()): Section[] {
  return sections.map((section) => (section.title === title ? { title, body } : section));
}

/** A prompt file: YAML front matter between `---` lines, then one `##` block per section. */
function aPromptFile(options: { frontMatter?: Record<string, unknown>; sections?: Section[] } = {}): string {
  const { frontMatter = aFrontMatter(), sections = theSections() } = options;
  const body = sections.map((section) => `## ${section.title}\n\n${section.body}\n`).join('\n');
  return `---\n${stringify(frontMatter)}---\n\n${body}`;
}

/** Hints and levels are required unless a test says otherwise (the shipped default is a constant). */
const REQUIRED: PromptParseOptions = { requireHintsAndLevels: true };
const TRANSITIONAL: PromptParseOptions = { requireHintsAndLevels: false };

function parsed(text: string, fileName = FILE, options = REQUIRED): Prompt {
  const result = parsePromptFile(text, fileName, DIMENSION_IDS, options);
  if (!result.ok) throw new Error(`expected a valid prompt, got ${JSON.stringify(result.problems, null, 2)}`);
  return result.prompt;
}

function problemsIn(text: string, fileName = FILE, options = REQUIRED) {
  const result = parsePromptFile(text, fileName, DIMENSION_IDS, options);
  if (result.ok) throw new Error('expected problems, but the prompt parsed');
  return result.problems;
}

describe('parsePromptFile', () => {
  describe('a valid prompt', () => {
    it('carries the front matter and the total of the time plan', () => {
      const prompt = parsed(aPromptFile());

      expect(prompt).toMatchObject({
        id: 'url-shortener',
        title: 'Design a URL shortener',
        summary: 'Turn long links into short codes that redirect fast.',
        difficulty: 'easy',
        tags: ['caching', 'hashing'],
        roadmapPhase: 1,
        totalMinutes: 40,
      });
      expect(prompt.timePlan.map((entry) => entry.phase)).toEqual([
        'requirements',
        'high-level-design',
        'deep-dive',
      ]);
    });

    it('keeps the problem statement apart from the guide', () => {
      const prompt = parsed(aPromptFile());

      expect(prompt.problemStatement).toBe('Design a service that turns long links into short ones.');
      expect(prompt.guideSections.map((section) => section.id)).not.toContain('problem-statement');
    });

    it('puts every other section but the signals and the hints in the guide, in file order, with slug ids', () => {
      const prompt = parsed(aPromptFile());

      expect(prompt.guideSections.map((section) => [section.id, section.title])).toEqual([
        ['clarifying-questions', 'Clarifying questions'],
        ['functional-requirements', 'Functional requirements'],
        ['non-functional-requirements', 'Non-functional requirements'],
        ['scale-estimates', 'Scale estimates'],
        ['high-level-design', 'High-level design'],
        ['deep-dives', 'Deep dives'],
        ['follow-ups', 'Follow-ups'],
        ['common-pitfalls', 'Common pitfalls'],
      ]);
      expect(prompt.guideSections[0]?.markdown).toBe('- **Q:** How many links? **A:** 100 M a month.');
    });

    it('reads one signal per rubric dimension, in rubric order', () => {
      const signalsInOtherOrder = [...DIMENSION_IDS].reverse().map(aSignalBlock).join('\n\n');
      const prompt = parsed(aPromptFile({ sections: withSection('Rubric signals', signalsInOtherOrder) }));

      expect(prompt.signals).toEqual(
        DIMENSION_IDS.map((dimensionId) => ({
          dimensionId,
          strong: `shines on ${dimensionId}.`,
          strongLevel: 4,
          weak: `struggles with ${dimensionId}.`,
          weakLevel: 2,
        })),
      );
    });

    it('reads a signal that runs over several lines up to the next labelled bullet', () => {
      const signals = [
        '### requirements\n\n- **Strong (level 3):** asks about scale\n  and about latency.\n- **Weak (level 1):** starts drawing at once.',
        aSignalBlock('estimation'),
        aSignalBlock('communication'),
      ].join('\n\n');

      const prompt = parsed(aPromptFile({ sections: withSection('Rubric signals', signals) }));

      expect(prompt.signals[0]).toEqual({
        dimensionId: 'requirements',
        strong: 'asks about scale\n  and about latency.',
        strongLevel: 3,
        weak: 'starts drawing at once.',
        weakLevel: 1,
      });
    });

    it('accepts the sections in any order', () => {
      const shuffled = [...theSections()].reverse();

      expect(parsed(aPromptFile({ sections: shuffled })).problemStatement).toBe(
        'Design a service that turns long links into short ones.',
      );
    });

    it('shows extra sections to the interviewer', () => {
      const sections = [...theSections(), { title: 'Further reading', body: 'The Bitly engineering blog.' }];

      expect(parsed(aPromptFile({ sections })).guideSections.at(-1)).toEqual({
        id: 'further-reading',
        title: 'Further reading',
        markdown: 'The Bitly engineering blog.',
      });
    });

    it('parses a file saved with Windows line endings and a byte-order mark', () => {
      const text = `\uFEFF${aPromptFile().replace(/\n/g, '\r\n')}`;

      expect(parsed(text).signals).toHaveLength(DIMENSION_IDS.length);
    });
  });

  describe('sections', () => {
    it('reports a missing section by the heading the author should write', () => {
      expect(problemsIn(aPromptFile({ sections: withoutSection('Deep dives') }))).toEqual([
        { file: FILE, field: '## Deep dives', reason: 'is missing' },
      ]);
    });

    it.each(['', '   \n\n  '])('reports an empty section (%j)', (body) => {
      expect(problemsIn(aPromptFile({ sections: withSection('Follow-ups', body) }))).toEqual([
        { file: FILE, field: '## Follow-ups', reason: 'is empty' },
      ]);
    });

    it('reports a section that appears twice', () => {
      const sections = [...theSections(), { title: 'Common pitfalls', body: 'More pitfalls.' }];

      expect(problemsIn(aPromptFile({ sections }))).toEqual([
        { file: FILE, field: '## Common pitfalls', reason: 'appears twice' },
      ]);
    });

    it('treats headings that differ only in case and punctuation as the same section', () => {
      const sections = [...theSections(), { title: 'Common Pitfalls!', body: 'More pitfalls.' }];

      expect(problemsIn(aPromptFile({ sections }))).toEqual([
        { file: FILE, field: '## Common Pitfalls!', reason: 'appears twice' },
      ]);
    });

    it('insists the scale estimates contain numbers', () => {
      const sections = withSection(
        'Scale estimates',
        'Lots of users, lots of links, quite a lot of traffic.',
      );

      expect(problemsIn(aPromptFile({ sections }))).toEqual([
        { file: FILE, field: '## Scale estimates', reason: 'must contain numbers' },
      ]);
    });

    it('reports only "is empty" for empty scale estimates, not also "must contain numbers"', () => {
      expect(problemsIn(aPromptFile({ sections: withSection('Scale estimates', '') }))).toEqual([
        { file: FILE, field: '## Scale estimates', reason: 'is empty' },
      ]);
    });

    it('does not count a heading inside a fenced code block as a section', () => {
      const sections = withSection(
        'High-level design',
        '```markdown\n## Deep dives\nnot a real section\n```',
        withoutSection('Deep dives'),
      );

      expect(problemsIn(aPromptFile({ sections }))).toEqual([
        { file: FILE, field: '## Deep dives', reason: 'is missing' },
      ]);
    });
  });

  describe('front matter', () => {
    it('requires the id to equal the file name', () => {
      expect(problemsIn(aPromptFile(), 'chat-app.md')).toEqual([
        {
          file: 'chat-app.md',
          field: 'id',
          reason: 'must equal the file name "chat-app" (is "url-shortener")',
        },
      ]);
    });

    it('rejects a difficulty outside easy, medium and hard', () => {
      expect(problemsIn(aPromptFile({ frontMatter: aFrontMatter({ difficulty: 'extreme' }) }))).toEqual([
        { file: FILE, field: 'difficulty', reason: 'Invalid option: expected one of "easy"|"medium"|"hard"' },
      ]);
    });

    it('names a nested field by its dotted path', () => {
      const timePlan = [
        { phase: 'requirements', minutes: 10 },
        { phase: 'deep-dive', minutes: 'thirty' },
      ];

      expect(problemsIn(aPromptFile({ frontMatter: aFrontMatter({ timePlan }) }))).toEqual([
        {
          file: FILE,
          field: 'timePlan.1.minutes',
          reason: 'Invalid input: expected number, received string',
        },
      ]);
    });

    it('rejects a time plan outside 30 to 60 minutes', () => {
      const timePlan = [
        { phase: 'requirements', minutes: 30 },
        { phase: 'deep-dive', minutes: 31 },
      ];

      expect(problemsIn(aPromptFile({ frontMatter: aFrontMatter({ timePlan }) }))).toEqual([
        { file: FILE, field: 'timePlan', reason: 'phases must add up to 30–60 minutes' },
      ]);
    });

    it('reports an unknown front matter key as not accepted', () => {
      expect(problemsIn(aPromptFile({ frontMatter: aFrontMatter({ author: 'someone' }) }))).toEqual([
        { file: FILE, field: 'author', reason: 'is not an accepted field' },
      ]);
    });

    it('does not also complain about the id when the front matter is otherwise invalid', () => {
      const problems = problemsIn(
        aPromptFile({ frontMatter: aFrontMatter({ difficulty: 'extreme' }) }),
        'chat-app.md',
      );

      expect(problems.map((problem) => problem.field)).toEqual(['difficulty']);
    });

    it('reports a file without front matter as one problem', () => {
      const text = aPromptFile().replace(/^---\n[\s\S]*?\n---\n/, '');
      expect(text.startsWith('\n## Problem statement')).toBe(true);

      expect(problemsIn(text)).toEqual([
        {
          file: FILE,
          field: '(front matter)',
          reason: 'the file must start with a "---" line opening the YAML front matter',
        },
      ]);
    });

    it('reports front matter that is never closed', () => {
      const text = `---\n${stringify(aFrontMatter())}\n## Problem statement\n\nDesign something.\n`;

      expect(problemsIn(text)).toEqual([
        { file: FILE, field: '(front matter)', reason: 'the front matter has no closing "---" line' },
      ]);
    });

    it('reports front matter that is not valid YAML', () => {
      const text = aPromptFile().replace('roadmapPhase: 1', 'roadmapPhase: [1');

      expect(problemsIn(text)).toEqual([
        {
          file: FILE,
          field: '(front matter)',
          reason: expect.stringMatching(/^the front matter is not valid YAML: /),
        },
      ]);
    });
  });

  describe('rubric signals', () => {
    it('reports a dimension without a signal block', () => {
      const signals = ['requirements', 'communication'].map(aSignalBlock).join('\n\n');

      expect(problemsIn(aPromptFile({ sections: withSection('Rubric signals', signals) }))).toEqual([
        { file: FILE, field: '## Rubric signals > ### estimation', reason: 'is missing' },
      ]);
    });

    it('reports a signal block without a Weak line', () => {
      const signals = [
        aSignalBlock('requirements'),
        '### estimation\n\n- **Strong (level 3):** sizes storage and traffic.',
        aSignalBlock('communication'),
      ].join('\n\n');

      expect(problemsIn(aPromptFile({ sections: withSection('Rubric signals', signals) }))).toEqual([
        {
          file: FILE,
          field: '## Rubric signals > ### estimation',
          reason: 'needs a "- **Weak (level 1 or 2):** …" line',
        },
      ]);
    });

    it('reports a signal block without a Strong line', () => {
      const signals = [
        aSignalBlock('requirements'),
        aSignalBlock('estimation'),
        '### communication\n\n- **Weak (level 1):** talks past the interviewer.',
      ].join('\n\n');

      expect(problemsIn(aPromptFile({ sections: withSection('Rubric signals', signals) }))).toEqual([
        {
          file: FILE,
          field: '## Rubric signals > ### communication',
          reason: 'needs a "- **Strong (level 3 or 4):** …" line',
        },
      ]);
    });

    it('reports both lines of a block that has neither', () => {
      const signals = [
        aSignalBlock('requirements'),
        '### estimation\n\nSome notes.',
        aSignalBlock('communication'),
      ].join('\n\n');

      expect(problemsIn(aPromptFile({ sections: withSection('Rubric signals', signals) }))).toEqual([
        {
          file: FILE,
          field: '## Rubric signals > ### estimation',
          reason: 'needs a "- **Strong (level 3 or 4):** …" line',
        },
        {
          file: FILE,
          field: '## Rubric signals > ### estimation',
          reason: 'needs a "- **Weak (level 1 or 2):** …" line',
        },
      ]);
    });

    it('treats a label with nothing after it as missing', () => {
      const signals = [
        aSignalBlock('requirements'),
        aSignalBlock('estimation'),
        '### communication\n\n- **Strong (level 3):**\n- **Weak (level 1):** mumbles.',
      ].join('\n\n');

      expect(problemsIn(aPromptFile({ sections: withSection('Rubric signals', signals) }))).toEqual([
        {
          file: FILE,
          field: '## Rubric signals > ### communication',
          reason: 'needs a "- **Strong (level 3 or 4):** …" line',
        },
      ]);
    });

    it('reports a block for a dimension the rubric does not have, listing the known ones', () => {
      const signals = [...DIMENSION_IDS, 'scalability'].map(aSignalBlock).join('\n\n');

      expect(problemsIn(aPromptFile({ sections: withSection('Rubric signals', signals) }))).toEqual([
        {
          file: FILE,
          field: '## Rubric signals > ### scalability',
          reason: 'is not a rubric dimension (known: requirements, estimation, communication)',
        },
      ]);
    });

    it('reports a signal block that appears twice', () => {
      const signals = [...DIMENSION_IDS, 'estimation'].map(aSignalBlock).join('\n\n');

      expect(problemsIn(aPromptFile({ sections: withSection('Rubric signals', signals) }))).toEqual([
        { file: FILE, field: '## Rubric signals > ### estimation', reason: 'appears twice' },
      ]);
    });

    it('reports a missing signals section once, not once per dimension', () => {
      expect(problemsIn(aPromptFile({ sections: withoutSection('Rubric signals') }))).toEqual([
        { file: FILE, field: '## Rubric signals', reason: 'is missing' },
      ]);
    });
  });

  describe('signal levels', () => {
    const withEstimationSignal = (block: string) =>
      aPromptFile({
        sections: withSection(
          'Rubric signals',
          [aSignalBlock('requirements'), block, aSignalBlock('communication')].join('\n\n'),
        ),
      });
    const FIELD = '## Rubric signals > ### estimation';

    it.each([
      ['Strong (level 2)', 'Weak (level 1)', `the Strong line's "(level 2)" must be (level 3) or (level 4)`],
      ['Strong (level 3)', 'Weak (level 3)', `the Weak line's "(level 3)" must be (level 1) or (level 2)`],
      ['Strong (level 5)', 'Weak (level 1)', `the Strong line's "(level 5)" must be (level 3) or (level 4)`],
      ['Strong (lvl 4)', 'Weak (level 1)', `the Strong line's "(lvl 4)" must be (level 3) or (level 4)`],
    ])('rejects "%s" / "%s" whether or not levels are required', (strong, weak, reason) => {
      const text = withEstimationSignal(
        `### estimation\n\n- **${strong}:** sizes it.\n- **${weak}:** guesses.`,
      );

      expect(problemsIn(text)).toEqual([{ file: FILE, field: FIELD, reason }]);
      expect(problemsIn(text, FILE, TRANSITIONAL)).toEqual([{ file: FILE, field: FIELD, reason }]);
    });

    it('accepts the level in any letter case and spacing', () => {
      const text = withEstimationSignal(
        '### estimation\n\n- **Strong ( Level 3 ):** sizes it.\n- **Weak(level 2):** guesses.',
      );

      expect(parsed(text).signals[1]).toMatchObject({
        strong: 'sizes it.',
        strongLevel: 3,
        weakLevel: 2,
        weak: 'guesses.',
      });
    });

    it('requires a level on every line once hints and levels are required', () => {
      const text = withEstimationSignal(
        '### estimation\n\n- **Strong:** sizes it.\n- **Weak (level 1):** guesses.',
      );

      expect(problemsIn(text)).toEqual([
        {
          file: FILE,
          field: FIELD,
          reason: 'the Strong line needs its rubric level: "- **Strong (level 3 or 4):** …"',
        },
      ]);
    });

    it('gives a line without a level strong 3 and weak 1 during the transition', () => {
      const text = withEstimationSignal('### estimation\n\n- **Strong:** sizes it.\n- **Weak:** guesses.');

      expect(parsed(text, FILE, TRANSITIONAL).signals[1]).toEqual({
        dimensionId: 'estimation',
        strong: 'sizes it.',
        strongLevel: 3,
        weak: 'guesses.',
        weakLevel: 1,
      });
    });

    it('names the plain line when levels are not yet required', () => {
      const text = withEstimationSignal('### estimation\n\n- **Strong:** sizes it.');

      expect(problemsIn(text, FILE, TRANSITIONAL)).toEqual([
        { file: FILE, field: FIELD, reason: 'needs a "- **Weak:** …" line' },
      ]);
    });
  });

  describe('hints', () => {
    const withHints = (body: string) => aPromptFile({ sections: withSection('Hints', body) });
    const withDeepDiveHints = (block: string) =>
      withHints([aHintBlock('requirements'), aHintBlock('high-level-design'), block].join('\n\n'));
    const FIELD = '## Hints > ### deep-dive';

    it("reads each phase's hints in time-plan order, whatever the file order", () => {
      const blocks = [
        aHintBlock('deep-dive', [
          'Where could two writers collide?',
          'Look at how codes are generated.',
          'A counter per shard avoids collisions.',
        ]),
        aHintBlock('requirements'),
        aHintBlock('high-level-design'),
      ];

      expect(parsed(withHints(blocks.join('\n\n'))).hints).toEqual([
        {
          phase: 'requirements',
          hints: ['Which part of requirements matters most here?', 'Consider requirements first.'],
        },
        {
          phase: 'high-level-design',
          hints: ['Which part of high-level-design matters most here?', 'Consider high-level-design first.'],
        },
        {
          phase: 'deep-dive',
          hints: [
            'Where could two writers collide?',
            'Look at how codes are generated.',
            'A counter per shard avoids collisions.',
          ],
        },
      ]);
    });

    it('keeps the hints out of the guide sections', () => {
      expect(parsed(aPromptFile()).guideSections.map((section) => section.id)).not.toContain('hints');
    });

    it('joins a hint that wraps over several lines into one paragraph', () => {
      const text = withDeepDiveHints(
        '### deep-dive\n\n1. Where could two writers\n   collide?\n2. Look at the key generator.',
      );

      expect(parsed(text).hints[2]?.hints).toEqual([
        'Where could two writers collide?',
        'Look at the key generator.',
      ]);
    });

    it('accepts blank lines between the hints', () => {
      const text = withDeepDiveHints(
        '### deep-dive\n\n1. Where could two writers collide?\n\n2. Look at the key generator.',
      );

      expect(parsed(text).hints[2]?.hints).toHaveLength(2);
    });

    it('is required once hints and levels are required', () => {
      expect(problemsIn(aPromptFile({ sections: withoutSection('Hints') }))).toEqual([
        { file: FILE, field: '## Hints', reason: 'is missing' },
      ]);
    });

    it('may be missing during the transition, meaning no hints', () => {
      expect(parsed(aPromptFile({ sections: withoutSection('Hints') }), FILE, TRANSITIONAL).hints).toEqual(
        [],
      );
    });

    it('is checked in full during the transition when it is there', () => {
      const text = withDeepDiveHints('### deep-dive\n\n1. Only one hint.');

      expect(problemsIn(text, FILE, TRANSITIONAL)).toEqual([
        { file: FILE, field: FIELD, reason: 'needs 2 or 3 numbered hints (has 1)' },
      ]);
    });

    it.each([1, 4])('needs 2 or 3 hints per phase (not %i)', (count) => {
      const hints = Array.from({ length: count }, (_, index) => `Hint number ${index + 1}.`);

      expect(problemsIn(withDeepDiveHints(aHintBlock('deep-dive', hints)))).toEqual([
        { file: FILE, field: FIELD, reason: `needs 2 or 3 numbered hints (has ${count})` },
      ]);
    });

    it('reports a phase of the time plan without hints', () => {
      const text = withHints([aHintBlock('requirements'), aHintBlock('deep-dive')].join('\n\n'));

      expect(problemsIn(text)).toEqual([
        { file: FILE, field: '## Hints > ### high-level-design', reason: 'is missing' },
      ]);
    });

    it('rejects hints for a phase the time plan does not have', () => {
      const text = withHints([theHints(), aHintBlock('estimation')].join('\n\n'));

      expect(problemsIn(text)).toEqual([
        {
          file: FILE,
          field: '## Hints > ### estimation',
          reason: "is not a phase of this prompt's time plan (requirements, high-level-design, deep-dive)",
        },
      ]);
    });

    it('rejects a block that is not an interview phase, listing the phases', () => {
      const text = withHints([theHints(), aHintBlock('scaling')].join('\n\n'));

      expect(problemsIn(text)).toEqual([
        {
          file: FILE,
          field: '## Hints > ### scaling',
          reason:
            'is not an interview phase (known: requirements, estimation, api-and-data-model, high-level-design, deep-dive, wrap-up)',
        },
      ]);
    });

    it('reports a phase that appears twice', () => {
      expect(problemsIn(withHints([theHints(), aHintBlock('deep-dive')].join('\n\n')))).toEqual([
        { file: FILE, field: FIELD, reason: 'appears twice' },
      ]);
    });

    it('reports a hint longer than 400 characters, saying how long it is', () => {
      const text = withDeepDiveHints(aHintBlock('deep-dive', ['Short.', 'x'.repeat(401)]));

      expect(problemsIn(text)).toEqual([
        { file: FILE, field: FIELD, reason: 'hint 2 has 401 characters (at most 400)' },
      ]);
    });

    it('accepts a hint of exactly 400 characters', () => {
      expect(
        parsed(withDeepDiveHints(aHintBlock('deep-dive', ['Short.', 'x'.repeat(400)]))).hints[2]?.hints[1],
      ).toHaveLength(400);
    });

    it('reports a hint of two paragraphs', () => {
      const text = withDeepDiveHints(
        '### deep-dive\n\n1. First thought.\n\n   A second paragraph.\n2. Second hint.',
      );

      expect(problemsIn(text)).toEqual([
        { file: FILE, field: FIELD, reason: 'hint 1 must be one paragraph' },
      ]);
    });

    it('reports text outside the numbered list', () => {
      const text = withDeepDiveHints('### deep-dive\n\nReveal these in order.\n\n1. First.\n2. Second.');

      expect(problemsIn(text)).toEqual([
        { file: FILE, field: FIELD, reason: 'must hold only a numbered list ("1. …", "2. …")' },
      ]);
    });

    it('reports hints numbered out of order', () => {
      const text = withDeepDiveHints('### deep-dive\n\n1. First.\n3. Second.');

      expect(problemsIn(text)).toEqual([
        { file: FILE, field: FIELD, reason: 'must number its hints 1, 2, 3 in order' },
      ]);
    });

    it('asks for hints written to the candidate, not about them', () => {
      const text = withDeepDiveHints(
        aHintBlock('deep-dive', ['The candidate should consider sharding.', 'Where do you shard?']),
      );

      expect(problemsIn(text)).toEqual([
        { file: FILE, field: FIELD, reason: 'hint 1 speaks of "the candidate"; address them as "you"' },
      ]);
    });

    it('reports an empty hints section once', () => {
      expect(problemsIn(withHints(''), FILE, TRANSITIONAL)).toEqual([
        { file: FILE, field: '## Hints', reason: 'is empty' },
      ]);
    });

    it('checks the blocks but not the time plan when the front matter is invalid', () => {
      const text = aPromptFile({
        frontMatter: aFrontMatter({ difficulty: 'extreme' }),
        sections: withSection('Hints', [aHintBlock('requirements', ['Only one.'])].join('\n\n')),
      });

      expect(problemsIn(text)).toEqual([
        { file: FILE, field: 'difficulty', reason: 'Invalid option: expected one of "easy"|"medium"|"hard"' },
        { file: FILE, field: '## Hints > ### requirements', reason: 'needs 2 or 3 numbered hints (has 1)' },
      ]);
    });
  });

  it('collects every problem in one pass', () => {
    let sections = withoutSection('Follow-ups');
    sections = withSection('Deep dives', '', sections);
    sections = withSection('Scale estimates', 'Many users.', sections);
    sections = withSection(
      'Rubric signals',
      [
        aSignalBlock('requirements'),
        '### estimation\n\n- **Strong (level 4):** sizes it.',
        aSignalBlock('elegance'),
      ].join('\n\n'),
      sections,
    );
    sections = [...sections, { title: 'Clarifying questions', body: '- **Q:** Again? **A:** Yes.' }];

    const problems = problemsIn(
      aPromptFile({ frontMatter: aFrontMatter({ difficulty: 'extreme', tags: [] }), sections }),
    );

    expect(problems).toEqual([
      { file: FILE, field: 'difficulty', reason: 'Invalid option: expected one of "easy"|"medium"|"hard"' },
      { file: FILE, field: 'tags', reason: 'Too small: expected array to have >=1 items' },
      { file: FILE, field: '## Deep dives', reason: 'is empty' },
      { file: FILE, field: '## Clarifying questions', reason: 'appears twice' },
      { file: FILE, field: '## Follow-ups', reason: 'is missing' },
      { file: FILE, field: '## Scale estimates', reason: 'must contain numbers' },
      {
        file: FILE,
        field: '## Rubric signals > ### elegance',
        reason: 'is not a rubric dimension (known: requirements, estimation, communication)',
      },
      {
        file: FILE,
        field: '## Rubric signals > ### estimation',
        reason: 'needs a "- **Weak (level 1 or 2):** …" line',
      },
      { file: FILE, field: '## Rubric signals > ### communication', reason: 'is missing' },
    ]);
  });

  it('collects the id mismatch together with section problems', () => {
    expect(problemsIn(aPromptFile({ sections: withoutSection('Deep dives') }), 'chat-app.md')).toEqual([
      {
        file: 'chat-app.md',
        field: 'id',
        reason: 'must equal the file name "chat-app" (is "url-shortener")',
      },
      { file: 'chat-app.md', field: '## Deep dives', reason: 'is missing' },
    ]);
  });
});
