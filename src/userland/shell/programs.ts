/** The shells as programs: busybox `sh`/`ash` and `bash`, by program id. */
import type { Program } from '../../engine/runtime/process';

export const SHELL_PROGRAMS: Readonly<Record<string, Program>> = {};
