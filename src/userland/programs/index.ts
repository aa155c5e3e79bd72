/** The programs of the images (everything but the shells), by program id. */
import type { Program } from '../../engine/runtime/process';

export const PROGRAMS: Readonly<Record<string, Program>> = {};
