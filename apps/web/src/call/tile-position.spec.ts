import {
  clampOffset,
  DEFAULT_TILE_OFFSET,
  KEY_STEP_PX,
  nudge,
  offsetAt,
  tileCorner,
  type Area,
} from './tile-position';

// A board's free area (below the tools, above the zoom bar) and a 240 × 135 tile.
const area: Area = { left: 12, top: 80, width: 800, height: 600 };
const size = { width: 240, height: 135 };

describe('the video tile’s place over the board', () => {
  it('starts in the free area’s bottom-right corner', () => {
    expect(tileCorner(DEFAULT_TILE_OFFSET, size, area)).toEqual({
      left: 12 + 800 - 240,
      top: 80 + 600 - 135,
    });
  });

  it('turns a corner position into gaps to the right and bottom edges and back', () => {
    const offset = offsetAt(100, 200, size, area);
    expect(offset).toEqual({ right: 12 + 800 - 240 - 100, bottom: 80 + 600 - 135 - 200 });
    expect(tileCorner(offset, size, area)).toEqual({ left: 100, top: 200 });
  });

  it('keeps a tile dragged past any edge inside the free area', () => {
    expect(tileCorner(offsetAt(-500, -500, size, area), size, area)).toEqual({ left: 12, top: 80 });
    expect(tileCorner(offsetAt(5000, 5000, size, area), size, area)).toEqual({
      left: 12 + 800 - 240,
      top: 80 + 600 - 135,
    });
  });

  it('keeps its corner when the board shrinks, and moves in only as far as it must', () => {
    const smaller = { ...area, width: 400, height: 300 };
    expect(clampOffset({ right: 20, bottom: 30 }, size, smaller)).toEqual({ right: 20, bottom: 30 });
    expect(clampOffset({ right: 500, bottom: 400 }, size, smaller)).toEqual({ right: 160, bottom: 165 });
  });

  it('sits at the top-left of an area smaller than itself', () => {
    const tiny = { ...area, width: 100, height: 50 };
    expect(tileCorner(clampOffset({ right: 10, bottom: 10 }, size, tiny), size, tiny)).toEqual({
      left: 12 + 100 - 240,
      top: 80 + 50 - 135,
    });
    expect(clampOffset({ right: 10, bottom: 10 }, size, tiny)).toEqual({ right: 0, bottom: 0 });
  });

  it('moves a step per arrow key, four with Shift, and stops at the edges', () => {
    const start = { right: 100, bottom: 100 };
    expect(nudge(start, 'ArrowLeft', false, size, area)).toEqual({ right: 100 + KEY_STEP_PX, bottom: 100 });
    expect(nudge(start, 'ArrowRight', false, size, area)).toEqual({ right: 100 - KEY_STEP_PX, bottom: 100 });
    expect(nudge(start, 'ArrowUp', true, size, area)).toEqual({ right: 100, bottom: 100 + 4 * KEY_STEP_PX });
    expect(nudge(start, 'ArrowDown', false, size, area)).toEqual({ right: 100, bottom: 100 - KEY_STEP_PX });
    expect(nudge({ right: 0, bottom: 0 }, 'ArrowDown', true, size, area)).toEqual({ right: 0, bottom: 0 });
    expect(nudge(start, 'Enter', false, size, area)).toBe(start);
  });
});
