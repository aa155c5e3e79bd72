/**
 * procps-ng's output columns (`ps -o` names, headers, widths, alignment) and its way of laying a
 * row out: each column has a width, a value wider than that pushes the rest of the row right, and
 * the next columns take the room back as soon as they can, so later columns line up again.
 */
import { strftime } from '../../lib/time';
import { MEM_TOTAL_KB } from './figures';
import type { ProcRow } from './processes';

type Align = 'right' | 'left' | 'unlimited';

export interface Column {
  readonly header: string;
  readonly width: number;
  readonly align: Align;
  readonly value: (row: ProcRow, now: number) => string;
}

/** PIDs are as wide as the largest one can be: pid_max is 4194304 on Rocky Linux 9. */
const PID_WIDTH = 7;

/** procps cuts a user name longer than its column to 7 characters and a `+`. */
const userName = (name: string): string => (name.length > 8 ? `${name.slice(0, 7)}+` : name);

const pid = (header: string, value: (row: ProcRow) => number): Column => ({ header, width: PID_WIDTH, align: 'right', value: (row) => String(value(row)) });
const tenths = (value: number): string => (Math.floor(value * 10) / 10).toFixed(1);
const two = (n: number): string => String(n).padStart(2, '0');

/** %CPU: CPU time over elapsed time. */
const pcpu = (row: ProcRow): number => (row.elapsedMs > 0 ? Math.min(99.9, (row.cpuMs / row.elapsedMs) * 100) : 0);

/** TIME: cumulative CPU as [DD-]HH:MM:SS. */
export function cpuTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86_400);
  return `${days > 0 ? `${days}-` : ''}${two(Math.floor(s / 3600) % 24)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** BSD TIME: minutes and seconds of CPU. */
export function bsdTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${two(s % 60)}`;
}

/** ELAPSED: [[DD-]hh:]mm:ss. */
export function elapsedTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const [days, hours] = [Math.floor(s / 86_400), Math.floor(s / 3600) % 24];
  const head = days > 0 ? `${days}-${two(hours)}:` : hours > 0 ? `${two(hours)}:` : '';
  return `${head}${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** STIME and START: the time of day if it started today, else the month and day, else the year. */
export function startTime(startedAt: number, now: number): string {
  const day = (ms: number): string => strftime('%Y-%j', ms);
  if (day(startedAt) === day(now)) return strftime('%H:%M', startedAt);
  return strftime(strftime('%Y', startedAt) === strftime('%Y', now) ? '%b%d' : '%Y', startedAt);
}

export const COLUMNS: Readonly<Record<string, Column>> = {
  pid: pid('PID', (r) => r.pid),
  ppid: pid('PPID', (r) => r.ppid),
  pgid: pid('PGID', (r) => r.info.pgid),
  user: { header: 'USER', width: 8, align: 'left', value: (r) => userName(r.user) },
  uid_hack: { header: 'UID', width: 8, align: 'left', value: (r) => userName(r.user) },
  c: { header: 'C', width: 2, align: 'right', value: (r) => String(Math.floor(pcpu(r))) },
  '%cpu': { header: '%CPU', width: 4, align: 'right', value: (r) => tenths(pcpu(r)) },
  '%mem': { header: '%MEM', width: 4, align: 'right', value: (r) => tenths((r.figures.rssKb / MEM_TOTAL_KB) * 100) },
  vsz: { header: 'VSZ', width: 6, align: 'right', value: (r) => String(r.figures.vszKb) },
  rss: { header: 'RSS', width: 5, align: 'right', value: (r) => String(r.figures.rssKb) },
  tname: { header: 'TTY', width: 8, align: 'left', value: (r) => r.tty },
  tty: { header: 'TT', width: 8, align: 'left', value: (r) => r.tty },
  stat: { header: 'STAT', width: 4, align: 'left', value: (r) => r.stat },
  s: { header: 'S', width: 1, align: 'left', value: (r) => r.stat[0]! },
  stime: { header: 'STIME', width: 5, align: 'right', value: (r, now) => startTime(r.startedAtWall, now) },
  start_time: { header: 'START', width: 5, align: 'right', value: (r, now) => startTime(r.startedAtWall, now) },
  time: { header: 'TIME', width: 8, align: 'right', value: (r) => cpuTime(r.cpuMs) },
  bsdtime: { header: 'TIME', width: 6, align: 'right', value: (r) => bsdTime(r.cpuMs) },
  etime: { header: 'ELAPSED', width: 11, align: 'right', value: (r) => elapsedTime(r.elapsedMs) },
  etimes: { header: 'ELAPSED', width: 7, align: 'right', value: (r) => String(Math.floor(r.elapsedMs / 1000)) },
  comm: { header: 'COMMAND', width: 15, align: 'unlimited', value: (r) => r.comm },
  ucmd: { header: 'CMD', width: 15, align: 'unlimited', value: (r) => r.comm },
  args: { header: 'COMMAND', width: 27, align: 'unlimited', value: (r) => r.args },
  cmd: { header: 'CMD', width: 27, align: 'unlimited', value: (r) => r.args },
};

/** Other names procps accepts for the same columns. */
const ALIASES: Readonly<Record<string, string>> = {
  pcpu: '%cpu', pmem: '%mem', command: 'args', ucomm: 'comm', uname: 'user', euser: 'user', vsize: 'vsz', rssize: 'rss',
  tt: 'tty', cputime: 'time', pgrp: 'pgid', state: 's', bsdstart: 'start_time', tgid: 'pid',
};

export function column(name: string): Column | undefined {
  return COLUMNS[ALIASES[name] ?? name];
}

/** A column as `-o name=HEADER` asked for it. */
export interface Chosen {
  readonly column: Column;
  readonly header: string;
  /** With --forest, the command column is indented under its parent. */
  readonly forest?: boolean;
}

/**
 * Lays out one line: `cells[i]` in column i. Right-aligned cells are padded to their width;
 * whatever a cell overflows, later columns give back. `maxWidth` cuts the line (a terminal's width).
 */
export function layoutLine(columns: readonly Chosen[], cells: readonly string[], maxWidth = Infinity): string {
  let line = '';
  let correct = 0;
  for (let i = 0; i < cells.length; i++) {
    const { column } = columns[i]!;
    const text = cells[i]!;
    const leftPad = column.align === 'right' ? Math.max(0, column.width - text.length) : 0;
    const space = Math.max(correct - line.length + leftPad, i === 0 ? 0 : 1);
    line += ' '.repeat(space) + text;
    correct += column.width + 1;
  }
  return line.length > maxWidth ? line.slice(0, maxWidth) : line;
}

/** Header and rows, one line each. */
export function renderTable(columns: readonly Chosen[], rows: readonly (readonly string[])[], header: boolean, maxWidth = Infinity): string {
  // `-o pid=,args=`: no header line when every header is empty.
  const lines = header && columns.some((c) => c.header !== '') ? [layoutLine(columns, columns.map((c) => c.header), maxWidth)] : [];
  for (const cells of rows) lines.push(layoutLine(columns, cells, maxWidth));
  return lines.map((l) => `${l}\n`).join('');
}
