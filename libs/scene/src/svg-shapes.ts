import {
  DEFAULT_STROKE,
  colour,
  escapeXml,
  fmt,
  num,
  points,
  str,
  strokeAttributes,
  type Element,
  type Point,
  type Renderer,
} from './svg-markup';
import { freedraw, linear } from './svg-lines';

function box(element: Element) {
  const x = num(element.x);
  const y = num(element.y);
  const width = num(element.width);
  const height = num(element.height);
  const corners: Point[] = [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
  return { x, y, width, height, corners, center: [x + width / 2, y + height / 2] as Point };
}

/** Excalidraw's corner radius: a quarter of the short side, capped at 32 for "adaptive" rounding. */
function cornerRadius(element: Element, shortSide: number): number {
  const roundness = element.roundness as { type?: unknown; value?: unknown } | null | undefined;
  if (!roundness || typeof roundness !== 'object') return 0;
  if (roundness.type === 3 && shortSide > 128) return num(roundness.value, 32);
  return shortSide * 0.25;
}

const rectangle: Renderer = (element, fills) => {
  const { x, y, width, height, corners, center } = box(element);
  const radius = cornerRadius(element, Math.min(Math.abs(width), Math.abs(height)));
  const rx = radius > 0 ? ` rx="${fmt(radius)}"` : '';
  return {
    markup:
      `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(width)}" height="${fmt(height)}"${rx} ` +
      `${fills.fillAttribute(element)} ${strokeAttributes(element)}/>`,
    extent: corners,
    center,
  };
};

const ellipse: Renderer = (element, fills) => {
  const { width, height, corners, center } = box(element);
  return {
    markup:
      `<ellipse cx="${fmt(center[0])}" cy="${fmt(center[1])}" rx="${fmt(Math.abs(width) / 2)}" ` +
      `ry="${fmt(Math.abs(height) / 2)}" ${fills.fillAttribute(element)} ${strokeAttributes(element)}/>`,
    extent: corners,
    center,
  };
};

const diamond: Renderer = (element, fills) => {
  const { x, y, width, height, corners, center } = box(element);
  const tips: Point[] = [
    [x + width / 2, y],
    [x + width, y + height / 2],
    [x + width / 2, y + height],
    [x, y + height / 2],
  ];
  return {
    markup: `<polygon points="${points(tips)}" ${fills.fillAttribute(element)} ${strokeAttributes(element)}/>`,
    extent: corners,
    center,
  };
};

/** An image is drawn as a labelled placeholder: the file bytes are not part of the scene. */
const image: Renderer = (element) => {
  const { x, y, width, height, corners, center } = box(element);
  const size = Math.max(Math.min(14, Math.abs(height) / 3), 4);
  return {
    markup:
      `<g><rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(width)}" height="${fmt(height)}" fill="#f1f3f5" ` +
      `stroke="#adb5bd" stroke-width="1" stroke-dasharray="4 4"/>` +
      `<text x="${fmt(center[0])}" y="${fmt(center[1])}" font-family="Helvetica, Arial, sans-serif" ` +
      `font-size="${fmt(size)}" fill="#868e96" text-anchor="middle" dominant-baseline="central">image</text></g>`,
    extent: corners,
    center,
  };
};

/**
 * Excalidraw's font ids, each with look-alikes after it: the first family is the one
 * svg-fonts.ts embeds when the caller supplies the files, the rest are for when it does not.
 */
const FONT_STACKS: Record<number, string> = {
  1: "Virgil, Excalifont, 'Segoe Print', 'Comic Sans MS', cursive",
  2: 'Helvetica, Arial, sans-serif',
  3: "Cascadia, 'Cascadia Code', Consolas, 'Courier New', monospace",
  5: "Excalifont, Virgil, 'Segoe Print', 'Comic Sans MS', cursive",
  6: 'Nunito, Helvetica, Arial, sans-serif',
  7: "'Lilita One', Impact, sans-serif",
  8: "'Comic Shanns', 'Comic Sans MS', cursive",
  9: "'Liberation Sans', Arial, sans-serif",
};

const text: Renderer = (element) => {
  const { x, y, width, corners, center } = box(element);
  const fontSize = Math.min(Math.max(num(element.fontSize, 20), 1), 1000);
  const lineHeight = fontSize * Math.min(Math.max(num(element.lineHeight, 1.25), 0.5), 5);
  const align = str(element.textAlign, 'left');
  const [anchor, lineX] =
    align === 'center' ? ['middle', x + width / 2] : align === 'right' ? ['end', x + width] : ['start', x];
  const family = FONT_STACKS[num(element.fontFamily, 1)] ?? FONT_STACKS[2]!;
  const lines = str(element.text).split(/\r\n|\r|\n/);
  const spans = lines
    .map(
      (line, i) =>
        `<tspan x="${fmt(lineX)}" y="${fmt(y + (i + 0.5) * lineHeight)}">${escapeXml(line)}</tspan>`,
    )
    .join('');
  return {
    markup:
      `<text font-family="${escapeXml(family)}" font-size="${fmt(fontSize)}" ` +
      `fill="${escapeXml(colour(element.strokeColor, DEFAULT_STROKE))}" text-anchor="${anchor}" ` +
      `dominant-baseline="central" style="white-space: pre">${spans}</text>`,
    extent: corners,
    center,
  };
};

/** By element type; a Map, so a crafted type such as "constructor" finds nothing. */
export const RENDERERS: ReadonlyMap<string, Renderer> = new Map([
  ['rectangle', rectangle],
  ['ellipse', ellipse],
  ['diamond', diamond],
  ['image', image],
  ['text', text],
  ['line', linear(false)],
  ['arrow', linear(true)],
  ['freedraw', freedraw],
]);
