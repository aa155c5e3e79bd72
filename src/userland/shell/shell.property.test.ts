// Printing a parsed script and running the print must do exactly what the original does: the
// printer is what `type f` shows and a learner may paste back, so it may not change meaning.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, printScript } from './index';
import { shellBox } from './testkit';

const WORD_PIECES = [
  'plain', 'a-b', "'single  quoted'", '"double $x"', '$x', '${x}', '${y:-default}', '${x:+alt}', '\\$x', '\\ ',
  '"$(echo sub)"', '`echo bq`', '$((1 + 2))', '"a\\"b"', "'$y'", '${#x}', '"${x%e*}"', '~', '"*"', '\\*', '""',
];

const word = fc.array(fc.constantFrom(...WORD_PIECES), { minLength: 1, maxLength: 3 }).map((pieces) => pieces.join(''));
const echo = fc.array(word, { maxLength: 4 }).map((words) => ['echo', ...words].join(' '));
const assignment = fc.tuple(fc.constantFrom('x', 'y'), word).map(([name, value]) => `${name}=${value}`);
const command = fc.oneof({ weight: 4, arbitrary: echo }, { weight: 1, arbitrary: assignment }, { weight: 1, arbitrary: fc.constantFrom('true', 'false') });
const separator = fc.constantFrom('; ', '\n', ' && ', ' || ', ' | cat; ');
const script = fc.tuple(command, fc.array(fc.tuple(separator, command), { maxLength: 5 }))
  .map(([first, rest]) => first + rest.map(([sep, cmd]) => sep + cmd).join(''));

describe('printed scripts behave like their source', () => {
  test('echo scripts print the same output after a parse/print round trip', () => {
    const box = shellBox('busybox');
    fc.assert(
      fc.property(script, (source) => {
        const printed = printScript(parse(source));
        const original = box.sh(source);
        const reprinted = box.sh(printed);
        expect(reprinted).toEqual(original);
      }),
      { seed: 20240612, numRuns: 150 },
    );
  });

  test('any script, however wrong, ends in a status or keeps running; the interpreter itself never throws', () => {
    const PIECES = [
      'echo a', 'x=1', '$x', '"$@"', 'for i in 1 2; do', 'done', 'if true; then', 'fi', 'else', 'while false; do',
      '|', '&&', '||', ';', '&', '\n', '>', '/tmp/f', '<', '2>&1', '>&-', 'cat', 'read v', 'exit 3', 'return', 'break 2',
      'continue', 'f()', 'f', '{', '}', '(', ')', "trap 'echo t' EXIT INT", 'set -e', 'set -u', 'set -x', 'shift 3',
      'local y', '$((1/0))', '$((x+1))', '${x:?e}', '${x#*}', '`echo q`', 'eval', "'fi'", 'wait', 'kill -INT $$', 'kill $!',
      'cd /tmp', 'cd /nope', '. /nope', 'printf %d x', 'sleep 1', 'exec 3>/tmp/g', '<<E\nbody\nE\n', 'case $x in 1) echo one;; esac',
      'unset x', 'readonly x', 'export x=2', 'type f', 'command -v cat', '[ -f /tmp/f ]', 'test', 'umask 077', 'let i++',
    ];
    const source = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((xs) => xs.join(' '));
    fc.assert(
      fc.property(source, fc.constantFrom('busybox' as const, 'bash' as const), (text, dialect) => {
        const box = shellBox(dialect);
        box.run(['sleep', '3600']); // PID 1, so signals behave as for any process
        const run = box.run([dialect === 'bash' ? 'bash' : 'sh', '-c', text], { env: { PATH: '/bin', HOME: '/root' } });
        box.clock.advance(3_000);
        expect(box.kernel.faults).toEqual([]);
        expect(box.clock.now()).toBe(3_000);
        if (run.status() === undefined) box.kernel.signal(run.proc, 'SIGKILL');
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});
