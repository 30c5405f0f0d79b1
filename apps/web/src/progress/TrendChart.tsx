import type { ProgressResponse, Rubric } from '@mockboard/contracts';
import { useId, useState } from 'react';
import { formatLevel, levelsByColumn, trendColumns, type TrendColumn } from './trend-data';
import { TrendSvg, type TrendSeries } from './TrendSvg';
import { formatShortDate } from '../time/format';
import { useElementWidth } from './useElementWidth';

interface TrendChartProps {
  dimensions: ProgressResponse['dimensions'];
  levels: Rubric['levels'];
  zone: string;
}

/** Each dimension's level over the scored rounds, with toggles per dimension and a table of the data. */
export function TrendChart({ dimensions, levels, zone }: TrendChartProps) {
  const id = useId();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const { ref, width } = useElementWidth<HTMLDivElement>(640);
  const columns = trendColumns(dimensions);
  const all: TrendSeries[] = dimensions.map((dimension, index) => ({
    id: dimension.dimensionId,
    title: dimension.title,
    colour: index,
    levels: levelsByColumn(dimension),
  }));
  const shown = all.filter((series) => !hidden.has(series.id));
  const columnLabel = (column: TrendColumn) => formatShortDate(column.at, zone);
  const latest = columns.at(-1);
  const latestLevels = shown.flatMap((series) => {
    const level = latest && series.levels.get(latest.key);
    return level === undefined ? [] : [`${series.title} ${formatLevel(level)}`];
  });
  const summary = latest
    ? `${columns.length} scored ${columns.length === 1 ? 'round' : 'rounds'}. Latest, ${columnLabel(latest)}: ${latestLevels.join(', ')}.`
    : 'No scored rounds yet.';

  function toggle(dimensionId: string) {
    setHidden((current) => {
      const next = new Set(current);
      if (!next.delete(dimensionId)) next.add(dimensionId);
      return next;
    });
  }

  return (
    <div className="trend-chart">
      <fieldset className="trend-chart__toggles">
        <legend className="visually-hidden">Dimensions shown in the chart</legend>
        {all.map((series) => (
          <label key={series.id} className={`series-toggle trend-series--${series.colour % 7}`}>
            <input type="checkbox" checked={!hidden.has(series.id)} onChange={() => toggle(series.id)} />
            <span className="series-toggle__swatch" aria-hidden="true" />
            {series.title}
          </label>
        ))}
      </fieldset>
      <div ref={ref} className="trend-chart__frame">
        <TrendSvg
          columns={columns}
          series={shown}
          seriesCount={all.length}
          width={width}
          columnLabel={columnLabel}
          summary={summary}
        />
      </div>
      <p className="trend-chart__scale muted">
        Levels: {levels.map((level) => `${level.value}\u00a0${level.label}`).join(' · ')}
      </p>
      <details className="trend-chart__data">
        <summary>Show the data as a table</summary>
        <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="data-table">
            <caption id={`${id}-caption`}>Level per dimension, by scored round</caption>
            <thead>
              <tr>
                <th scope="col">Round</th>
                {shown.map((series) => (
                  <th key={series.id} scope="col">
                    {series.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {columns.map((column) => (
                <tr key={column.key}>
                  <th scope="row">
                    {columnLabel(column)}, round {column.round}
                  </th>
                  {shown.map((series) => {
                    const level = series.levels.get(column.key);
                    return <td key={series.id}>{level === undefined ? '–' : formatLevel(level)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
