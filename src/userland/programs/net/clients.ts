/** Network clients: wget, curl, ping, ip, hostname -i. */
import type { Program } from '../../../engine/runtime/process';
import { wget } from './wget';

export const CLIENT_PROGRAMS: Readonly<Record<string, Program>> = {
  'busybox:wget': wget('busybox'),
};
