/** The DNS clients: busybox nslookup, BIND's dig. */
import type { Program } from '../../../engine/runtime/process';

export const DNS_PROGRAMS: Readonly<Record<string, Program>> = {};
