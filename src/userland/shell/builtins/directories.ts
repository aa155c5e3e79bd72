// The working directory and file creation mask: cd, pwd, umask.
import { FsError } from '../../../engine/runtime/fs';
import type { Sys } from '../../../engine/runtime/process';
import type { Shell } from '../shell';

/** `/a/b/../c` → `/a/c`, without looking at the disk (the shell's logical $PWD). */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export function* cd(shell: Shell, argv: string[]): Sys<number> {
  let args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P');
  if (args[0] === '--') args = args.slice(1);
  if (shell.dialect === 'bash' && args.length > 1) {
    yield* shell.report('too many arguments');
    return 1;
  }
  let dir = args[0];
  let print = false;
  if (dir === undefined) {
    dir = shell.vars.get('HOME');
    if (dir === undefined) {
      if (shell.dialect === 'bash') yield* shell.report('HOME not set');
      return shell.dialect === 'bash' ? 1 : 0;
    }
  } else if (dir === '-') {
    dir = shell.vars.get('OLDPWD');
    if (dir === undefined) {
      yield* shell.report(shell.dialect === 'bash' ? 'OLDPWD not set' : shell.messages.cd('-', 'No such file or directory'));
      return shell.messages.builtinFailure;
    }
    print = true;
  }
  if (dir === '') return 0;
  const oldPwd = shell.vars.get('PWD') ?? shell.proc.cwd;
  const target = normalize(dir.startsWith('/') ? dir : `${oldPwd}/${dir}`);
  try {
    shell.proc.chdir(target);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    yield* shell.report(shell.messages.cd(dir, e.text));
    return shell.messages.builtinFailure;
  }
  shell.vars.set('OLDPWD', oldPwd);
  shell.vars.export('PWD', target);
  if (print) yield* shell.out(`${target}\n`);
  return 0;
}

export function* pwd(shell: Shell, argv: string[]): Sys<number> {
  const logical = shell.vars.get('PWD');
  const physical = shell.proc.cwd;
  const usePhysical = argv.includes('-P') || logical === undefined || !shell.fs().exists(logical);
  return (yield* shell.out(`${usePhysical ? physical : logical}\n`)) ? 0 : 1;
}

export function* umask(shell: Shell, argv: string[]): Sys<number> {
  const args = argv.slice(1);
  const symbolic = args[0] === '-S';
  if (symbolic) args.shift();
  if (args.length === 0) {
    if (!symbolic) return (yield* shell.out(`${shell.umask.toString(8).padStart(4, '0')}\n`)) ? 0 : 1;
    const perms = (bits: number) => `${bits & 4 ? '' : 'r'}${bits & 2 ? '' : 'w'}${bits & 1 ? '' : 'x'}`;
    const m = shell.umask;
    return (yield* shell.out(`u=${perms(m >> 6)},g=${perms((m >> 3) & 7)},o=${perms(m & 7)}\n`)) ? 0 : 1;
  }
  if (!/^[0-7]{1,4}$/.test(args[0]!)) {
    yield* shell.report(shell.dialect === 'bash' ? `${args[0]}: octal number out of range` : `illegal mode: ${args[0]}`);
    return 1;
  }
  shell.umask = parseInt(args[0]!, 8) & 0o777;
  return 0;
}
