/**
 * `ls [-1aAdlhnRrStC] [FILE]...` in busybox and GNU flavours.
 *
 * Both sort by name (bytes, the C locale), list files named on the command line before
 * directories, print one name per line into a pipe and columns on a terminal. They differ in the
 * long format's padding (busybox: fixed widths; GNU: as wide as the widest entry), in -h, in the
 * columns' layout, in errors, and in colour: busybox colours names on a terminal unless told not
 * to, GNU only with `--color` (`ls-colors.ts`; Rocky's `ls` alias adds `--color=auto`).
 */
import type { FileStat, Vfs } from '../../engine/runtime/fs';
import { sys, type Sys } from '../../engine/runtime/process';
import type { Options } from '../lib/args';
import type { Flavour } from '../lib/flavour';
import { lsTime } from '../lib/time';
import { defineTool, errorText, type Tool } from '../lib/tool';
import { groupName, userName } from '../lib/users';
import { colorScheme, Painter } from './ls-colors';

interface Entry {
  /** As displayed: a base name inside a directory, the operand as typed on the command line. */
  readonly name: string;
  readonly path: string;
  readonly stat: FileStat;
  /** For symlinks in a long listing. */
  readonly target?: string;
  readonly targetStat?: FileStat;
}

interface Listing {
  readonly tool: Tool;
  readonly options: Options;
  readonly fs: Vfs;
  /** busybox's colours on. */
  readonly color: boolean;
  /** GNU's colours, when on. */
  readonly painter: Painter | undefined;
  readonly width: number;
  /** Wall-clock ms of simulated time 0, to turn mtimes into dates. */
  readonly epoch: number;
  readonly now: number;
}

export const ls = defineTool(
  {
    usage: 'ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...',
    options: {
      short: '1aAdlhnRrStCFi',
      long: { all: 'a', 'almost-all': 'A', directory: 'd', recursive: 'R', reverse: 'r', 'human-readable': 'h', 'color=?': 'color' },
    },
  },
  function* (tool, options) {
    const { proc } = tool;
    const tty = proc.isatty(1);
    const when = colorWhen(options.value('color'));
    if (when === undefined) {
      yield* tool.warn(invalidColorArgument(options.value('color')!));
      yield* sys.write(2, `Try '${tool.name} --help' for more information.\n`);
      return 2;
    }
    const lsColors = proc.env['LS_COLORS'];
    const busyboxColor = when === 'default' ? tty && (lsColors === undefined || (lsColors !== '' && lsColors !== 'none')) : when === 'always' || (when === 'tty' && tty);
    const gnuScheme = tool.flavour === 'gnu' && (when === 'always' || (when === 'tty' && tty)) ? colorScheme(proc.env) : undefined;
    const listing: Listing = {
      tool,
      options,
      fs: proc.fs,
      color: tool.flavour === 'busybox' && busyboxColor,
      painter: gnuScheme && new Painter(gnuScheme, tty ? terminalWidth(proc.env) : 80),
      width: tty && !options.has('1') && !isLong(options) ? terminalWidth(proc.env) : 0,
      epoch: proc.wallClock() - proc.now(),
      now: proc.wallClock(),
    };
    let status = 0;
    const failed = tool.flavour === 'busybox' ? 1 : 2;
    const operands = options.operands.length > 0 ? options.operands : ['.'];
    const files: Entry[] = [];
    const dirs: Entry[] = [];
    for (const operand of operands) {
      const entry = yield* statOperand(listing, operand);
      if (!entry) status = failed;
      else if (entry.stat.type === 'dir' && !options.has('d')) dirs.push(entry);
      else files.push(entry);
    }
    yield* display(listing, sortEntries(files, options));
    const labelled = operands.length > 1 || options.has('R');
    let first = files.length === 0;
    for (const dir of sortEntries(dirs, options)) {
      const ok = yield* listDirectory(listing, dir.path, labelled, first);
      if (!ok) status = failed;
      first = false;
    }
    return status;
  },
);

const isLong = (options: Options): boolean => options.has('l') || options.has('n');

type ColorWhen = 'default' | 'always' | 'never' | 'tty';

/** `--color[=WHEN]`: its words as coreutils' argmatch takes them; undefined for any other. */
function colorWhen(value: string | undefined): ColorWhen | undefined {
  if (value === undefined) return 'default';
  if (['', 'always', 'yes', 'force'].includes(value)) return 'always';
  if (['never', 'no', 'none'].includes(value)) return 'never';
  if (['auto', 'tty', 'if-tty'].includes(value)) return 'tty';
  return undefined;
}

/** argmatch's complaint, with the UTF-8 locale's quotes (LANG=en_US.UTF-8). */
const invalidColorArgument = (value: string): string => `invalid argument ‘${value}’ for ‘--color’
Valid arguments are:
  - ‘always’, ‘yes’, ‘force’
  - ‘never’, ‘no’, ‘none’
  - ‘auto’, ‘tty’, ‘if-tty’`;

function terminalWidth(env: Record<string, string>): number {
  const columns = Number(env['COLUMNS']);
  return Number.isInteger(columns) && columns > 0 ? columns : 80;
}

function* statOperand(listing: Listing, operand: string): Sys<Entry | undefined> {
  const { fs, options, tool } = listing;
  // Named on the command line, a symlink is followed unless the listing is about links (-l, -d).
  const follow = !isLong(options) && !options.has('d') && !options.has('F');
  try {
    return entryFor(listing, operand, operand, follow ? fs.stat(operand) : fs.lstat(operand));
  } catch (e) {
    yield* tool.warn(tool.flavour === 'busybox' ? `${operand}: ${errorText(e)}` : `cannot access '${operand}': ${errorText(e)}`);
    return undefined;
  }
}

function entryFor(listing: Listing, name: string, path: string, stat: FileStat): Entry {
  if (stat.type !== 'symlink' || !isLong(listing.options)) return { name, path, stat };
  const target = listing.fs.readlink(path);
  let targetStat: FileStat | undefined;
  try {
    targetStat = listing.fs.stat(path);
  } catch {
    targetStat = undefined;
  }
  return targetStat ? { name, path, stat, target, targetStat } : { name, path, stat, target };
}

function sortEntries(entries: Entry[], options: Options): Entry[] {
  const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const key = options.has('S')
    ? (a: Entry, b: Entry) => b.stat.size - a.stat.size || byName(a, b)
    : options.has('t')
      ? (a: Entry, b: Entry) => b.stat.mtime - a.stat.mtime || byName(a, b)
      : byName;
  const sorted = [...entries].sort(key);
  return options.has('r') ? sorted.reverse() : sorted;
}

/** Lists one directory (and with -R everything below it); false when it could not be read. */
function* listDirectory(listing: Listing, path: string, labelled: boolean, first: boolean): Sys<boolean> {
  const { fs, options, tool } = listing;
  if (labelled) yield* tool.out(`${first ? '' : '\n'}${path}:\n`);
  let names: string[];
  try {
    names = fs.readdir(path);
  } catch (e) {
    yield* tool.warn(tool.flavour === 'busybox' ? `${path}: ${errorText(e)}` : `cannot open directory '${path}': ${errorText(e)}`);
    return false;
  }
  if (options.has('a')) names = ['.', '..', ...names];
  else names = names.filter((n) => !n.startsWith('.') || (options.has('A') && n !== '.' && n !== '..'));
  const entries: Entry[] = [];
  for (const name of names) {
    const child = join(path, name);
    try {
      entries.push(entryFor(listing, name, child, fs.lstat(child)));
    } catch (e) {
      yield* tool.warn(`${child}: ${errorText(e)}`);
    }
  }
  const sorted = sortEntries(entries, options);
  if (isLong(options)) yield* tool.out(`total ${totalBlocks(sorted, options.has('h') && tool.flavour === 'gnu')}\n`);
  yield* display(listing, sorted);
  let ok = true;
  if (options.has('R')) {
    for (const entry of sorted) {
      if (entry.stat.type !== 'dir' || entry.name === '.' || entry.name === '..') continue;
      if (!(yield* listDirectory(listing, entry.path, true, false))) ok = false;
    }
  }
  return ok;
}

const join = (dir: string, name: string): string => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);

/** 512-byte blocks a file occupies on a 4 KiB-block filesystem. */
function blocks(stat: FileStat): number {
  if (stat.type === 'symlink') return 0;
  return Math.ceil(stat.size / 4096) * 8;
}

/** The `total` line counts 1 KiB blocks, rounded up. */
function totalBlocks(entries: readonly Entry[], human: boolean): string {
  const kib = Math.ceil(entries.reduce((sum, e) => sum + blocks(e.stat), 0) / 2);
  return human ? humanSize(kib * 1024, 'gnu') : String(kib);
}

function* display(listing: Listing, entries: readonly Entry[]): Sys<void> {
  if (entries.length === 0) return;
  const { tool, options } = listing;
  if (isLong(options)) {
    yield* tool.out(longLines(listing, entries).join(''));
    return;
  }
  if (listing.width === 0) {
    yield* tool.out(entries.map((e) => `${paint(listing, e.name, e.stat, 0)}\n`).join(''));
    return;
  }
  yield* tool.out(columns(listing, entries));
}

// ---- long format --------------------------------------------------------------------------

function longLines(listing: Listing, entries: readonly Entry[]): string[] {
  const { tool, options, fs } = listing;
  const numeric = options.has('n');
  const rows = entries.map((e) => ({
    mode: modeString(e.stat),
    links: String(linkCount(fs, e)),
    owner: numeric ? String(e.stat.uid) : (userName(fs, e.stat.uid) ?? String(e.stat.uid)),
    group: numeric ? String(e.stat.gid) : (groupName(fs, e.stat.gid) ?? String(e.stat.gid)),
    size: options.has('h') ? humanSize(e.stat.size, tool.flavour) : String(e.stat.size),
    time: lsTime(listing.epoch + e.stat.mtime, listing.now),
    entry: e,
  }));
  // The name is painted knowing the column it starts at (GNU may add `\e[K` after a wrapping one).
  const named = (prefix: string, e: Entry): string => {
    let line = prefix + paint(listing, e.name, e.stat, prefix.length, e.target !== undefined && !e.targetStat);
    if (e.target !== undefined) {
      const start = prefix.length + e.name.length + 4;
      line += ` -> ${e.targetStat ? paint(listing, e.target, e.targetStat, start) : paint(listing, e.target, undefined, start)}`;
    }
    return `${line}\n`;
  };
  if (tool.flavour === 'busybox') {
    const sizeWidth = options.has('h') ? 7 : 9;
    return rows.map((r) => named(`${r.mode} ${r.links.padStart(4)} ${r.owner.slice(0, 8).padEnd(8)} ${r.group.slice(0, 8).padEnd(8)} ${r.size.padStart(sizeWidth)} ${r.time} `, r.entry));
  }
  const widest = (key: 'links' | 'owner' | 'group' | 'size'): number => Math.max(...rows.map((r) => r[key].length));
  const [wl, wo, wg, ws] = [widest('links'), widest('owner'), widest('group'), widest('size')];
  return rows.map((r) => named(`${r.mode} ${r.links.padStart(wl)} ${r.owner.padEnd(wo)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.time} `, r.entry));
}

/** `drwxr-xr-x`, with s/S and t/T for the set-id and sticky bits. */
export function modeString(stat: Pick<FileStat, 'type' | 'mode'>): string {
  const type = stat.type === 'dir' ? 'd' : stat.type === 'symlink' ? 'l' : '-';
  const m = stat.mode;
  const triple = (shift: number, special: number, letter: string): string => {
    const r = m & (4 << shift) ? 'r' : '-';
    const w = m & (2 << shift) ? 'w' : '-';
    const x = m & (1 << shift);
    const xs = m & special ? (x ? letter : letter.toUpperCase()) : x ? 'x' : '-';
    return r + w + xs;
  };
  return type + triple(6, 0o4000, 's') + triple(3, 0o2000, 's') + triple(0, 0o1000, 't');
}

/** A directory's link count is 2 plus one per subdirectory (their `..`). */
function linkCount(fs: Vfs, entry: Entry): number {
  if (entry.stat.type !== 'dir') return 1;
  try {
    return 2 + fs.readdir(entry.path).filter((n) => {
      try {
        return fs.lstat(join(entry.path, n)).type === 'dir';
      } catch {
        return false;
      }
    }).length;
  } catch {
    return 2;
  }
}

/**
 * `-h` sizes. GNU rounds up and keeps a decimal only below 10 (`4.0K`, `68M`); busybox rounds to
 * one decimal (`4.0K`, `67.7M`).
 */
export function humanSize(bytes: number, flavour: Flavour): string {
  if (bytes < 1024) return String(bytes);
  const units = 'KMGTPE';
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (flavour === 'busybox') return `${value.toFixed(1)}${units[unit]}`;
  if (value < 10) {
    const tenths = Math.ceil(value * 10) / 10;
    return tenths >= 10 ? `10${units[unit]}` : `${tenths.toFixed(1)}${units[unit]}`;
  }
  return `${Math.ceil(value)}${units[unit]}`;
}

// ---- colours and columns ---------------------------------------------------------------------

/**
 * A name in colour, if any: GNU's painter, or busybox's colours on a terminal (bold blue
 * directories, bold cyan links, bold green programs). `stat` undefined: a missing link target.
 */
function paint(listing: Listing, name: string, stat: FileStat | undefined, startCol: number, dangling = false): string {
  if (listing.painter) return listing.painter.paint(name, stat, startCol, dangling);
  if (!listing.color || !stat) return name;
  const code = stat.type === 'dir' ? '1;34' : stat.type === 'symlink' ? '1;36' : stat.mode & 0o111 ? '1;32' : '0;0';
  return `\x1b[${code}m${name}\x1b[m`;
}

/**
 * Names in columns, filled top to bottom. busybox gives every column the longest name + 2 on a
 * line one narrower than the terminal; GNU fits as many columns as their own widths allow.
 */
function columns(listing: Listing, entries: readonly Entry[]): string {
  const names = entries.map((e) => e.name);
  const n = names.length;
  let widths: number[];
  if (listing.tool.flavour === 'busybox') {
    const width = Math.max(...names.map((s) => s.length)) + 2;
    const cols = Math.max(1, Math.floor((listing.width - 1) / width));
    widths = new Array<number>(Math.min(cols, n)).fill(width);
  } else {
    widths = [Math.max(...names.map((s) => s.length))];
    for (let cols = Math.min(n, Math.floor(listing.width / 3)); cols > 1; cols--) {
      const rows = Math.ceil(n / cols);
      const candidate = Array.from({ length: Math.ceil(n / rows) }, (_, c) => Math.max(...names.slice(c * rows, (c + 1) * rows).map((s) => s.length)) + 2);
      if (candidate.reduce((a, b) => a + b, 0) - 2 < listing.width) {
        widths = candidate;
        break;
      }
    }
  }
  const rows = Math.ceil(n / widths.length);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    let column = 0;
    for (let c = 0; c < widths.length; c++) {
      const i = c * rows + r;
      if (i >= n) break;
      const isLast = c === widths.length - 1 || (c + 1) * rows + r >= n;
      line += paint(listing, names[i]!, entries[i]!.stat, column) + (isLast ? '' : ' '.repeat(widths[c]! - names[i]!.length));
      column += widths[c]!;
    }
    out += `${line}\n`;
  }
  return out;
}
