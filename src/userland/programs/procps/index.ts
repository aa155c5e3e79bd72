/** procps-ng, as the Rocky Linux nodes have it: ps, pgrep, pkill. */
import type { Program } from '../../../engine/runtime/process';
import { pgrep, pkill } from './pgrep';
import { ps } from './ps';

export const PROCPS_PROGRAMS: Readonly<Record<string, Program>> = {
  'procps:ps': ps,
  'procps:pgrep': pgrep,
  'procps:pkill': pkill,
};
