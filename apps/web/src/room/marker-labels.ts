/** The share of the scrubber a marker's label takes (9rem of a desktop scrubber, roughly). */
export const LABEL_SHARE = 0.12;
/** Past this share of the replay a label reads leftwards, so it stays inside the scrubber. */
export const LATE_SHARE = 0.75;

/** Where a marker's label goes: to the right of its tick, to the left, or nowhere (it would collide). */
export type LabelSide = 'right' | 'left' | 'none';

/**
 * Places each marker's label (offsets in order, as shares of `span`) so that no two overlap: a
 * label that would run into its neighbour's tick or label is left out, and the chapter list below
 * the scrubber names it instead. Of markers close together the later one keeps its label (the
 * phase the replay went on in).
 */
export function markerLabelSides(offsets: readonly number[], span: number): LabelSide[] {
  const at = offsets.map((offset) => offset / Math.max(span, 1));
  const sides = at.map((share): LabelSide => (share > LATE_SHARE ? 'left' : 'right'));
  // Right-reading labels first, each against the next tick; then left-reading ones against the
  // previous tick and, when that one reads rightwards too, its label.
  sides.forEach((side, index) => {
    const next = at[index + 1];
    if (side === 'right' && next !== undefined && next - at[index]! < LABEL_SHARE) sides[index] = 'none';
  });
  sides.forEach((side, index) => {
    if (side !== 'left' || index === 0) return;
    const gap = at[index]! - at[index - 1]!;
    const needed = sides[index - 1] === 'right' ? 2 * LABEL_SHARE : LABEL_SHARE;
    if (gap < needed) sides[index] = 'none';
  });
  return sides;
}
