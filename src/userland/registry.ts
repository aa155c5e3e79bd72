/**
 * Every simulated program by the id images use in their program tables (`busybox:sleep`, `nginx`,
 * `bash`): the kernel asks here what runs when a container executes a file.
 */
import type { Program, ProgramRegistry } from '../engine/runtime/process';
import { PROGRAMS } from './programs';
import { SHELL_PROGRAMS } from './shell/programs';

const ALL: Readonly<Record<string, Program>> = { ...PROGRAMS, ...SHELL_PROGRAMS };

export const programRegistry: ProgramRegistry = (id) => ALL[id];
