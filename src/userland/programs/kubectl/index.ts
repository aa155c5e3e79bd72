/** kubectl v1.30 as a program of the nodes: it speaks the Kubernetes API to the apiserver. */
import type { Program } from '../../../engine/runtime/process';
import { COMMANDS, GROUPS } from './commands';
import { kubectlMain } from './framework';

export const KUBECTL_PROGRAMS: Readonly<Record<string, Program>> = {
  kubectl: kubectlMain(COMMANDS, GROUPS),
};
