/**
 * klog's line header, as kubectl's verbose and warning lines carry it:
 * `I0614 09:21:07.123456    4242 round_trippers.go:553] message` — severity letter, month and
 * day, wall-clock time to the microsecond, the pid right-aligned in 7 columns, the source line.
 */
import type { Proc } from '../../../../engine/runtime/process';
import { strftime } from '../../../lib/time';

/** Info, warning, error, fatal (the process exits after a fatal line). */
export type Severity = 'I' | 'W' | 'E' | 'F';

export function klogLine(proc: Proc, severity: Severity, where: string, message: string): string {
  const wall = proc.wallClock();
  const micros = String(Math.floor((wall % 1000) * 1000)).padStart(6, '0');
  return `${severity}${strftime('%m%d %H:%M:%S', wall)}.${micros} ${String(proc.pid).padStart(7)} ${where}] ${message}\n`;
}
