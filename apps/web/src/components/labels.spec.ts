import { scoreLevelLabel } from './labels';

const levels = [
  { value: 1, label: 'Foundational' },
  { value: 2, label: 'Developing' },
  { value: 3, label: 'Solid' },
  { value: 4, label: 'Exceptional' },
] as const;

describe('scoreLevelLabel', () => {
  it('names a score level as the rubric does', () => {
    expect(scoreLevelLabel([...levels], 3)).toBe('Solid');
  });

  it('falls back to the number for a level the rubric does not list', () => {
    expect(scoreLevelLabel([...levels], 5)).toBe('Level 5');
  });
});
