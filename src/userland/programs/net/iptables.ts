/** iptables and iptables-save on a node, reading the node's netfilter tables. */
import type { Program } from '../../../engine/runtime/process';

export const IPTABLES_PROGRAMS: Readonly<Record<string, Program>> = {};
