import type { DataFrame } from 'nodejs-polars';
import { displayBundle } from './display';
import { escapeHtml } from './html-escape';

/** Options of {@link showTable}. */
export interface TableOptions {
  /** Rows shown; the rest is summarised in one line (default 20). */
  maxRows?: number;
}

/** What a table shows: a nodejs-polars DataFrame, or plain row objects (columns in order of first appearance). */
export type TableData = DataFrame | readonly object[];

/** A table's columns, the kind of each (shown as a header tooltip), its rows as records and its height. */
interface TableView {
  columns: string[];
  kinds: string[];
  records: Record<string, unknown>[];
  height: number;
}

/** A cell as text: integers as they are, other numbers to 4 significant decimals, null as empty. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : Number(value.toPrecision(4)).toString();
  if (value instanceof Date) return value.toISOString();
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
    case 'bigint':
    case 'symbol':
      return value.toString();
    case 'object':
      return JSON.stringify(value);
    default:
      return `[${typeof value}]`;
  }
}

/** The kind of a column of plain rows: the typeof of its values, or 'mixed'. */
function columnKind(records: Record<string, unknown>[], column: string): string {
  const kinds = new Set(
    records
      .map((r) => r[column])
      .filter((v) => v !== null && v !== undefined)
      .map((v) => typeof v),
  );
  return kinds.size === 1 ? [...kinds][0] : kinds.size === 0 ? 'null' : 'mixed';
}

/** True for plain rows (Array.isArray does not narrow a readonly array out of the union). */
function isRows(data: TableData): data is readonly object[] {
  return Array.isArray(data);
}

/** The first `maxRows` rows of either kind of table, with its columns and height. */
function tableView(data: TableData, maxRows: number): TableView {
  if (isRows(data)) {
    const all: Record<string, unknown>[] = data.map((r) => ({ ...r }));
    const columns = [...new Set(all.flatMap((r) => Object.keys(r)))];
    return {
      columns,
      kinds: columns.map((c) => columnKind(all, c)),
      records: all.slice(0, maxRows),
      height: data.length,
    };
  }
  return {
    columns: data.columns,
    kinds: data.dtypes.map((d) => String(d).replace(/^DataType\((.*)\)$/, '$1')),
    records: data.head(maxRows).toRecords(),
    height: data.height,
  };
}

/** An HTML table of the first `maxRows` rows (a DataFrame or plain rows), with its shape and any rows left out. */
export function tableHtml(data: TableData, options: TableOptions = {}): string {
  const maxRows = options.maxRows ?? 20;
  const { columns, kinds, records, height } = tableView(data, maxRows);
  const head = columns.map((c, i) => `<th title="${escapeHtml(kinds[i])}">${escapeHtml(c)}</th>`).join('');
  const body = records
    .map((r) => `<tr>${columns.map((c) => `<td>${escapeHtml(cellText(r[c]))}</td>`).join('')}</tr>`)
    .join('\n');
  const more = height > maxRows ? `<p><small>… ${height - maxRows} more rows</small></p>` : '';
  return `<div><small>shape: (${height}, ${columns.length})</small><table class="dataframe">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>${more}</div>`;
}

/** Plain rows as aligned text columns (the text/plain view of a table without polars). */
export function tableText(rows: readonly object[], options: TableOptions = {}): string {
  const maxRows = options.maxRows ?? 20;
  const { columns, records, height } = tableView(rows, maxRows);
  const cells = [columns, ...records.map((r) => columns.map((c) => cellText(r[c])))];
  const widths = columns.map((_, j) => Math.max(...cells.map((row) => row[j].length)));
  const line = (row: string[]): string =>
    row
      .map((cell, j) => cell.padEnd(widths[j]))
      .join('  ')
      .trimEnd();
  const lines = [`shape: (${height}, ${columns.length})`, line(cells[0]), line(widths.map((w) => '-'.repeat(w)))];
  lines.push(...cells.slice(1).map(line));
  if (height > maxRows) lines.push(`… ${height - maxRows} more rows`);
  return lines.join('\n');
}

/** Show a table as one output: an HTML table, and polars' own text rendering (or aligned text for plain rows). */
export function showTable(data: TableData, options: TableOptions = {}): void {
  const maxRows = options.maxRows ?? 20;
  const text = isRows(data)
    ? tableText(data, options)
    : data.head(maxRows).toString() + (data.height > maxRows ? `\n… ${data.height - maxRows} more rows` : '');
  displayBundle({ 'text/html': tableHtml(data, options), 'text/plain': text });
}
