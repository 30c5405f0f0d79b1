/**
 * Safe building blocks for SVG markup made from untrusted Excalidraw elements: every value that
 * reaches an attribute or a text node passes through one of these, so a crafted element can neither
 * break out of an attribute nor smuggle markup into the document.
 */

export type Element = Readonly<Record<string, unknown>>;
export type Point = readonly [number, number];

/** One element drawn in absolute scene coordinates, before its rotation is applied. */
export interface Shape {
  markup: string;
  /** Points whose hull contains everything drawn (unrotated); they give the element's bounds. */
  extent: Point[];
  /** Excalidraw rotates an element by `angle` about the centre of its unrotated bounds. */
  center: Point;
}

export type Renderer = (element: Element, fills: FillPatterns) => Shape | null;

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Text or attribute content with the five XML specials escaped and control characters dropped. */
export function escapeXml(value: string): string {
  // XML 1.0 forbids most C0 control characters even when escaped; tab, LF and CR are allowed.
  return value.replace(CONTROL_CHARACTERS, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** A finite number, or the fallback for anything else (NaN, strings, missing). */
export function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** A number as compact SVG text: at most two decimals and never "-0". */
export function fmt(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

export function points(list: readonly Point[]): string {
  return list.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(' ');
}

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const NAMED = /^[a-z]{3,20}$/i;
const FUNCTIONAL = /^(?:rgb|rgba|hsl|hsla)\([\d\s.,%/+-]{1,60}\)$/i;

/** A CSS colour Excalidraw may store, or `fallback`; "transparent" becomes "none". */
export function colour(value: unknown, fallback: string): string {
  const text = str(value).trim();
  if (text.toLowerCase() === 'transparent') return 'none';
  return HEX.test(text) || NAMED.test(text) || FUNCTIONAL.test(text) ? text : fallback;
}

export const DEFAULT_STROKE = '#1e1e1e';

export function strokeWidthOf(element: Element): number {
  return Math.min(Math.max(num(element.strokeWidth, 2), 0), 40);
}

/** Stroke colour, width and Excalidraw's dash patterns (which widen with the stroke). */
export function strokeAttributes(element: Element): string {
  const width = strokeWidthOf(element);
  const style = str(element.strokeStyle);
  const dash =
    style === 'dashed'
      ? ` stroke-dasharray="8 ${fmt(8 + width)}"`
      : style === 'dotted'
        ? ` stroke-dasharray="1.5 ${fmt(6 + width)}"`
        : '';
  return (
    `stroke="${escapeXml(colour(element.strokeColor, DEFAULT_STROKE))}" stroke-width="${fmt(width)}"` +
    `${dash} stroke-linecap="round" stroke-linejoin="round"`
  );
}

/** Element opacity (Excalidraw stores 0–100) as an attribute, omitted when fully opaque. */
export function opacityAttribute(element: Element): string {
  const opacity = Math.min(Math.max(num(element.opacity, 100), 0), 100);
  return opacity < 100 ? ` opacity="${fmt(opacity / 100)}"` : '';
}

/**
 * Hatched fills as SVG patterns, one per colour and style, collected while rendering and written
 * once into `<defs>`. Excalidraw draws hachure and cross-hatch with rough.js; diagonal lines are a
 * faithful, deterministic stand-in (zigzag is drawn as hachure).
 */
export class FillPatterns {
  private readonly byKey = new Map<string, string>();
  private readonly defs: string[] = [];

  fillAttribute(element: Element): string {
    const fill = colour(element.backgroundColor, 'none');
    if (fill === 'none') return 'fill="none"';
    const style = str(element.fillStyle, 'solid');
    if (style === 'solid') return `fill="${escapeXml(fill)}"`;
    const cross = style === 'cross-hatch';
    const key = `${cross ? 'cross' : 'hatch'}|${fill}`;
    let id = this.byKey.get(key);
    if (!id) {
      id = `fill-${this.byKey.size + 1}`;
      this.byKey.set(key, id);
      const line = `stroke="${escapeXml(fill)}" stroke-width="1.5"`;
      this.defs.push(
        `<pattern id="${id}" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(-45)">` +
          `<line x1="0" y1="0" x2="0" y2="8" ${line}/>` +
          (cross ? `<line x1="0" y1="4" x2="8" y2="4" ${line}/>` : '') +
          `</pattern>`,
      );
    }
    return `fill="url(#${id})"`;
  }

  markup(): string {
    return this.defs.length > 0 ? `<defs>${this.defs.join('')}</defs>` : '';
  }
}
