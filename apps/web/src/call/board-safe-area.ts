import type { Area } from './tile-position';

/**
 * The part of the whiteboard where something may float without covering Excalidraw's tools: below
 * its top toolbar (and menu and library buttons, which share the row) and above its bottom bar
 * (zoom, undo, help; on phones the tools themselves). Measured from Excalidraw's own layout,
 * since its bars change height with the screen and the room's panel changes the board's width.
 */

// Excalidraw 0.18's containers: the desktop top row and footer, and the phone layout's bars.
const TOP_BARS = '.App-menu_top, .App-top-bar';
const BOTTOM_BARS = '.layer-ui__wrapper__footer, .App-bottom-bar';
/** Breathing room between the tile and the tools or the board's edges. */
const MARGIN_PX = 12;

/** The free area of the board inside `container`, in the container's pixels, or null without a board. */
export function boardSafeArea(container: HTMLElement): Area | null {
  const board = container.querySelector<HTMLElement>('.whiteboard');
  if (!board) return null;
  const origin = container.getBoundingClientRect();
  const edges = board.getBoundingClientRect();
  let top = edges.top;
  let bottom = edges.bottom;
  for (const bar of visibleRects(board, TOP_BARS)) top = Math.max(top, bar.bottom);
  for (const bar of visibleRects(board, BOTTOM_BARS)) bottom = Math.min(bottom, bar.top);
  return {
    left: edges.left - origin.left + MARGIN_PX,
    top: top - origin.top + MARGIN_PX,
    width: Math.max(0, edges.width - 2 * MARGIN_PX),
    height: Math.max(0, bottom - top - 2 * MARGIN_PX),
  };
}

function visibleRects(root: HTMLElement, selector: string): DOMRect[] {
  return [...root.querySelectorAll(selector)]
    .map((element) => element.getBoundingClientRect())
    .filter((rect) => rect.width > 0 && rect.height > 0);
}
