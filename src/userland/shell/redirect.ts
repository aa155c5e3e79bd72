// Redirections (`> file`, `2>&1`, `<<EOF`, ...) change the shell's own descriptors, remembering
// the old ones on descriptors 10 and up (as real shells do) so they can be put back after a builtin
// or a spawned command; `exec >file` keeps them. Children only inherit descriptors 0-9.
import { FsError } from '../../engine/runtime/fs';
import { OpenFile, SysError, type Proc, type ReadResult, type Sys } from '../../engine/runtime/process';
import type { Redirect } from './ast';
import type { Shell } from './shell';

/** Descriptors at and above this number are the shell's own bookkeeping. */
export const FIRST_PRIVATE_FD = 10;
/** Status of a command whose redirection failed (1 in both shells). */
export const REDIRECT_FAILURE = 1;

/** A here-document: its text once, then end of file. */
class TextSource extends OpenFile {
  private done = false;
  constructor(private readonly text: string) {
    super();
  }
  override read(): ReadResult {
    if (this.done || this.text === '') return { kind: 'eof' };
    this.done = true;
    return { kind: 'data', data: this.text };
  }
}

/** What to do to undo one redirection: put `saved` back on `fd`, or close `fd` if it was closed. */
export interface SavedFd {
  readonly fd: number;
  readonly saved: number | undefined;
}

/** The lowest free descriptor at or above FIRST_PRIVATE_FD. */
export function privateFd(proc: Proc): number {
  let fd = FIRST_PRIVATE_FD;
  while (proc.file(fd) !== undefined) fd++;
  return fd;
}

/** Installs an open file on a private descriptor. */
export function installPrivate(proc: Proc, file: OpenFile): number {
  const low = proc.install(file);
  const high = privateFd(proc);
  proc.dup2(low, high);
  proc.close(low);
  return high;
}

/** /dev/stdout and friends name the shell's own descriptors, as Linux's /dev/fd links do. */
function deviceFd(path: string): number | undefined {
  if (path === '/dev/stdin') return 0;
  if (path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  const m = /^\/dev\/fd\/(\d+)$/.exec(path);
  return m ? Number(m[1]) : undefined;
}

function defaultFd(op: Redirect['op']): number {
  return op === '<' || op === '<<' || op === '<<-' || op === '<<<' || op === '<&' || op === '<>' ? 0 : 1;
}

/**
 * Applies redirections in order. Returns what undoes them (empty when `permanent`), or undefined
 * after reporting a failure — in which case whatever was already applied has been undone.
 */
export function* applyRedirects(shell: Shell, redirects: readonly Redirect[], permanent = false): Sys<SavedFd[] | undefined> {
  const proc = shell.proc;
  const undo: SavedFd[] = [];
  const touched = new Set<number>();
  /** Points `fd` at `source`'s file (or closes it), saving the original first. */
  const place = (fd: number, source: number | 'close'): void => {
    if (!permanent && !touched.has(fd)) {
      touched.add(fd);
      let saved: number | undefined;
      if (proc.file(fd) !== undefined) {
        saved = privateFd(proc);
        proc.dup2(fd, saved);
      }
      undo.push({ fd, saved });
    }
    if (source === 'close') {
      if (proc.file(fd) !== undefined) proc.close(fd);
    } else {
      proc.dup2(source, fd);
    }
  };
  /** Opens `path` and places it on each of `fds`. */
  const openOn = (path: string, mode: 'r' | 'w' | 'a', fds: readonly number[]): boolean => {
    const device = deviceFd(path);
    if (device !== undefined) {
      if (proc.file(device) === undefined) return false;
      const copy = installPrivate(proc, proc.file(device)!);
      for (const fd of fds) place(fd, copy);
      proc.close(copy);
      return true;
    }
    const opened = proc.open(path, mode);
    for (const fd of fds) place(fd, opened);
    if (!fds.includes(opened)) proc.close(opened);
    return true;
  };

  let reading = false;
  try {
    for (const r of redirects) {
      const fd = r.fd ?? defaultFd(r.op);
      reading = r.op === '<';
      if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') {
        // A here-document, or a here-string (`<<< word`: the word and a newline).
        const doc = r.heredoc;
        const text = doc === undefined ? (yield* shell.expander.string(r.target)) + '\n'
          : doc.expand ? yield* shell.expander.hereDocument(doc.body)
          : doc.body.map((p) => (p.type === 'literal' ? p.value : '')).join('');
        const copy = installPrivate(proc, new TextSource(text));
        place(fd, copy);
        proc.close(copy);
        continue;
      }
      const target = yield* shell.expander.string(r.target);
      switch (r.op) {
        case '<':
          if (!openOn(target, 'r', [fd])) throw new SysError('EBADF');
          break;
        case '>':
        case '>|':
          if (!openOn(target, 'w', [fd])) throw new SysError('EBADF');
          break;
        case '>>':
          if (!openOn(target, 'a', [fd])) throw new SysError('EBADF');
          break;
        case '<>':
          if (!openOn(target, shell.fs().exists(target) ? 'r' : 'w', [fd])) throw new SysError('EBADF');
          break;
        case '&>':
        case '&>>':
          if (!openOn(target, r.op === '&>' ? 'w' : 'a', [1, 2])) throw new SysError('EBADF');
          break;
        case '>&':
        case '<&':
          if (target === '-') place(fd, 'close');
          else if (/^\d+$/.test(target)) {
            const from = Number(target);
            if (proc.file(from) === undefined) {
              yield* shell.report(`${target}: Bad file descriptor`);
              restoreRedirects(proc, undo);
              return undefined;
            }
            place(fd, from);
          } else if (r.op === '>&' && r.fd === undefined) {
            // `>&file` is bash's old spelling of `&>file`.
            openOn(target, 'w', [1, 2]);
          } else {
            yield* shell.report(`${target}: ambiguous redirect`);
            restoreRedirects(proc, undo);
            return undefined;
          }
          break;
      }
    }
  } catch (e) {
    restoreRedirects(proc, undo);
    if (e instanceof FsError) {
      const text = reading
        ? shell.messages.cannotOpen(e.path, e.text, e.code === 'ENOENT')
        : shell.messages.cannotCreate(e.path, e.text, e.code === 'ENOENT');
      yield* shell.report(text);
      return undefined;
    }
    if (e instanceof SysError) {
      yield* shell.report(e.message);
      return undefined;
    }
    throw e;
  }
  return undo;
}

/** Undoes `applyRedirects`, newest first. */
export function restoreRedirects(proc: Proc, undo: readonly SavedFd[]): void {
  for (let i = undo.length - 1; i >= 0; i--) {
    const { fd, saved } = undo[i]!;
    if (saved !== undefined) {
      proc.dup2(saved, fd);
      proc.close(saved);
    } else if (proc.file(fd) !== undefined) {
      proc.close(fd);
    }
  }
}
