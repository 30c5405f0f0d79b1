import { stringify } from 'yaml';
import { formatProblem } from './content-problem';
import { parseRubric } from './parse-rubric';

const DIMENSION_IDS = [
  'requirements',
  'estimation',
  'api-and-data-model',
  'high-level-design',
  'deep-dive',
  'tradeoffs',
];

function aDimension(id: string, weight: number): Record<string, unknown> {
  return {
    id,
    title: `The ${id} dimension`,
    weight,
    description: `How well the candidate handles ${id}.`,
    anchors: {
      1: `Ignores ${id} entirely.`,
      2: `Touches on ${id} when prompted.`,
      3: `Handles ${id} without prompting.`,
      4: `Uses ${id} to drive the design.`,
    },
    expectations: {
      junior: { level: 1, note: 'needs prompting' },
      mid: { level: 2, note: 'mostly unprompted' },
      senior: { level: 3, note: 'unprompted and thorough' },
      staff: { level: 4, note: 'sets the direction' },
    },
  };
}

/** A rubric as a plain object; tests break it, then turn it into YAML text with `asYaml`. */
function aRubricDocument(): Record<string, unknown> & { dimensions: Array<Record<string, unknown>> } {
  return {
    version: 1,
    levels: [
      { value: 1, label: 'Foundational' },
      { value: 2, label: 'Developing' },
      { value: 3, label: 'Solid' },
      { value: 4, label: 'Exceptional' },
    ],
    dimensions: DIMENSION_IDS.map((id, index) => aDimension(id, index < 4 ? 15 : 20)),
    recommendations: [
      { id: 'no-hire', label: 'No hire', description: 'Below the bar on several dimensions.' },
      { id: 'lean-hire', label: 'Lean hire', description: 'Meets the bar with minor gaps.' },
      { id: 'hire', label: 'Hire', description: 'Meets or exceeds the bar everywhere.' },
    ],
    hints: aHintWeighting(),
  };
}

function aHintWeighting(): Record<string, unknown> {
  return {
    guidance: 'A revealed hint caps the level of its phase.',
    stages: [
      { stage: 1, label: 'Nudge', maxLevel: null, effect: 'No effect on the score.' },
      { stage: 2, label: 'Pointer', maxLevel: 3, effect: 'Solid at most, not exceptional.' },
      { stage: 3, label: 'Answer', maxLevel: 2, effect: 'Developing at most.' },
    ],
  };
}

const asYaml = (document: unknown): string => stringify(document);

describe('parseRubric', () => {
  it('parses a valid rubric', () => {
    const result = parseRubric(asYaml(aRubricDocument()));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rubric.version).toBe(1);
    expect(result.rubric.dimensions.map((dimension) => dimension.id)).toEqual(DIMENSION_IDS);
    expect(result.rubric.dimensions[0]?.anchors[3]).toBe('Handles requirements without prompting.');
    expect(result.rubric.dimensions[5]?.expectations.staff).toEqual({ level: 4, note: 'sets the direction' });
  });

  it('reads anchors written with bare numeric keys, as authors write them', () => {
    const yamlText = asYaml(aRubricDocument()).replace(/"([1-4])":/g, '$1:');
    expect(yamlText).toMatch(/^\s+1: /m);

    expect(parseRubric(yamlText).ok).toBe(true);
  });

  describe('when the file is not valid YAML', () => {
    it('reports exactly one problem for the whole file', () => {
      const result = parseRubric('version: 1\nlevels: [1, 2\n');

      expect(result).toEqual({
        ok: false,
        problems: [
          {
            file: 'rubric.yaml',
            field: '(file)',
            reason: expect.stringMatching(/^not valid YAML: .*line \d+/s),
          },
        ],
      });
    });

    it('treats a repeated key as invalid YAML rather than silently keeping one value', () => {
      const result = parseRubric('version: 1\nversion: 2\n');

      expect(result).toEqual({
        ok: false,
        problems: [
          {
            file: 'rubric.yaml',
            field: '(file)',
            reason: expect.stringContaining('Map keys must be unique'),
          },
        ],
      });
    });

    it('names the file it was given', () => {
      const result = parseRubric('a: [', 'content/rubric-v2.yaml');

      expect(result.ok ? [] : result.problems.map((problem) => problem.file)).toEqual([
        'content/rubric-v2.yaml',
      ]);
    });
  });

  it.each([
    ['an empty file', '', 'Invalid input: expected object, received null'],
    ['a list', '- requirements\n- estimation\n', 'Invalid input: expected object, received array'],
    ['a plain string', 'just some text', 'Invalid input: expected object, received string'],
  ])('reports %s as a problem at the root', (_case, text, reason) => {
    expect(parseRubric(text)).toEqual({
      ok: false,
      problems: [{ file: 'rubric.yaml', field: '(root)', reason }],
    });
  });

  describe('schema problems', () => {
    it('names the offending field by its dotted path', () => {
      const document = aRubricDocument();
      document.dimensions[0] = { ...document.dimensions[0], weight: 'heavy' };

      expect(parseRubric(asYaml(document))).toEqual({
        ok: false,
        problems: [
          {
            file: 'rubric.yaml',
            field: 'dimensions.0.weight',
            reason: 'Invalid input: expected number, received string',
          },
        ],
      });
    });

    it('reaches into nested objects such as an expectation of one dimension', () => {
      const document = aRubricDocument();
      document.dimensions[3] = {
        ...document.dimensions[3],
        expectations: {
          junior: { level: 1, note: 'needs prompting' },
          mid: { level: 2, note: 'mostly unprompted' },
          senior: { level: 3, note: 'unprompted and thorough' },
          staff: { level: 7, note: 'sets the direction' },
        },
      };

      const result = parseRubric(asYaml(document));

      expect(result.ok ? [] : result.problems.map((problem) => problem.field)).toEqual([
        'dimensions.3.expectations.staff.level',
      ]);
    });

    it('reports a rule about the whole list of dimensions on "dimensions"', () => {
      const document = aRubricDocument();
      document.dimensions[5] = { ...document.dimensions[5], weight: 15 };

      expect(parseRubric(asYaml(document))).toEqual({
        ok: false,
        problems: [
          {
            file: 'rubric.yaml',
            field: 'dimensions',
            reason: 'weights must add up to 100 (they add up to 95)',
          },
        ],
      });
    });

    it('reports a duplicate dimension id at the duplicate', () => {
      const document = aRubricDocument();
      document.dimensions[4] = { ...document.dimensions[4], id: 'estimation' };

      expect(parseRubric(asYaml(document))).toEqual({
        ok: false,
        problems: [{ file: 'rubric.yaml', field: 'dimensions.4.id', reason: 'duplicate id "estimation"' }],
      });
    });

    it('reports an unknown key as "is not an accepted field", wherever it is', () => {
      const document = { ...aRubricDocument(), owner: 'design-guild' };
      document.dimensions[2] = { ...document.dimensions[2], colour: 'blue' };

      expect(parseRubric(asYaml(document))).toEqual({
        ok: false,
        problems: [
          { file: 'rubric.yaml', field: 'dimensions.2.colour', reason: 'is not an accepted field' },
          { file: 'rubric.yaml', field: 'owner', reason: 'is not an accepted field' },
        ],
      });
    });

    it('lists each unknown key of one object as its own problem', () => {
      const document = aRubricDocument();
      document.dimensions[0] = { ...document.dimensions[0], colour: 'blue', icon: 'star' };

      expect(parseRubric(asYaml(document))).toEqual({
        ok: false,
        problems: [
          { file: 'rubric.yaml', field: 'dimensions.0.colour', reason: 'is not an accepted field' },
          { file: 'rubric.yaml', field: 'dimensions.0.icon', reason: 'is not an accepted field' },
        ],
      });
    });

    it('collects every problem in one pass', () => {
      const document = { ...aRubricDocument(), version: 0 };
      document.dimensions[1] = { ...document.dimensions[1], id: 'Estimation' };
      document.dimensions[2] = { ...document.dimensions[2], description: 'short' };

      const result = parseRubric(asYaml(document));

      expect(result.ok ? [] : result.problems.map((problem) => problem.field)).toEqual([
        'version',
        'dimensions.1.id',
        'dimensions.2.description',
      ]);
    });
  });

  it('produces problems that format as "file: field: reason" for the start-up error', () => {
    const document = aRubricDocument();
    document.dimensions[5] = { ...document.dimensions[5], weight: 25 };

    const result = parseRubric(asYaml(document));

    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'rubric.yaml: dimensions: weights must add up to 100 (they add up to 105)',
    ]);
  });
});
