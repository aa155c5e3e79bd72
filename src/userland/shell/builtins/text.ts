// Builtins that print or test: echo, printf, test / [, and an approximation of [[ ]].
import type { Sys } from '../../../engine/runtime/process';
import { formatEcho } from '../../lib/echo';
import { evaluateTest } from '../../lib/test-expr';
import { matchPattern } from '../pattern';
import { formatPrintf } from '../printf';
import type { Shell } from '../shell';
import { appletError, flavourOf } from './common';

export function* echo(shell: Shell, argv: string[]): Sys<number> {
  return (yield* shell.out(formatEcho(argv.slice(1), flavourOf(shell)))) ? 0 : 1;
}

export function* printf(shell: Shell, argv: string[]): Sys<number> {
  if (argv.length < 2) {
    if (shell.dialect === 'bash') yield* shell.report('usage: printf [-v var] format [arguments]');
    else yield* shell.write(2, 'Usage: printf FORMAT [ARG]...\n');
    return shell.dialect === 'bash' ? 2 : 1;
  }
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  const result = formatPrintf(args[0] ?? '', args.slice(1), flavourOf(shell));
  const ok = yield* shell.out(result.text);
  for (const error of result.errors) yield* appletError(shell, shell.dialect === 'busybox' ? `printf: ${error}` : error);
  return ok && result.errors.length === 0 ? 0 : 1;
}

export function* test(shell: Shell, argv: string[]): Sys<number> {
  const result = evaluateTest(argv.slice(1), shell.fs(), {
    bracket: argv[0] === '[',
    flavour: flavourOf(shell),
    isatty: (fd) => shell.proc.isatty(fd),
  });
  if (result.error !== undefined) yield* appletError(shell, result.error);
  return result.status;
}

/**
 * `[[ ... ]]`, approximated as a builtin: the parser has no such keyword, so the words inside are
 * expanded as usual and `&&`/`||` cannot appear inside. `==`/`!=` match a pattern, as in bash.
 */
export function* doubleBracket(shell: Shell, argv: string[]): Sys<number> {
  if (argv[argv.length - 1] !== ']]') {
    yield* appletError(shell, shell.dialect === 'bash' ? "missing `]]'" : 'missing ]]');
    return 2;
  }
  const args = argv.slice(1, -1);
  if (args.length === 3 && (args[1] === '==' || args[1] === '=' || args[1] === '!=')) {
    return matchPattern(args[2]!, args[0]!) === (args[1] !== '!=') ? 0 : 1;
  }
  return yield* test(shell, ['test', ...args]);
}
