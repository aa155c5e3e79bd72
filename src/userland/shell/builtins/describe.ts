// What a name means to the shell: type, command.
import type { Sys } from '../../../engine/runtime/process';
import { printScript } from '../printer';
import type { Shell } from '../shell';
import { BUILTINS } from './index';

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'in']);

function describe(shell: Shell, name: string): { kind: 'keyword' | 'function' | 'builtin' | 'special' | 'file' | 'none'; path?: string } {
  if (KEYWORDS.has(name)) return { kind: 'keyword' };
  if (shell.functions.has(name)) return { kind: 'function' };
  const builtin = BUILTINS.get(name);
  if (builtin) return { kind: builtin.special ? 'special' : 'builtin' };
  if (name.includes('/')) {
    try {
      const st = shell.fs().stat(name);
      if (st.type === 'file' && (st.mode & 0o111) !== 0) return { kind: 'file', path: name };
    } catch {
      // missing
    }
    return { kind: 'none' };
  }
  const path = shell.lookPath(name);
  return path === undefined ? { kind: 'none' } : { kind: 'file', path };
}

export function* typeBuiltin(shell: Shell, argv: string[]): Sys<number> {
  let status = 0;
  for (const name of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const d = describe(shell, name);
    let line: string;
    switch (d.kind) {
      case 'keyword':
        line = `${name} is a shell keyword`;
        break;
      case 'function':
        line = shell.dialect === 'bash'
          ? `${name} is a function\n${name} () ${printScript({ type: 'script', items: [{ command: { type: 'andor', first: { type: 'pipeline', negated: false, commands: [shell.functions.get(name)!.body] }, rest: [] }, background: false }] }).trimEnd()}`
          : `${name} is a shell function`;
        break;
      case 'builtin':
        line = `${name} is a shell builtin`;
        break;
      case 'special':
        line = `${name} is a ${shell.dialect === 'bash' ? '' : 'special '}shell builtin`;
        break;
      case 'file':
        line = `${name} is ${d.path}`;
        break;
      case 'none':
        if (shell.dialect === 'bash') {
          yield* shell.report(shell.messages.typeNotFound(name));
          status = 1;
        } else {
          yield* shell.out(`${shell.messages.typeNotFound(name)}\n`);
          status = 127;
        }
        continue;
    }
    yield* shell.out(`${line}\n`);
  }
  return status;
}

export function* command(shell: Shell, argv: string[]): Sys<number> {
  let i = 1;
  let mode: 'run' | 'v' | 'V' = 'run';
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.includes('v')) mode = 'v';
    if (arg.includes('V')) mode = 'V';
  }
  const rest = argv.slice(i);
  if (rest.length === 0) return 0;
  if (mode === 'V') return yield* typeBuiltin(shell, ['type', ...rest]);
  if (mode === 'v') {
    let status = 0;
    for (const name of rest) {
      const d = describe(shell, name);
      if (d.kind === 'none') status = shell.dialect === 'bash' ? 1 : 127;
      else yield* shell.out(`${d.kind === 'file' ? d.path : name}\n`);
    }
    return status;
  }
  return yield* shell.dispatch(rest, [], 0, true);
}
