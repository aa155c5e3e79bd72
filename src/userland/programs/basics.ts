/** The smallest tools: `true`, `false`, `echo`, `test` / `[`. */
import { sys, type Program } from '../../engine/runtime/process';
import { formatEcho } from '../lib/echo';
import type { Flavour } from '../lib/flavour';
import { evaluateTest } from '../lib/test-expr';

/** A program that only exits needs no system call (its status is all it says). */
const exitWith = (code: number): Program =>
  // eslint-disable-next-line require-yield
  function* () {
    return code;
  };

export const trueProgram = exitWith(0);
export const falseProgram = exitWith(1);

export const echo = (flavour: Flavour): Program =>
  function* (proc) {
    yield* sys.write(1, formatEcho(proc.argv.slice(1), flavour));
    return 0;
  };

/** `test EXPR` and `[ EXPR ]`: the same program, told apart by the name it was called by. */
export const test = (flavour: Flavour): Program =>
  function* (proc) {
    const name = (proc.argv[0] ?? 'test').split('/').pop()!;
    const result = evaluateTest(proc.argv.slice(1), proc.fs, {
      bracket: name === '[',
      flavour,
      isatty: (fd) => proc.isatty(fd),
    });
    if (result.error) yield* sys.write(2, `${name}: ${result.error}\n`);
    return result.status;
  };
