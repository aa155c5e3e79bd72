/** The network programs by program id; each family lives in its own module. */
import type { Program } from '../../../engine/runtime/process';
import { CLIENT_PROGRAMS } from './clients';
import { DNS_PROGRAMS } from './dns';
import { IPTABLES_PROGRAMS } from './iptables';

export const NET_PROGRAMS: Readonly<Record<string, Program>> = { ...IPTABLES_PROGRAMS, ...DNS_PROGRAMS, ...CLIENT_PROGRAMS };
