/** The programs of the images (everything but the shells), by program id. */
import type { Program } from '../../engine/runtime/process';
import type { Flavour } from '../lib/flavour';
import { echo, falseProgram, test, trueProgram } from './basics';

/** Tools that exist in both flavours: `busybox:<name>` and `coreutils:<name>`. */
const TOOLS: Readonly<Record<string, (flavour: Flavour) => Program>> = {
  true: () => trueProgram,
  false: () => falseProgram,
  echo,
  test,
  '[': test,
};

function flavoured(prefix: string, flavour: Flavour): Record<string, Program> {
  return Object.fromEntries(Object.entries(TOOLS).map(([name, make]) => [`${prefix}:${name}`, make(flavour)]));
}

export const PROGRAMS: Readonly<Record<string, Program>> = {
  ...flavoured('busybox', 'busybox'),
  ...flavoured('coreutils', 'gnu'),
};
