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
});
