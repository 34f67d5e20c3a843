import type { DataFrame } from 'nodejs-polars';
import { displayBundle } from './display';
import { escapeHtml } from './html-escape';

/** Options of {@link showTable}. */
export interface TableOptions {
  /** Rows shown; the rest is summarised in one line (default 20). */
  maxRows?: number;
}

/** A cell as text: integers as they are, other numbers to 4 significant decimals, null as empty. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : Number(value.toPrecision(4)).toString();
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** An HTML table of the first `maxRows` rows of a nodejs-polars DataFrame, with its shape and any rows left out. */
export function tableHtml(df: DataFrame, options: TableOptions = {}): string {
  const maxRows = options.maxRows ?? 20;
  const columns = df.columns;
  const records = df.head(maxRows).toRecords() as Record<string, unknown>[];
  const dtypes = df.dtypes.map((d) => String(d).replace(/^DataType\((.*)\)$/, '$1'));
  const head = columns.map((c, i) => `<th title="${escapeHtml(dtypes[i])}">${escapeHtml(c)}</th>`).join('');
  const body = records
    .map((r) => `<tr>${columns.map((c) => `<td>${escapeHtml(cellText(r[c]))}</td>`).join('')}</tr>`)
    .join('\n');
  const more = df.height > maxRows ? `<p><small>… ${df.height - maxRows} more rows</small></p>` : '';
  return `<div><small>shape: (${df.height}, ${df.width})</small><table class="dataframe">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>${more}</div>`;
}

/** Show a nodejs-polars DataFrame as one output: text/html table and polars' own text rendering. */
export function showTable(df: DataFrame, options: TableOptions = {}): void {
  const maxRows = options.maxRows ?? 20;
  const text = df.head(maxRows).toString() + (df.height > maxRows ? `\n… ${df.height - maxRows} more rows` : '');
  displayBundle({ 'text/html': tableHtml(df, options), 'text/plain': text });
}
