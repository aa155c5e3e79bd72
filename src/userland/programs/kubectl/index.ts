/** kubectl v1.30 as a program of the nodes: it speaks the Kubernetes API to the apiserver. */
import type { Program } from '../../../engine/runtime/process';
import { COMPLETERS } from '../../shell/completion';
import { COMMANDS, GROUPS } from './commands';
import { completeKubectl } from './completion';
import { kubectlMain } from './framework';

export const KUBECTL_PROGRAMS: Readonly<Record<string, Program>> = {
  kubectl: kubectlMain(COMMANDS, GROUPS),
};

/** Tab completion of kubectl's words at the shell's prompt. */
COMPLETERS.set('kubectl', completeKubectl);
