// The command history of an interactive shell: what Up/Down and Ctrl-R walk through and what the
// `history` builtin lists. Lines are added as they are read, before they run, as bash does; Rocky
// Linux's /etc/profile sets HISTCONTROL=ignoredups, and `ignorespace` keeps ` secret` lines out.
import type { Sys } from '../../engine/runtime/process';
import type { Builtin } from './builtins';
import type { Shell } from './shell';

/** bash's default HISTSIZE. */
const HISTORY_SIZE = 1000;

export class History {
  private readonly entries: string[] = [];
  /** Number of the first entry kept (older ones fell off the end). */
  private base = 1;

  get length(): number {
    return this.entries.length;
  }

  /** Entry `i`, 0 the oldest kept. */
  at(i: number): string | undefined {
    return this.entries[i];
  }

  add(line: string, control: string): void {
    const text = line.replace(/\n$/, '');
    if (text.trim() === '') return;
    const ignore = new Set(control.split(':').flatMap((c) => (c === 'ignoreboth' ? ['ignorespace', 'ignoredups'] : [c])));
    if (ignore.has('ignorespace') && /^\s/.test(text)) return;
    if (ignore.has('ignoredups') && this.entries.at(-1) === text) return;
    this.entries.push(text);
    if (this.entries.length > HISTORY_SIZE) {
      this.entries.shift();
      this.base++;
    }
  }

  clear(): void {
    this.base += this.entries.length;
    this.entries.length = 0;
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

/** `history`, `history N`, `history -c`. */
export const historyBuiltin: Builtin = {
  special: false,
  *run(shell: Shell, argv: string[]): Sys<number> {
    const history = historyOf(shell);
    const arg = argv[1];
    if (arg === '-c') {
      history.clear();
      return 0;
    }
    if (arg?.startsWith('-') && arg !== '-') {
      yield* shell.report(`${arg}: invalid option`);
      yield* shell.write(2, 'history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n');
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
