/**
 * A standard five-field cron schedule parser, only to validate CronJob schedules with the
 * messages of the cron library Kubernetes uses (robfig/cron): `expected exactly 5 fields, found 1: [x]`.
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

function parseInt10(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

function value(s: string, b: Bounds): number {
  const named = b.names?.[s.toLowerCase() as keyof typeof b.names];
  return named ?? parseInt10(s);
}

function checkRange(expr: string, b: Bounds): void {
  const [rangeAndStep = '', ...more] = expr.split('/');
  if (more.length > 1) throw new Error(`too many slashes: ${expr}`);
  const [lowText = '', ...highs] = rangeAndStep.split('-');
  if (highs.length > 1) throw new Error(`too many hyphens: ${expr}`);
  let start: number;
  let end: number;
  if (lowText === '*' || lowText === '?') {
    start = b.min;
    end = b.max;
  } else {
    start = value(lowText, b);
    end = highs.length ? value(highs[0]!, b) : start;
  }
  if (more.length === 1) {
    const step = parseInt10(more[0]!);
    if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
  }
  if (start < b.min) throw new Error(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new Error(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
}

/** Returns the parse error text, or undefined for a valid schedule. */
export function cronScheduleError(schedule: string): string | undefined {
  let spec = schedule.trim();
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) spec = spec.slice(spec.indexOf(' ') + 1).trim();
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) return undefined;
    if (spec.startsWith('@every ')) return /^@every ([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/.test(spec) ? undefined : `failed to parse duration ${spec}`;
    return `unrecognized descriptor: ${spec}`;
  }
  const parts = spec.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`;
  try {
    parts.forEach((p, i) => p.split(',').forEach((expr) => checkRange(expr, FIELDS[i]!)));
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}
