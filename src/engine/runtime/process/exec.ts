/**
 * execve's path resolution: search PATH for a bare name, check the file is there and executable,
 * then decide what runs — a simulated binary (the image's program table says which one) or, for a
 * `#!` script, its interpreter with the script's path as an argument.
 */
import type { Vfs } from '../fs';
import type { Errno } from './syscalls';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Absolute path → id of the simulated program installed there (`/bin/sleep` → `busybox:sleep`). */
export type ProgramTable = Readonly<Record<string, string>>;

export type Resolution =
  | { readonly ok: true; readonly path: string; readonly programId: string; readonly argv: readonly string[] }
  | { readonly ok: false; readonly errno: Errno };

const MAX_INTERPRETER_DEPTH = 4;

export function resolveExecutable(
  fs: Vfs,
  programs: ProgramTable,
  argv: readonly string[],
  pathVariable: string | undefined,
  depth = 0,
): Resolution {
  const name = argv[0] ?? '';
  if (name === '') return { ok: false, errno: 'ENOENT' };
  const candidates = name.includes('/')
    ? [name]
    : (pathVariable ?? DEFAULT_PATH).split(':').map((dir) => `${dir === '' ? '.' : dir}/${name}`);
  let failure: Errno = 'ENOENT';
  for (const candidate of candidates) {
    const found = inspect(fs, programs, candidate);
    if (found.kind === 'missing') continue;
    if (found.kind === 'denied') {
      failure = 'EACCES';
      continue;
    }
    if (found.kind === 'program') return { ok: true, path: candidate, programId: found.programId, argv };
    if (found.kind === 'script' && depth < MAX_INTERPRETER_DEPTH) {
      const interpreterArgv = [found.interpreter, ...(found.argument ? [found.argument] : []), candidate, ...argv.slice(1)];
      return resolveExecutable(fs, programs, interpreterArgv, pathVariable, depth + 1);
    }
    return { ok: false, errno: 'ENOEXEC' };
  }
  return { ok: false, errno: failure };
}

type Inspection =
  | { kind: 'missing' }
  | { kind: 'denied' }
  | { kind: 'program'; programId: string }
  | { kind: 'script'; interpreter: string; argument: string | undefined }
  | { kind: 'unknown' };

function inspect(fs: Vfs, programs: ProgramTable, path: string): Inspection {
  const stat = fs.tryStat(path);
  if (typeof stat === 'string') return { kind: 'missing' };
  if (stat.type === 'dir' || (stat.mode & 0o111) === 0) return { kind: 'denied' };
  const real = fs.realpath(path);
  // A table entry may name the link a learner typed (`/bin/sh`) or the file it points to.
  const programId = programs[real] ?? (path.startsWith('/') ? programs[path] : undefined);
  if (programId) return { kind: 'program', programId };
  const content = fs.readFile(real);
  if (!content.startsWith('#!')) return { kind: 'unknown' };
  const line = content.slice(2, content.includes('\n') ? content.indexOf('\n') : undefined).trim();
  const space = line.search(/\s/);
  if (space < 0) return { kind: 'script', interpreter: line, argument: undefined };
  return { kind: 'script', interpreter: line.slice(0, space), argument: line.slice(space).trim() || undefined };
}
