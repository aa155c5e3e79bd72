/**
 * Go's text/tabwriter as `kubectl describe` configures it (min width 0, padding 2, spaces, no
 * flags). A cell is text ended by a tab; the text after a line's last tab is not a cell and is
 * never padded. A column is aligned over a *block*: the consecutive lines that have a cell in
 * that column. A line with fewer cells ends the block — which is why a heading such as
 * `Containers:` (no tab at all) starts fresh alignment below it, and why a describe output has
 * several independent alignment groups. Blocks nest: column 1 is laid out within each block of
 * column 0.
 */
const PADDING = 2;

/** Cell widths count characters (Go counts runes), not UTF-16 units. */
const width = (text: string): number => [...text].length;

/** Aligns tab-separated text as Go's tabwriter would; lines are kept, tabs become spaces. */
export function tabwrite(text: string): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  layout(lines, 0, lines.length, [], out);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Lays out lines [from, to) whose columns before `widths.length` are already sized. */
function layout(lines: string[][], from: number, to: number, widths: number[], out: string[]): void {
  const column = widths.length;
  let start = from;
  for (let i = from; i < to; i++) {
    // A line has a cell in `column` when more text follows that cell's tab.
    if (lines[i]!.length - 1 <= column) continue;
    emit(lines, start, i, widths, out);
    let end = i;
    let w = 0;
    for (; end < to && lines[end]!.length - 1 > column; end++) w = Math.max(w, width(lines[end]![column]!) + PADDING);
    layout(lines, i, end, [...widths, w], out);
    start = end;
    i = end - 1;
  }
  emit(lines, start, to, widths, out);
}

function emit(lines: string[][], from: number, to: number, widths: number[], out: string[]): void {
  for (let i = from; i < to; i++) {
    const cells = lines[i]!;
    out.push(cells.map((cell, c) => (c < cells.length - 1 ? cell + ' '.repeat(Math.max(0, (widths[c] ?? 0) - width(cell))) : cell)).join(''));
  }
}
