import { markerLabelSides } from './marker-labels';

describe('markerLabelSides', () => {
  it('labels markers far apart, late ones leftwards', () => {
    expect(markerLabelSides([0, 300, 900], 1_000)).toEqual(['right', 'right', 'left']);
  });

  it('leaves out the earlier of two labels that would overlap, as a round and its next phase', () => {
    // "Round 2: Requirements" at 50 %, "Estimation" at 55 %: only the later is drawn.
    expect(markerLabelSides([0, 500, 550], 1_000)).toEqual(['right', 'none', 'right']);
  });

  it('leaves out a late label that would run into the label before it', () => {
    expect(markerLabelSides([700, 850], 1_000)).toEqual(['right', 'none']);
    expect(markerLabelSides([500, 850], 1_000)).toEqual(['right', 'left']);
  });

  it('labels a lone marker, and one at the very end, whatever the span', () => {
    expect(markerLabelSides([0], 0)).toEqual(['right']);
    expect(markerLabelSides([1_000], 1_000)).toEqual(['left']);
  });
});
