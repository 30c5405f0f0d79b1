/**
 * Where the video tile sits over the board. Pure geometry: the tile component measures, this decides.
 * The tile keeps its distance to the right and bottom edges of the free area (its default corner), so
 * it stays in that corner when the board changes size, e.g. when the side panel opens.
 */

/** A rectangle in the tile's container, in CSS pixels. */
export interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The tile's gaps to the free area's right and bottom edges. */
export interface TileOffset {
  right: number;
  bottom: number;
}

/** Bottom-right, against the edges of the free area (which already keeps a margin to the tools). */
export const DEFAULT_TILE_OFFSET: TileOffset = { right: 0, bottom: 0 };

/** One arrow key press moves the tile this far; with Shift, four times as far. */
export const KEY_STEP_PX = 16;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max));

/** The offset moved inside the area; a tile larger than the area keeps to its top-left corner. */
export function clampOffset(offset: TileOffset, size: Size, area: Area): TileOffset {
  return {
    right: clamp(offset.right, 0, area.width - size.width),
    bottom: clamp(offset.bottom, 0, area.height - size.height),
  };
}

/** The tile's top-left corner in the container for an offset. */
export function tileCorner(offset: TileOffset, size: Size, area: Area): { left: number; top: number } {
  return {
    left: area.left + area.width - size.width - offset.right,
    top: area.top + area.height - size.height - offset.bottom,
  };
}

/** The offset of a tile whose top-left corner is at (left, top), kept inside the area. */
export function offsetAt(left: number, top: number, size: Size, area: Area): TileOffset {
  const offset = {
    right: area.left + area.width - size.width - left,
    bottom: area.top + area.height - size.height - top,
  };
  return clampOffset(offset, size, area);
}

const ARROWS: Record<string, { x: number; y: number }> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

export const isArrowKey = (key: string) => key in ARROWS;

/** The offset after an arrow key, or the same offset for any other key. */
export function nudge(offset: TileOffset, key: string, large: boolean, size: Size, area: Area): TileOffset {
  const direction = ARROWS[key];
  if (!direction) return offset;
  const step = large ? KEY_STEP_PX * 4 : KEY_STEP_PX;
  // Moving right shrinks the gap to the right edge; moving down, the gap to the bottom.
  const moved = { right: offset.right - direction.x * step, bottom: offset.bottom - direction.y * step };
  return clampOffset(moved, size, area);
}
