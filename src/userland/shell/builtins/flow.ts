// Builtins that steer execution: exit, return, break, continue, eval, . (source), exec.
import { FsError } from '../../../engine/runtime/fs';
import type { Sys } from '../../../engine/runtime/process';
import { ExitShell, LoopControl, ReturnFromFunction, ShellError } from '../control';
import type { Shell } from '../shell';
import { parseSource } from '../source';
import { parseCount, type Builtin } from './common';

export function* exit(shell: Shell, argv: string[]): Sys<number> {
  if (shell.interactive && shell.dialect === 'bash') yield* shell.write(2, `${shell.farewell}\n`);
  const arg = argv[1];
  if (arg === undefined) throw new ExitShell(shell.status);
  const n = parseCount(arg);
  if (n === undefined) {
    if (shell.dialect === 'bash') {
      yield* shell.report(shell.messages.badExitNumber(arg));
      throw new ExitShell(2);
    }
    yield* shell.fail(shell.messages.badExitNumber(arg), 2);
  }
  if (shell.dialect === 'bash' && argv.length > 2) {
    yield* shell.report('too many arguments');
    return 1;
  }
  throw new ExitShell(n! & 0xff);
}

export function* returnBuiltin(shell: Shell, argv: string[]): Sys<number> {
  const arg = argv[1];
  const n = arg === undefined ? shell.status : parseCount(arg);
  if (n === undefined) {
    if (shell.dialect === 'bash') {
      yield* shell.report(`${arg}: numeric argument required`);
      throw new ReturnFromFunction(2);
    }
    yield* shell.fail(`Illegal number: ${arg}`, 2);
  }
  if (shell.dialect === 'bash' && shell.functionDepth === 0 && shell.sourceDepth === 0) {
    yield* shell.report("can only `return' from a function or sourced script");
    return 1;
  }
  throw new ReturnFromFunction(n! & 0xff);
}

export function loopControl(kind: 'break' | 'continue'): Builtin['run'] {
  return function* (shell, argv) {
    const arg = argv[1];
    const n = arg === undefined ? 1 : parseCount(arg);
    if (n === undefined || n <= 0) {
      if (shell.dialect === 'bash') {
        yield* shell.report(n === undefined ? `${arg}: numeric argument required` : `${arg}: loop count out of range`);
        return 1;
      }
      yield* shell.fail(`Illegal number: ${arg}`, 2);
    }
    if (shell.loopDepth === 0) {
      if (shell.dialect === 'bash') yield* shell.report("only meaningful in a `for', `while', or `until' loop");
      return 0;
    }
    throw new LoopControl(kind, Math.min(n!, shell.loopDepth));
  };
}

/** Reached through `command exec ...`; a plain `exec` is handled with its redirections by the shell. */
export function* execBuiltin(shell: Shell, argv: string[]): Sys<number> {
  const args = argv.slice(argv[1] === '--' ? 2 : 1);
  if (args.length === 0) return 0;
  return yield* shell.replaceWith(args, shell.vars.environment(), 'exec');
}

export function* evalBuiltin(shell: Shell, argv: string[]): Sys<number> {
  const text = argv.slice(1).join(' ');
  if (text.trim() === '') return 0;
  try {
    return yield* shell.evalString(text, 'eval');
  } catch (e) {
    // A syntax error inside eval ends a busybox script; bash carries on with status 2.
    if (e instanceof ShellError && shell.dialect === 'bash') return e.status;
    throw e;
  }
}

export function* dot(shell: Shell, argv: string[]): Sys<number> {
  const name = argv[1];
  if (name === undefined) {
    if (shell.dialect === 'bash') {
      yield* shell.report('filename argument required');
      return 2;
    }
    return 0;
  }
  const fs = shell.fs();
  const path = name.includes('/') ? name : (findReadable(shell, name) ?? name);
  let text: string;
  try {
    text = fs.readFile(path);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    const message = e.code === 'ENOENT' ? shell.messages.dotNotFound(name) : `${name}: ${e.text}`;
    if (shell.dialect === 'bash') {
      yield* shell.report(message);
      return 1;
    }
    yield* shell.fail(message, 2);
    return 2;
  }
  const savedPositional = shell.positional;
  const savedName = shell.sourceName;
  const savedLine = shell.line;
  if (argv.length > 2) shell.positional = argv.slice(2);
  shell.sourceDepth++;
  shell.sourceName = path;
  const savedBuiltin = shell.currentBuiltin;
  shell.currentBuiltin = undefined;
  try {
    return yield* shell.nested(argv[0]!, () => shell.runChunks(parseSource(text, shell.dialect), 0));
  } catch (e) {
    if (e instanceof ReturnFromFunction) return e.status;
    throw e;
  } finally {
    shell.currentBuiltin = savedBuiltin;
    shell.sourceDepth--;
    shell.sourceName = savedName;
    shell.line = savedLine;
    if (argv.length > 2) shell.positional = savedPositional;
  }
}

/** `.` looks for a bare name on the PATH (any readable file), then in the working directory. */
function findReadable(shell: Shell, name: string): string | undefined {
  const fs = shell.fs();
  for (const dir of (shell.vars.get('PATH') ?? '').split(':')) {
    const candidate = `${dir === '' ? '.' : dir}/${name}`;
    try {
      if (fs.stat(candidate).type === 'file') return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
