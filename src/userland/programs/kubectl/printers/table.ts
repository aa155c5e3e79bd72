/**
 * kubectl's table output: cells joined by tabs through Go's tabwriter as cli-runtime configures it
 * (min width 6, padding 3, spaces; the last column unpadded) — every column as wide as its widest
 * cell plus three spaces. A `TableWriter` remembers widths across calls (tabwriter.RememberWidths):
 * under `get -w` a column never shrinks, and a wider cell widens only its own row.
 */
import type { Table, TableRow } from '../../../../engine/api/tables/types';

const MIN_WIDTH = 6;
const PADDING = 3;
const LINE_BREAK = /[\n\r\f]/;

/** A cell as kubectl prints it: cut at the first line break (with `...`), absent values empty. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const cut = text.search(LINE_BREAK);
  return cut >= 0 ? `${text.slice(0, cut)}...` : text;
}

export class TableWriter {
  private readonly widths: number[] = [];

  /** The lines for these rows, each ending in a newline. (Plain loops: a listing has thousands of cells.) */
  format(rows: readonly (readonly string[])[]): string {
    const widths = this.widths;
    for (const row of rows) {
      for (let i = 0; i < row.length - 1; i++) widths[i] = Math.max(widths[i] ?? 0, MIN_WIDTH, row[i]!.length + PADDING);
    }
    let text = '';
    for (const row of rows) {
      const last = row.length - 1;
      for (let i = 0; i < last; i++) text += row[i]!.padEnd(widths[i]!);
      text += `${row[last] ?? ''}\n`;
    }
    return text;
  }
}

export interface TableOptions {
  wide: boolean;
  noHeaders: boolean;
  /** Prepend NAMESPACE (`-A`). */
  withNamespace: boolean;
  /** `pod/` before each name when several kinds are printed. */
  namePrefix: string;
  /** `-L` label keys. */
  labelColumns: readonly string[];
  showLabels: boolean;
}

interface RowMetadata {
  namespace?: string;
  labels?: Record<string, string>;
}

const metadataOf = (row: TableRow): RowMetadata => ((row.object as { metadata?: RowMetadata } | undefined)?.metadata ?? {});

/** `app=nginx,tier=web` sorted, or `<none>` (labels.FormatLabels). */
export const formatLabels = (labels: Record<string, string> | undefined): string => {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
};

/** The header and rows of a server-side Table as `kubectl get` lays them out (before padding). */
export function tableCells(table: Table, options: TableOptions, includeHeader = true): string[][] {
  const shown = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => options.wide || c.priority === 0);
  const header = [
    ...(options.withNamespace ? ['NAMESPACE'] : []),
    ...shown.map(({ c }) => c.name.toUpperCase()),
    ...options.labelColumns.map((key) => key.slice(key.lastIndexOf('/') + 1).toUpperCase()),
    ...(options.showLabels ? ['LABELS'] : []),
  ];
  const rows = table.rows.map((row) => {
    const meta = metadataOf(row);
    const cells: string[] = [];
    if (options.withNamespace) cells.push(meta.namespace ?? '');
    for (const { c, i } of shown) cells.push((c.format === 'name' ? options.namePrefix : '') + cellText(row.cells[i]));
    for (const key of options.labelColumns) cells.push(meta.labels?.[key] ?? '');
    if (options.showLabels) cells.push(formatLabels(meta.labels));
    return cells;
  });
  return includeHeader && !options.noHeaders ? [header, ...rows] : rows;
}
