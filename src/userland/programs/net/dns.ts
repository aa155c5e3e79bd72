/** The DNS clients: busybox nslookup, BIND's dig. */
import type { Program } from '../../../engine/runtime/process';
import { dig } from './dig';
import { nslookup } from './nslookup';

export const DNS_PROGRAMS: Readonly<Record<string, Program>> = { 'busybox:nslookup': nslookup, dig };
