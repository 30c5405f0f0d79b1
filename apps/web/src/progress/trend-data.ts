import type { ProgressResponse } from '@mockboard/contracts';

type Dimension = ProgressResponse['dimensions'][number];

/** One scored round on the x axis; every dimension's point for that round sits on it. */
export interface TrendColumn {
  key: string;
  sessionId: string;
  round: number;
  at: Date;
}

const keyOf = (point: { sessionId: string; round: number }) => `${point.sessionId}:${point.round}`;

/** Every scored round that any dimension has a point for, oldest first. */
export function trendColumns(dimensions: readonly Dimension[]): TrendColumn[] {
  const columns = new Map<string, TrendColumn>();
  for (const dimension of dimensions) {
    for (const point of dimension.points) {
      const key = keyOf(point);
      if (!columns.has(key)) {
        columns.set(key, { key, sessionId: point.sessionId, round: point.round, at: new Date(point.at) });
      }
    }
  }
  return [...columns.values()].sort((a, b) => a.at.getTime() - b.at.getTime() || a.round - b.round);
}

/** A dimension's level per column (undefined where that round did not score it). */
export function levelsByColumn(dimension: Dimension): Map<string, number> {
  return new Map(dimension.points.map((point) => [keyOf(point), point.level]));
}

/** Maps `domain` onto `range` linearly. */
export function linearScale([d0, d1]: [number, number], [r0, r1]: [number, number]) {
  return (value: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0));
}

/** An SVG path through the points in order: "M x y L x y …". */
export function linePath(points: readonly { x: number; y: number }[]): string {
  return points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)} ${point.y.toFixed(1)}`)
    .join(' ');
}

/** Label every n-th column so that labels at least `minGap` pixels apart never overlap. */
export function labelStep(count: number, plotWidth: number, minGap: number): number {
  if (count <= 1) return 1;
  return Math.max(1, Math.ceil(minGap / (plotWidth / (count - 1))));
}

/** "1.5" or "3": levels may be averages. */
export function formatLevel(level: number): string {
  return Number.isInteger(level) ? String(level) : level.toFixed(1);
}
