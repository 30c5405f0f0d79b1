import type { Area } from './tile-position';

/**
 * The part of the whiteboard where something may float without covering Excalidraw's tools: the
 * band below everything of its UI in the board's upper half (menu, shape tools, library; on narrow
 * boards also the side tools) and above everything in its lower half (zoom, undo, help; on narrow
 * boards the menu bar). Measured from Excalidraw's own layout, since it switches to a narrow layout
 * below ~730 px of board and the room's side panel changes the board's width.
 */

// Excalidraw 0.18's tools in both layouts (looked up in the room at 1280 and 375 px wide). Its bar
// wrappers span the whole board on narrow screens, so the tools inside them are measured instead.
const TOOLS = [
  '.App-toolbar',
  '.mobile-misc-tools-container',
  '.dropdown-menu-button',
  '.sidebar-trigger',
  '.zoom-actions',
  '.undo-redo-buttons',
  '.help-icon',
].join(', ');
// Shown for a moment or for a selection, not tools that stay: the tile need not avoid them.
const TRANSIENT = '.App-menu__left, .dropdown-menu, .Modal';
/** Breathing room between the tile and the tools or the board's edges. */
const MARGIN_PX = 12;

/** The free area of the board inside `container`, in the container's pixels, or null without a board. */
export function boardSafeArea(container: HTMLElement): Area | null {
  const board = container.querySelector<HTMLElement>('.whiteboard');
  if (!board) return null;
  const origin = container.getBoundingClientRect();
  const edges = board.getBoundingClientRect();
  const middle = edges.top + edges.height / 2;
  let top = edges.top;
  let bottom = edges.bottom;
  for (const tool of toolRects(board)) {
    if (tool.top + tool.height / 2 < middle) top = Math.max(top, tool.bottom);
    else bottom = Math.min(bottom, tool.top);
  }
  return {
    left: edges.left - origin.left + MARGIN_PX,
    top: top - origin.top + MARGIN_PX,
    width: Math.max(0, edges.width - 2 * MARGIN_PX),
    height: Math.max(0, bottom - top - 2 * MARGIN_PX),
  };
}

function toolRects(board: HTMLElement): DOMRect[] {
  return [...board.querySelectorAll(TOOLS)]
    .filter((element) => !element.closest(TRANSIENT))
    .map((element) => element.getBoundingClientRect())
    .filter((rect) => rect.width > 0 && rect.height > 0);
}
