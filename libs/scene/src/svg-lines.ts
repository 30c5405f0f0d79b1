import {
  DEFAULT_STROKE,
  colour,
  escapeXml,
  fmt,
  num,
  points,
  strokeAttributes,
  strokeWidthOf,
  type Element,
  type Point,
  type Renderer,
} from './svg-markup';

/** Lines, arrows (with their heads) and pen strokes: the elements drawn through `points`. */

/** The element's `points` (relative to x, y) made absolute; malformed entries are dropped. */
function absolutePoints(element: Element): Point[] {
  if (!Array.isArray(element.points)) return [];
  const x = num(element.x);
  const y = num(element.y);
  return element.points.flatMap((point: unknown): Point[] =>
    Array.isArray(point) && Number.isFinite(point[0]) && Number.isFinite(point[1])
      ? [[x + (point[0] as number), y + (point[1] as number)]]
      : [],
  );
}

function centerOf(list: readonly Point[]): Point {
  const xs = list.map((p) => p[0]);
  const ys = list.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/**
 * A path through the points: straight segments, or for rounded lines and arrows a Catmull–Rom
 * spline as cubic Béziers (Excalidraw curves through its points the same way). Returns the path
 * and its control points, which bound the curve.
 */
function linePath(list: readonly Point[], curved: boolean): { d: string; controls: Point[] } {
  const [first, ...rest] = list;
  let d = `M${fmt(first![0])} ${fmt(first![1])}`;
  if (!curved || list.length < 3) {
    for (const [px, py] of rest) d += ` L${fmt(px)} ${fmt(py)}`;
    return { d, controls: [] };
  }
  const controls: Point[] = [];
  for (let i = 0; i < list.length - 1; i++) {
    const p0 = list[i - 1] ?? list[i]!;
    const p1 = list[i]!;
    const p2 = list[i + 1]!;
    const p3 = list[i + 2] ?? p2;
    const c1: Point = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2: Point = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    controls.push(c1, c2);
    d += ` C${fmt(c1[0])} ${fmt(c1[1])} ${fmt(c2[0])} ${fmt(c2[1])} ${fmt(p2[0])} ${fmt(p2[1])}`;
  }
  return { d, controls };
}

/** Rotates `offset` (a vector pointing back from the tip) by `degrees` and adds it to `tip`. */
function back(tip: Point, unit: Point, length: number, degrees: number): Point {
  const rad = (degrees * Math.PI) / 180;
  const dx = unit[0] * Math.cos(rad) - unit[1] * Math.sin(rad);
  const dy = unit[0] * Math.sin(rad) + unit[1] * Math.cos(rad);
  return [tip[0] + dx * length, tip[1] + dy * length];
}

/**
 * An arrowhead at `tip`, pointing away from `from`. Sizes follow Excalidraw's feel: about 15–30 px,
 * never more than half the last segment so short arrows keep a visible shaft.
 */
export function arrowhead(
  kind: string,
  tip: Point,
  from: Point,
  element: Element,
): { markup: string; extent: Point[] } {
  const segment = Math.hypot(tip[0] - from[0], tip[1] - from[1]);
  if (segment === 0) return { markup: '', extent: [] };
  const unit: Point = [(from[0] - tip[0]) / segment, (from[1] - tip[1]) / segment];
  const width = strokeWidthOf(element);
  const size = Math.min(15 + width * 3, segment / 2);
  const strokeColour = escapeXml(colour(element.strokeColor, DEFAULT_STROKE));
  const stroke = `stroke="${strokeColour}" stroke-width="${fmt(width)}" stroke-linejoin="round" stroke-linecap="round"`;
  const outline = kind.endsWith('_outline');
  const fill = outline ? 'fill="#ffffff"' : `fill="${strokeColour}"`;
  switch (kind.replace(/_outline$/, '')) {
    case 'bar': {
      const ends = [back(tip, unit, size / 2, 90), back(tip, unit, size / 2, -90)];
      return { markup: `<polyline points="${points(ends)}" fill="none" ${stroke}/>`, extent: ends };
    }
    case 'dot':
    case 'circle': {
      const r = Math.max(size / 3, width);
      const c = back(tip, unit, r, 0);
      return {
        markup: `<circle cx="${fmt(c[0])}" cy="${fmt(c[1])}" r="${fmt(r)}" ${fill} ${stroke}/>`,
        extent: [
          [c[0] - r, c[1] - r],
          [c[0] + r, c[1] + r],
        ],
      };
    }
    case 'triangle': {
      const corners = [tip, back(tip, unit, size, 25), back(tip, unit, size, -25)];
      return { markup: `<polygon points="${points(corners)}" ${fill} ${stroke}/>`, extent: corners };
    }
    case 'diamond': {
      const corners = [
        tip,
        back(tip, unit, size / 2, 30),
        back(tip, unit, size, 0),
        back(tip, unit, size / 2, -30),
      ];
      return { markup: `<polygon points="${points(corners)}" ${fill} ${stroke}/>`, extent: corners };
    }
    default: {
      // 'arrow', and any head this renderer does not know (crow's feet…), as the classic open arrow.
      const wings = [back(tip, unit, size, 25), tip, back(tip, unit, size, -25)];
      return { markup: `<polyline points="${points(wings)}" fill="none" ${stroke}/>`, extent: wings };
    }
  }
}

export function linear(withHeads: boolean): Renderer {
  return (element, fills) => {
    const list = absolutePoints(element);
    if (list.length < 2) return null;
    const { d, controls } = linePath(list, element.roundness !== null && element.roundness !== undefined);
    const first = list[0]!;
    const last = list[list.length - 1]!;
    // A line whose ends meet is a polygon: Excalidraw fills it with its background.
    const closed = !withHeads && first[0] === last[0] && first[1] === last[1] && list.length > 2;
    let markup = `<path d="${d}" ${closed ? fills.fillAttribute(element) : 'fill="none"'} ${strokeAttributes(element)}/>`;
    const extent = [...list, ...controls];
    if (withHeads) {
      const heads: [unknown, Point, Point][] = [
        [element.startArrowhead, first, list[1]!],
        // Excalidraw's arrows end in an arrowhead unless told otherwise.
        [element.endArrowhead === undefined ? 'arrow' : element.endArrowhead, last, list[list.length - 2]!],
      ];
      for (const [kind, tip, from] of heads) {
        if (typeof kind !== 'string') continue;
        const head = arrowhead(kind, tip, from, element);
        markup += head.markup;
        extent.push(...head.extent);
      }
    }
    return { markup: withHeads ? `<g>${markup}</g>` : markup, extent, center: centerOf(list) };
  };
}

/** A pen stroke, smoothed with quadratic curves through the midpoints of consecutive samples. */
export const freedraw: Renderer = (element) => {
  const list = absolutePoints(element);
  if (list.length === 0) return null;
  const [first] = list;
  let d = `M${fmt(first![0])} ${fmt(first![1])}`;
  if (list.length === 1) d += ` l0.01 0`;
  for (let i = 1; i < list.length - 1; i++) {
    const [px, py] = list[i]!;
    const [nx, ny] = list[i + 1]!;
    d += ` Q${fmt(px)} ${fmt(py)} ${fmt((px + nx) / 2)} ${fmt((py + ny) / 2)}`;
  }
  if (list.length > 1) d += ` L${fmt(list[list.length - 1]![0])} ${fmt(list[list.length - 1]![1])}`;
  return {
    markup: `<path d="${d}" fill="none" ${strokeAttributes(element)}/>`,
    extent: list,
    center: centerOf(list),
  };
};
