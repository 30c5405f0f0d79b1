import type { HintCap, Rubric } from '@mockboard/contracts';
import { hintCapWarning } from './hint-cap-warning';

const LEVELS: Rubric['levels'] = [
  { value: 1, label: 'Foundational' },
  { value: 2, label: 'Developing' },
  { value: 3, label: 'Solid' },
  { value: 4, label: 'Exceptional' },
];
const CAP: HintCap = {
  dimensionId: 'deep-dive',
  maxLevel: 2,
  reasons: ['Answer hint (stage 3) in Deep dive'],
};

describe('the warning under a dimension scored above its hint cap', () => {
  it('names the level chosen and the cap, in the rubric’s words', () => {
    expect(hintCapWarning(CAP, 4, LEVELS)).toBe(
      'You chose Exceptional (4), above Developing (2), the most the rubric allows after the hints revealed ' +
        'here: its hint weighting asks you to lower it to the cap.',
    );
  });

  it('says nothing at or below the cap, before a level is chosen, or without a cap', () => {
    expect(hintCapWarning(CAP, 2, LEVELS)).toBeNull();
    expect(hintCapWarning(CAP, 1, LEVELS)).toBeNull();
    expect(hintCapWarning(CAP, null, LEVELS)).toBeNull();
    expect(hintCapWarning(undefined, 4, LEVELS)).toBeNull();
  });
});
