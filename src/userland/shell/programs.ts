/** The shells as programs: busybox `sh`/`ash` and `bash`, by program id. */
import type { Program } from '../../engine/runtime/process';
import { shellProgram } from './main';

const ash = shellProgram('busybox');

export const SHELL_PROGRAMS: Readonly<Record<string, Program>> = {
  'busybox:sh': ash,
  'busybox:ash': ash,
  bash: shellProgram('bash'),
};
