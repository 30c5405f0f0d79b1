import { fontFaceStyle, fontFacesUsed } from './svg-fonts';
import { RENDERERS } from './svg-shapes';
import {
  FillPatterns,
  colour,
  escapeXml,
  fmt,
  num,
  opacityAttribute,
  strokeWidthOf,
  type Element,
  type Point,
} from './svg-markup';

export interface SceneToSvgOptions {
  /** Space around the drawing, in scene units. */
  padding?: number;
  /** The board's colour behind the drawing; `null` for a transparent background. */
  background?: string | null;
  /** An accessible name, written as the SVG's `<title>`. */
  title?: string;
  /**
   * A font file's bytes as base64, by its path under Excalidraw's fonts folder (see svg-fonts.ts).
   * Given, the fonts the text uses are embedded; without it text uses whatever the viewer has.
   */
  fontFile?: (file: string) => string | undefined;
}

/** The size of an empty board, so a session without drawings still gets a valid thumbnail. */
const EMPTY_BOARD = { width: 200, height: 120 };
/** What an empty board says, so a reader does not take a blank picture for one that failed to load. */
const EMPTY_BOARD_WORDS =
  `<text x="${EMPTY_BOARD.width / 2}" y="${EMPTY_BOARD.height / 2 + 5}" text-anchor="middle" ` +
  'font-family="system-ui, sans-serif" font-size="14" fill="#6b7280">Nothing was drawn</text>';

/**
 * Renders an Excalidraw scene as one standalone SVG document: rectangles, ellipses, diamonds, lines,
 * arrows (with arrowheads), pen strokes, text, and images as placeholder boxes. Deleted elements and
 * types it does not know are skipped; each element is rotated by its `angle` about its centre; the
 * viewBox is the bounds of everything drawn plus `padding`. Elements come from clients, so every
 * value is read defensively and escaped (see svg-markup.ts): the output never carries their markup.
 */
export function sceneToSvg(elements: readonly unknown[], options: SceneToSvgOptions = {}): string {
  const padding = Math.max(num(options.padding, 16), 0);
  const fills = new FillPatterns();
  const drawn: string[] = [];
  const bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };

  const live = inPaintOrder(elements);
  for (const element of live) {
    const shape = RENDERERS.get(element.type as string)?.(element, fills);
    if (!shape) continue;
    const angle = num(element.angle);
    const [cx, cy] = shape.center;
    const rotate =
      angle !== 0 ? ` transform="rotate(${fmt((angle * 180) / Math.PI)} ${fmt(cx)} ${fmt(cy)})"` : '';
    drawn.push(`<g${rotate}${opacityAttribute(element)}>${shape.markup}</g>`);

    // Half the stroke lies outside the geometry; text has no stroke but its glyphs may overhang.
    const inflate = element.type === 'text' ? 2 : strokeWidthOf(element) / 2;
    for (const [x, y] of shape.extent.map((point) => rotated(point, shape.center, angle))) {
      bounds.minX = Math.min(bounds.minX, x - inflate);
      bounds.minY = Math.min(bounds.minY, y - inflate);
      bounds.maxX = Math.max(bounds.maxX, x + inflate);
      bounds.maxY = Math.max(bounds.maxY, y + inflate);
    }
  }

  // Whole units outward, so the board never clips a stroke and the numbers stay short.
  const view = Number.isFinite(bounds.minX)
    ? {
        x: Math.floor(bounds.minX - padding),
        y: Math.floor(bounds.minY - padding),
        right: Math.ceil(bounds.maxX + padding),
        bottom: Math.ceil(bounds.maxY + padding),
      }
    : { x: 0, y: 0, right: EMPTY_BOARD.width, bottom: EMPTY_BOARD.height };
  const width = Math.max(view.right - view.x, 1);
  const height = Math.max(view.bottom - view.y, 1);
  const background =
    options.background === null ? 'none' : colour(options.background ?? '#ffffff', '#ffffff');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${view.x} ${view.y} ${width} ${height}" ` +
      `width="${width}" height="${height}" role="img">`,
    options.title ? `<title>${escapeXml(options.title)}</title>` : '',
    options.fontFile ? fontFaceStyle(fontFacesUsed(live), options.fontFile) : '',
    fills.markup(),
    background === 'none'
      ? ''
      : `<rect x="${view.x}" y="${view.y}" width="${width}" height="${height}" fill="${escapeXml(background)}"/>`,
    ...(drawn.length > 0 ? drawn : [EMPTY_BOARD_WORDS]),
    '</svg>',
  ].join('');
}

/**
 * Live elements, bottom to top. Excalidraw orders a scene by each element's fractional `index`
 * (strings that compare by code unit); elements without one keep their order after the others.
 */
function inPaintOrder(elements: readonly unknown[]): Element[] {
  const live = elements.filter(
    (candidate): candidate is Element =>
      typeof candidate === 'object' &&
      candidate !== null &&
      (candidate as Element).isDeleted !== true &&
      typeof (candidate as Element).type === 'string' &&
      Number.isFinite((candidate as Element).x) &&
      Number.isFinite((candidate as Element).y),
  );
  const key = (element: Element) => (typeof element.index === 'string' ? element.index : null);
  return live
    .map((element, position) => ({ element, position, index: key(element) }))
    .sort((a, b) => {
      if (a.index !== null && b.index !== null && a.index !== b.index) return a.index < b.index ? -1 : 1;
      if (a.index === null && b.index !== null) return 1;
      if (a.index !== null && b.index === null) return -1;
      return a.position - b.position;
    })
    .map((entry) => entry.element);
}

function rotated([x, y]: Point, [cx, cy]: Point, angle: number): Point {
  if (angle === 0) return [x, y];
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return [cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos];
}
