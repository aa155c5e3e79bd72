// Running a program: a child process the shell waits for, or — for the last command of `sh -c`
// or a subshell — execve, so the program replaces the shell (`sh -c 'sleep 3600'` leaves `sleep`
// as PID 1). Also why a command could not start: 127 not found, 126 not executable, and a file
// without `#!` run as a script of this shell.
import type { Vfs } from '../../engine/runtime/fs';
import { sys, SysError, type Sys } from '../../engine/runtime/process';
import { ExitShell } from './control';
import { printCommandLine } from './printer';
import { EXIT, type Shell } from './shell';
import { cannotFork } from './subshells';

export function* runExternal(shell: Shell, argv: string[], assignments: [string, string][], flags: number): Sys<number> {
  const env = shell.vars.environment(assignments.length > 0 ? Object.fromEntries(assignments) : undefined);
  if (flags & EXIT && !shell.hasTraps()) return yield* replaceWith(shell, argv, env);
  let pid: number;
  try {
    pid = shell.proc.spawn(argv, { files: shell.childFiles(), env, ...(shell.interactive ? { pgid: 'new' as const } : {}) });
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    return yield* cannotRun(shell, argv, env, e);
  }
  return yield* shell.waitForeground(pid, () => (shell.currentSimple ? printCommandLine(shell.currentSimple) : argv.join(' ')));
}

/**
 * execve: this process becomes the command. Only returns when that fails, and then the shell
 * exits. `builtin` is `exec` when the user wrote it (messages then name it).
 */
export function* replaceWith(shell: Shell, argv: string[], env: Record<string, string>, builtin?: string): Sys<number> {
  try {
    yield* sys.exec(argv, env);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    const status = yield* cannotRun(shell, argv, env, e, builtin);
    throw new ExitShell(status);
  }
  return 0;
}

/** A command that could not start: the shell's message and status (127 not found, 126 not executable). */
function* cannotRun(shell: Shell, argv: string[], env: Record<string, string>, error: SysError, builtin?: string): Sys<number> {
  const name = argv[0]!;
  switch (error.errno) {
    case 'ENOENT':
      // bash's exec says just `not found`, whatever its usual wording.
      yield* shell.report(builtin === 'exec' && shell.dialect === 'bash' ? `${name}: not found` : shell.messages.notFound(name), builtin);
      return 127;
    case 'ENOEXEC':
      // No #! line: run it as a script of this shell, as sh and bash do.
      return yield* runWithoutShebang(shell, argv, env);
    case 'EAGAIN':
      return yield* cannotFork(shell, error);
    default: {
      let isDirectory = false;
      try {
        isDirectory = name.includes('/') && shell.fs().stat(name).type === 'dir';
      } catch {
        // not there after all
      }
      yield* shell.report(shell.messages.cannotExecute(name, isDirectory), builtin);
      return 126;
    }
  }
}

function* runWithoutShebang(shell: Shell, argv: string[], env: Record<string, string>): Sys<number> {
  const path = argv[0]!.includes('/') ? argv[0]! : (findInPath(shell.fs(), argv[0]!, env['PATH']) ?? argv[0]!);
  let pid: number;
  try {
    pid = shell.proc.spawn([shell.dialect === 'bash' ? 'bash' : 'sh', path, ...argv.slice(1)], { files: shell.childFiles(), env, program: shell.program });
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    return yield* cannotFork(shell, e);
  }
  return yield* shell.waitForeground(pid, () => argv.join(' '));
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function findInPath(fs: Vfs, name: string, path: string | undefined): string | undefined {
  if (name.includes('/')) return undefined;
  for (const dir of (path ?? DEFAULT_PATH).split(':')) {
    const candidate = `${dir === '' ? '.' : dir}/${name}`;
    try {
      const st = fs.stat(candidate);
      if (st.type === 'file' && (st.mode & 0o111) !== 0) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
