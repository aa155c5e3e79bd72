// The builtin commands of busybox ash and bash, by name. "Special" builtins (POSIX's term: `exit`,
// `set`, `.`, ...) keep the variable assignments written before them, and their errors end a
// non-interactive shell.
import type { Builtin } from './common';
import { command, typeBuiltin } from './describe';
import { cd, pwd, umask } from './directories';
import { dot, evalBuiltin, execBuiltin, exit, loopControl, returnBuiltin } from './flow';
import { aliasBuiltin, unaliasBuiltin } from '../aliases';
import { historyBuiltin } from '../history';
import { JOB_BUILTINS } from '../job-control';
import { read } from './read';
import { shopt } from './shopt';
import { kill, trap, wait } from './signals';
import { doubleBracket, echo, printf, test } from './text';
import { declare, letBuiltin, local, set, shift, unset } from './variables';

export type { Builtin } from './common';

/** `:`, `true`, `false`: a status and nothing else. */
const exitWith = (status: number): Builtin['run'] =>
  // eslint-disable-next-line require-yield -- no system call needed
  function* () {
    return status;
  };

const special = (run: Builtin['run']): Builtin => ({ special: true, run });
const regular = (run: Builtin['run']): Builtin => ({ special: false, run });

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['.', special(dot)],
  [':', special(exitWith(0))],
  ['[', regular(test)],
  ['[[', regular(doubleBracket)],
  ['alias', aliasBuiltin],
  ['bg', JOB_BUILTINS.bg],
  ['break', special(loopControl('break'))],
  ['cd', regular(cd)],
  ['command', regular(command)],
  ['continue', special(loopControl('continue'))],
  ['echo', regular(echo)],
  ['eval', special(evalBuiltin)],
  ['exec', special(execBuiltin)],
  ['exit', special(exit)],
  ['export', special(declare('export'))],
  ['false', regular(exitWith(1))],
  ['fg', JOB_BUILTINS.fg],
  ['history', historyBuiltin],
  ['jobs', JOB_BUILTINS.jobs],
  ['kill', regular(kill)],
  ['let', regular(letBuiltin)],
  ['local', special(local)],
  ['printf', regular(printf)],
  ['pwd', regular(pwd)],
  ['read', regular(read)],
  ['readonly', special(declare('readonly'))],
  ['return', special(returnBuiltin)],
  ['set', special(set)],
  ['shift', special(shift)],
  ['shopt', shopt],
  ['source', special(dot)],
  ['test', regular(test)],
  ['trap', special(trap)],
  ['true', regular(exitWith(0))],
  ['type', regular(typeBuiltin)],
  ['umask', regular(umask)],
  ['unset', special(unset)],
  ['unalias', unaliasBuiltin],
  ['wait', regular(wait)],
]);

