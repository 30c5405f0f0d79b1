// Plain-text tables for the terminal (and for pasting into bench/RESULTS.md as Markdown).

/** `columns`: [{ title, align? }]; `rows`: arrays of already formatted cells. Markdown pipe table. */
export function formatTable(columns, rows) {
  const widths = columns.map((column, index) =>
    Math.max(column.title.length, ...rows.map((row) => String(row[index]).length)),
  );
  const pad = (text, index) =>
    columns[index].align === 'left'
      ? String(text).padEnd(widths[index])
      : String(text).padStart(widths[index]);
  const line = (cells) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((width, index) => (columns[index].align === 'left' ? ':' : '-') + '-'.repeat(width) + (columns[index].align === 'left' ? '-' : ':')).join('|')}|`;
  return [line(columns.map((column) => column.title)), rule, ...rows.map(line)].join('\n');
}

export const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
export const whole = (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–');
export const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
