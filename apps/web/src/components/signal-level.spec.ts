import { hintCapText } from './hint-cap-text';
import { scoreLevelLabel } from './labels';
import { signalLevelText } from './signal-level';

const levels = [
  { value: 1, label: 'Foundational' },
  { value: 2, label: 'Developing' },
  { value: 3, label: 'Solid' },
  { value: 4, label: 'Exceptional' },
] as const;

describe('signalLevelText', () => {
  it('names the level a signal evidences with its rubric label', () => {
    expect(signalLevelText('Strong', 3, [...levels])).toBe('Strong · Solid (3)');
    expect(signalLevelText('Weak', 1, [...levels])).toBe('Weak · Foundational (1)');
  });

  it('falls back to the number while the rubric loads', () => {
    expect(signalLevelText('Strong', 4, undefined)).toBe('Strong · level 4');
  });
});

describe('hintCapText', () => {
  it('says a stage without a cap leaves the score alone', () => {
    expect(hintCapText(null, [...levels])).toBe('No effect on the score');
  });

  it('names the highest level a capped dimension can reach', () => {
    expect(hintCapText(2, [...levels])).toBe('At most Developing (2)');
  });
});

describe('scoreLevelLabel', () => {
  it('names a score level as the rubric does', () => {
    expect(scoreLevelLabel([...levels], 3)).toBe('Solid');
  });

  it('falls back to the number for a level the rubric does not list', () => {
    expect(scoreLevelLabel([...levels], 5)).toBe('Level 5');
  });
});
