import { SCORE_LEVELS } from '@mockboard/contracts';
import { useId } from 'react';
import { formatLevel, labelStep, linearScale, linePath, type TrendColumn } from './trend-data';

export interface TrendSeries {
  id: string;
  title: string;
  /** Position in the rubric: picks the series colour, so a dimension keeps its colour when toggled. */
  colour: number;
  levels: Map<string, number>;
}

interface TrendSvgProps {
  columns: readonly TrendColumn[];
  series: readonly TrendSeries[];
  width: number;
  columnLabel: (column: TrendColumn) => string;
  summary: string;
  /** All series, shown or not, so a series keeps its sideways nudge when others are toggled. */
  seriesCount: number;
}

const MARGIN = { top: 14, right: 18, bottom: 30, left: 30 };
const DODGE = 4;

/** The trend lines, drawn at the container's pixel width; one image with a text summary. */
export function TrendSvg({ columns, series, width, columnLabel, summary, seriesCount }: TrendSvgProps) {
  const id = useId();
  const height = width < 480 ? 220 : 280;
  const right = width - MARGIN.right;
  const x = linearScale([0, Math.max(columns.length - 1, 0)], [MARGIN.left + 24, right - 24]);
  // Dimensions often share a level: each series is nudged sideways so every point stays visible.
  const nudge = (colour: number) => (colour - (seriesCount - 1) / 2) * DODGE;
  const y = linearScale([1, 4], [height - MARGIN.bottom, MARGIN.top]);
  const step = labelStep(columns.length, right - MARGIN.left, 64);

  return (
    <svg
      className="trend-chart__svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>Level per rubric dimension over your scored rounds</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      <g className="trend-chart__grid">
        {SCORE_LEVELS.map((level) => (
          <g key={level}>
            <line x1={MARGIN.left} x2={right} y1={y(level)} y2={y(level)} />
            <text x={MARGIN.left - 10} y={y(level)} dy="0.32em" textAnchor="end">
              {level}
            </text>
          </g>
        ))}
      </g>
      <g className="trend-chart__axis">
        {columns.map((column, index) =>
          // Counted from the newest, so the latest round is always labelled.
          (columns.length - 1 - index) % step === 0 ? (
            <text
              key={column.key}
              x={x(index)}
              y={height - 8}
              textAnchor={
                columns.length === 1
                  ? 'middle'
                  : index === 0
                    ? 'start'
                    : index === columns.length - 1
                      ? 'end'
                      : 'middle'
              }
            >
              {columnLabel(column)}
            </text>
          ) : null,
        )}
      </g>
      {series.map((line) => {
        const points = columns.flatMap((column, index) => {
          const level = line.levels.get(column.key);
          return level === undefined
            ? []
            : [{ x: x(index) + nudge(line.colour), y: y(level), level, column }];
        });
        return (
          <g key={line.id} className={`trend-series trend-series--${line.colour % 7}`}>
            {points.length > 1 && <path d={linePath(points)} />}
            {points.map((point) => (
              <circle key={point.column.key} cx={point.x} cy={point.y} r={4}>
                <title>
                  {line.title}: {formatLevel(point.level)} ({columnLabel(point.column)})
                </title>
              </circle>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
