/** A screen's view of the board, in Excalidraw's terms (screen x = (scene x + scrollX) × zoom). */
export interface BoardView {
  scrollX: number;
  scrollY: number;
  zoom: number;
  width: number;
  height: number;
}

/**
 * Where to scroll a screen of `width` × `height` to see what `followed` sees: the same zoom, and the
 * same point of the board in the middle. Screens of different sizes then show the same centre, the
 * larger one a margin more around it.
 */
export function followView(
  followed: BoardView,
  screen: { width: number; height: number },
): { scrollX: number; scrollY: number; zoom: number } {
  const centreX = followed.width / 2 / followed.zoom - followed.scrollX;
  const centreY = followed.height / 2 / followed.zoom - followed.scrollY;
  return {
    scrollX: screen.width / 2 / followed.zoom - centreX,
    scrollY: screen.height / 2 / followed.zoom - centreY,
    zoom: followed.zoom,
  };
}
