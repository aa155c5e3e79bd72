/** kubectl v1.30 as a program of the nodes: it speaks the Kubernetes API to the apiserver. */
import type { Program } from '../../../engine/runtime/process';

export const KUBECTL_PROGRAMS: Readonly<Record<string, Program>> = {};
