import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTERVIEW_PHASES, type HintReveal as StoredReveal, type Rubric } from '@mockboard/contracts';
import { hintCaps, PHASE_DIMENSION } from './hint-caps';
import { parseRubric } from './parse-rubric';

/** What the caps read of a reveal. */
type HintReveal = Pick<StoredReveal, 'phase' | 'stage'>;

/** The shipped rubric, so the caps tested are the ones users get. */
function theShippedRubric(): Rubric {
  const result = parseRubric(readFileSync(join(__dirname, '../../../prompts/rubric.yaml'), 'utf8'));
  if (!result.ok) throw new Error(`rubric.yaml is invalid: ${JSON.stringify(result.problems)}`);
  return result.rubric;
}

const rubric = theShippedRubric();

describe('PHASE_DIMENSION', () => {
  it.each(INTERVIEW_PHASES)('maps the %s phase to a dimension of the shipped rubric', (phase) => {
    expect(rubric.dimensions.map((dimension) => dimension.id)).toContain(PHASE_DIMENSION[phase]);
  });

  it('counts wrap-up hints towards trade-offs', () => {
    expect(PHASE_DIMENSION['wrap-up']).toBe('tradeoffs');
  });
});

describe('hintCaps', () => {
  it('caps nothing when no hint was revealed', () => {
    expect(hintCaps([], rubric)).toEqual([]);
  });

  it('leaves the score alone after a nudge (stage 1)', () => {
    expect(hintCaps([{ phase: 'deep-dive', stage: 1 }], rubric)).toEqual([]);
  });

  it('lets a dimension reach Solid but not Exceptional after a pointer (stage 2)', () => {
    expect(hintCaps([{ phase: 'deep-dive', stage: 2 }], rubric)).toEqual([
      {
        dimensionId: 'deep-dive',
        maxLevel: 3,
        reasons: ['Pointer hint (stage 2) in Deep dive: at most Solid (3)'],
      },
    ]);
  });

  it('caps at Developing after the explicit answer (stage 3), the lowest cap winning', () => {
    const reveals: HintReveal[] = [
      { phase: 'estimation', stage: 3 },
      { phase: 'estimation', stage: 1 },
      { phase: 'estimation', stage: 2 },
    ];

    expect(hintCaps(reveals, rubric)).toEqual([
      {
        dimensionId: 'estimation',
        maxLevel: 2,
        reasons: [
          'Pointer hint (stage 2) in Estimation: at most Solid (3)',
          'Answer hint (stage 3) in Estimation: at most Developing (2)',
        ],
      },
    ]);
  });

  it('caps trade-offs for a wrap-up hint', () => {
    expect(hintCaps([{ phase: 'wrap-up', stage: 2 }], rubric)).toEqual([
      expect.objectContaining({ dimensionId: 'tradeoffs', maxLevel: 3 }),
    ]);
  });

  it('lists the capped dimensions in rubric order, whatever the order of the reveals', () => {
    const reveals: HintReveal[] = [
      { phase: 'wrap-up', stage: 3 },
      { phase: 'requirements', stage: 2 },
      { phase: 'high-level-design', stage: 2 },
    ];

    expect(hintCaps(reveals, rubric).map((cap) => [cap.dimensionId, cap.maxLevel])).toEqual([
      ['requirements', 3],
      ['high-level-design', 3],
      ['tradeoffs', 2],
    ]);
  });

  it('counts a hint revealed twice once', () => {
    const reveals: HintReveal[] = [
      { phase: 'deep-dive', stage: 2 },
      { phase: 'deep-dive', stage: 2 },
    ];

    expect(hintCaps(reveals, rubric)[0]?.reasons).toHaveLength(1);
  });

  it('follows the weights the rubric gives, not fixed ones', () => {
    const strict: Rubric = {
      ...rubric,
      hints: {
        ...rubric.hints,
        stages: [
          { stage: 1, label: 'Nudge', maxLevel: 3, effect: 'Even a nudge costs the top level.' },
          { stage: 2, label: 'Pointer', maxLevel: 2, effect: 'A pointer caps at developing.' },
          { stage: 3, label: 'Answer', maxLevel: 1, effect: 'An answer caps at the baseline.' },
        ],
      },
    };

    expect(hintCaps([{ phase: 'requirements', stage: 1 }], strict)).toEqual([
      expect.objectContaining({ dimensionId: 'requirements', maxLevel: 3 }),
    ]);
  });

  it('ignores a phase whose dimension the rubric does not have', () => {
    const withoutTradeoffs = {
      ...rubric,
      dimensions: rubric.dimensions.filter((dimension) => dimension.id !== 'tradeoffs'),
    };

    expect(hintCaps([{ phase: 'wrap-up', stage: 3 }], withoutTradeoffs)).toEqual([]);
  });
});
