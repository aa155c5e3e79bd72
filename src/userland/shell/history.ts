// The command history of an interactive shell: what Up/Down and Ctrl-R walk through and what the
// `history` builtin lists. Lines are added as they are read, before they run, as bash does; Rocky
// Linux's /etc/profile sets HISTCONTROL=ignoredups, and `ignorespace` keeps ` secret` lines out.
// The history file ($HISTFILE) is read and written by history-file.ts.
import type { Sys } from '../../engine/runtime/process';
import type { Builtin } from './builtins';
import { appendHistoryFile, readHistoryFile, writeHistoryFile } from './history-file';
import type { Shell } from './shell';

export class History {
  private readonly entries: string[] = [];
  /** Number of the first entry kept (older ones fell off the end). */
  private base = 1;
  /** How many entries are kept (undefined: all). bash sets it from HISTSIZE; busybox keeps 1000. */
  private size: number | undefined = 1000;
  /** The HISTSIZE value last applied: bash applies it when the variable changes. */
  private sizeValue: string | undefined;
  /** Entries added since the history file was last appended to (bash's history_lines_this_session). */
  private unsaved = 0;

  get length(): number {
    return this.entries.length;
  }

  /** Entry `i`, 0 the oldest kept. */
  at(i: number): string | undefined {
    return this.entries[i];
  }

  /** A line typed at the prompt, unless HISTCONTROL says to leave it out. */
  add(line: string, control: string): void {
    const text = line.replace(/\n$/, '');
    if (text.trim() === '') return;
    const ignore = new Set(control.split(':').flatMap((c) => (c === 'ignoreboth' ? ['ignorespace', 'ignoredups'] : [c])));
    if (ignore.has('ignorespace') && /^\s/.test(text)) return;
    if (ignore.has('ignoredups') && this.entries.at(-1) === text) return;
    this.entries.push(text);
    this.unsaved++;
    this.stifle();
  }

  /** Lines read from a history file: kept, but not new to this session. */
  load(lines: readonly string[]): void {
    this.entries.push(...lines);
    this.stifle();
  }

  /**
   * HISTSIZE's value, applied as bash does when the variable changes: a number keeps that many
   * entries (a negative one, or no value, all of them); anything else changes nothing.
   */
  limit(value: string | undefined): void {
    if (value === this.sizeValue) return;
    this.sizeValue = value;
    if (value === undefined || value === '') this.size = undefined;
    else if (/^\s*[-+]?\d+\s*$/.test(value)) this.size = Number(value) < 0 ? undefined : Number(value);
    this.stifle();
    this.unsaved = Math.min(this.unsaved, this.entries.length);
  }

  clear(): void {
    this.base += this.entries.length;
    this.entries.length = 0;
    this.unsaved = 0;
  }

  /** The entries `history -a` appends (those added since the last append, as many as are kept), and forgets that they are new. */
  takeUnsaved(): string[] {
    const taken = this.entries.slice(this.entries.length - Math.min(this.unsaved, this.entries.length));
    this.unsaved = 0;
    return taken;
  }

  get hasUnsaved(): boolean {
    return this.unsaved > 0;
  }

  /** More entries were added than the list keeps: an append cannot hold them all, so bash rewrites the file at exit. */
  get overflowed(): boolean {
    return this.unsaved > this.entries.length;
  }

  /** Every entry, oldest first: what `history -w` writes. */
  all(): readonly string[] {
    return this.entries;
  }

  /** The newest entry at or before `from` containing `query`, and where in it. */
  search(query: string, from: number): { index: number; at: number } | undefined {
    for (let i = Math.min(from, this.entries.length - 1); i >= 0; i--) {
      const at = this.entries[i]!.lastIndexOf(query);
      if (at >= 0) return { index: i, at };
    }
    return undefined;
  }

  /** `history [n]`: `%5d  %s` lines, as bash prints them without HISTTIMEFORMAT. */
  listing(last = this.entries.length): string {
    const start = Math.max(0, this.entries.length - last);
    return this.entries.slice(start).map((text, i) => `${String(this.base + start + i).padStart(5)}  ${text}\n`).join('');
  }

  /** Drops the oldest entries beyond HISTSIZE (readline's stifle_history). */
  private stifle(): void {
    if (this.size === undefined || this.entries.length <= this.size) return;
    const dropped = this.entries.length - this.size;
    this.entries.splice(0, dropped);
    this.base += dropped;
  }
}

const histories = new WeakMap<Shell, History>();

/** The history of a shell; a subshell (`history | grep x`) sees its parent's. */
export function historyOf(shell: Shell): History {
  let history = histories.get(shell);
  if (!history) {
    history = new History();
    histories.set(shell, history);
  }
  return history;
}

/** A forked subshell starts with a copy of its parent's memory, the history included. */
export function inheritHistory(parent: Shell, child: Shell): void {
  const history = histories.get(parent);
  if (history) histories.set(child, history);
}

const USAGE = 'history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n';

/** `history`, `history N`, `history -c`, and `history -a|-w|-r [file]` (the file: $HISTFILE). */
export const historyBuiltin: Builtin = {
  special: false,
  *run(shell: Shell, argv: string[]): Sys<number> {
    const history = historyOf(shell);
    const arg = argv[1];
    if (arg === '-c') {
      history.clear();
      return 0;
    }
    if (arg === '-a' || arg === '-w' || arg === '-r') {
      const file = argv[2] ?? historyFileName(shell);
      if (arg === '-r') return readHistoryFile(shell, history, file) ? 0 : 1;
      if (arg === '-w') return writeHistoryFile(shell, history, file) ? 0 : 1;
      const appended = appendHistoryFile(shell, history, file);
      if (appended.cannotCreate !== undefined) yield* shell.report(`${file}: cannot create: ${appended.cannotCreate}`);
      return appended.ok ? 0 : 1;
    }
    if (arg?.startsWith('-') && arg !== '-') {
      yield* shell.report(`${arg}: invalid option`);
      yield* shell.write(2, USAGE);
      return 2;
    }
    if (arg !== undefined && !/^\d+$/.test(arg)) {
      yield* shell.report(`${arg}: numeric argument required`);
      return 1;
    }
    yield* shell.out(history.listing(arg === undefined ? undefined : Number(arg)));
    return 0;
  },
};

/** $HISTFILE, or readline's own default when it is unset: ~/.history. */
function historyFileName(shell: Shell): string {
  return shell.vars.get('HISTFILE') ?? `${shell.vars.get('HOME') ?? ''}/.history`;
}
