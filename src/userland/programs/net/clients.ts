/** Network clients: wget, curl, ping, ip, hostname -i. */
import type { Program } from '../../../engine/runtime/process';

export const CLIENT_PROGRAMS: Readonly<Record<string, Program>> = {};
