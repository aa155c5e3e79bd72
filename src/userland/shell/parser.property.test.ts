import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, printScript, ShellParseError } from './index.js';

// Fragments that combine into plausible (and implausible) shell, so both success and error paths run.
const FRAGMENTS = [
  'echo', 'a', 'x=1', "'q r'", '"d $x"', '"${y:-z w}"', '$1', '$?', '$(ls)', '`id`', '$((1+2))', '\\ ',
  ' ', ' ', ' ', ';', '&', '|', '&&', '||', '\n', '!', '>', '>>', '2>&1', '<', '&>', 'f',
  'if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', 'case', 'esac', ')', '(',
  ';;', '{', '}', '<<E', "<<-'E'", '\nbody $x\n', '\nE\n', '\tE\n', '# c', '()', 'function', "$'t\\tq\\''", '<<<', '${x:1:2}',
];

const settings = { seed: 20240611, numRuns: 3000 };

describe('parser properties', () => {
  test('anything parsed prints back to text that parses to the same AST', () => {
    const source = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((xs) => xs.join(' '));
    fc.assert(
      fc.property(source, (src) => {
        let ast;
        try {
          ast = parse(src);
        } catch (e) {
          if (e instanceof ShellParseError) return;
          throw e;
        }
        expect(parse(printScript(ast))).toEqual(ast);
      }),
      settings,
    );
  });

  test('random text and binary garbage only ever throw the parser’s own errors', () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.constantFrom(...FRAGMENTS, '$', '${', '"', "'", '\\', '`', '$(('), { maxLength: 60 }).map((xs) => xs.join('')),
    );
    fc.assert(
      fc.property(garbage, fc.constantFrom('busybox' as const, 'bash' as const), (src, dialect) => {
        try {
          parse(src, { dialect });
        } catch (e) {
          if (!(e instanceof ShellParseError)) throw e;
        }
      }),
      settings,
    );
  });
});
