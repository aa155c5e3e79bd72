// bash's history file. An interactive bash reads $HISTFILE (~/.bash_history) once its startup
// files have run, and when it leaves — `exit`, Ctrl-D, or the hangup of a closed terminal —
// appends the lines typed in this session to it and cuts the file to $HISTFILESIZE lines.
// `history -a`, `-w` and `-r` do the same on demand. A file line that starts with `#` and a
// digit is a timestamp (written when HISTTIMEFORMAT is set), not a command.
import { FsError, type Vfs } from '../../engine/runtime/fs';
import { Facility } from '../../engine/runtime/process';
import type { History } from './history';
import type { Shell } from './shell';

/** bash's HISTSIZE when nothing set it (Rocky's /etc/profile sets 1000). */
const DEFAULT_HISTSIZE = '500';
/** A history file is private to its owner. */
const FILE_MODE = 0o600;

/**
 * The interactive shells whose history a clean shutdown would save: at shutdown a terminal's bash
 * gets SIGHUP and writes its new lines to $HISTFILE on its way out. Whoever takes a snapshot of
 * the machines asks each to do that first (`saveAll`), so the saved disk holds the history, as it
 * would after a shutdown — but the sessions go on.
 */
export class HistorySavers {
  private readonly savers = new Set<() => void>();

  add(save: () => void): () => void {
    this.savers.add(save);
    return () => this.savers.delete(save);
  }

  saveAll(): void {
    for (const save of this.savers) save();
  }
}

export const HISTORY_SAVERS = new Facility<HistorySavers>('history-savers');

/** After the startup files: HISTSIZE and HISTFILESIZE get their defaults, and $HISTFILE is cut to size and read. */
export function loadHistory(shell: Shell, history: History): void {
  const { vars } = shell;
  if (vars.get('HISTSIZE') === undefined) vars.set('HISTSIZE', DEFAULT_HISTSIZE);
  history.limit(vars.get('HISTSIZE'));
  if (vars.get('HISTFILESIZE') === undefined) vars.set('HISTFILESIZE', vars.get('HISTSIZE')!);
  const file = vars.get('HISTFILE');
  if (!file) return;
  truncateHistoryFile(shell, file);
  readHistoryFile(shell, history, file);
}

/**
 * What bash does as it leaves: the session's new lines are appended to $HISTFILE (created if
 * missing) — or, when more were typed than HISTSIZE keeps and `histappend` is off, the whole list
 * replaces the file — and the file is cut to HISTFILESIZE lines.
 */
export function saveHistory(shell: Shell, history: History): void {
  const file = shell.vars.get('HISTFILE');
  if (!history.hasUnsaved || !file) return;
  const rewrite = history.overflowed && !(shell.vars.get('BASHOPTS') ?? '').split(':').includes('histappend');
  const fs = shell.fs();
  const now = shell.proc.now();
  const saved = attempt(() => {
    createIfMissing(fs, file, now);
    const lines = history.takeUnsaved();
    if (rewrite) fs.writeFile(file, asText(history.all()), now);
    else fs.appendFile(file, asText(lines), now);
  });
  if (saved) truncateHistoryFile(shell, file);
}

/** `history -r`: the file's commands join the list (false when it cannot be read). */
export function readHistoryFile(shell: Shell, history: History, file: string): boolean {
  let text: string;
  try {
    text = shell.fs().readFile(file);
  } catch (e) {
    if (e instanceof FsError) return false;
    throw e;
  }
  history.load(text.split('\n').filter((line) => line !== '' && !/^#\d/.test(line)));
  return true;
}

/**
 * `history -a`: the lines added since the last append go to the end of the file. A file that
 * cannot be created is reported (`cannot create: <why>`); any other failure is only the status.
 */
export function appendHistoryFile(shell: Shell, history: History, file: string): { ok: boolean; cannotCreate?: string } {
  if (!history.hasUnsaved) return { ok: true };
  const fs = shell.fs();
  try {
    createIfMissing(fs, file, shell.proc.now());
  } catch (e) {
    if (e instanceof FsError) return { ok: false, cannotCreate: e.text };
    throw e;
  }
  return { ok: attempt(() => fs.appendFile(file, asText(history.takeUnsaved()), shell.proc.now())) };
}

/** `history -w`: the whole list replaces the file. */
export function writeHistoryFile(shell: Shell, history: History, file: string): boolean {
  const fs = shell.fs();
  return attempt(() => {
    createIfMissing(fs, file, shell.proc.now());
    fs.writeFile(file, asText(history.all()), shell.proc.now());
  });
}

/** HISTFILESIZE, when a number ≥ 0: the file keeps only its last that many lines. */
function truncateHistoryFile(shell: Shell, file: string): void {
  const value = shell.vars.get('HISTFILESIZE') ?? '';
  if (!/^\s*\+?\d+\s*$/.test(value)) return;
  const keep = Number(value);
  const fs = shell.fs();
  attempt(() => {
    const lines = fs.readFile(file).split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (lines.length > keep) fs.writeFile(file, asText(lines.slice(lines.length - keep)), shell.proc.now());
  });
}

const asText = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');

function createIfMissing(fs: Vfs, file: string, now: number): void {
  if (fs.exists(file)) return;
  fs.writeFile(file, '', now);
  fs.chmod(file, FILE_MODE);
}

/** Runs a file operation; false when the filesystem refused it. */
function attempt(operation: () => void): boolean {
  try {
    operation();
    return true;
  } catch (e) {
    if (e instanceof FsError) return false;
    throw e;
  }
}
