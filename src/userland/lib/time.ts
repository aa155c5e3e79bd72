/**
 * Dates as C programs print them, in UTC (containers have no /etc/localtime by default):
 * `strftime` for `date +FORMAT` and log lines, `ctime`-style stamps for `ls -l`.
 * Inputs are wall-clock Unix milliseconds (`proc.wallClock()`).
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number, width = 2, fill = '0'): string => String(n).padStart(width, fill);

/** Each conversion, from the instant as a UTC Date and as Unix milliseconds. */
const CONVERSIONS: Readonly<Record<string, (d: Date, ms: number) => string>> = {
  a: (d) => DAYS[d.getUTCDay()]!.slice(0, 3),
  A: (d) => DAYS[d.getUTCDay()]!,
  b: (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3),
  h: (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3),
  B: (d) => MONTHS[d.getUTCMonth()]!,
  c: (_d, ms) => strftime('%a %b %e %H:%M:%S %Y', ms),
  C: (d) => pad(Math.floor(d.getUTCFullYear() / 100)),
  d: (d) => pad(d.getUTCDate()),
  D: (_d, ms) => strftime('%m/%d/%y', ms),
  e: (d) => pad(d.getUTCDate(), 2, ' '),
  F: (_d, ms) => strftime('%Y-%m-%d', ms),
  H: (d) => pad(d.getUTCHours()),
  I: (d) => pad(((d.getUTCHours() + 11) % 12) + 1),
  j: (d) => pad(dayOfYear(d), 3),
  k: (d) => pad(d.getUTCHours(), 2, ' '),
  m: (d) => pad(d.getUTCMonth() + 1),
  M: (d) => pad(d.getUTCMinutes()),
  n: () => '\n',
  N: (_d, ms) => pad((((ms % 1000) + 1000) % 1000) * 1_000_000, 9),
  p: (d) => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
  r: (_d, ms) => strftime('%I:%M:%S %p', ms),
  R: (_d, ms) => strftime('%H:%M', ms),
  s: (_d, ms) => String(Math.floor(ms / 1000)),
  S: (d) => pad(d.getUTCSeconds()),
  t: () => '\t',
  T: (_d, ms) => strftime('%H:%M:%S', ms),
  u: (d) => String(d.getUTCDay() || 7),
  w: (d) => String(d.getUTCDay()),
  x: (_d, ms) => strftime('%m/%d/%y', ms),
  X: (_d, ms) => strftime('%H:%M:%S', ms),
  y: (d) => pad(d.getUTCFullYear() % 100),
  Y: (d) => String(d.getUTCFullYear()),
  z: () => '+0000',
  Z: () => 'UTC',
  '%': () => '%',
};

/**
 * Texts already made, by format and second. Servers stamp every log line and response with the
 * current second (and a few file dates), so the same texts come back all day; only `%N` looks
 * finer than a second. Formats also come from what people type after `date +`, hence the limits.
 */
const stamps = new Map<string, Map<number, string>>();
const FORMATS_KEPT = 64;
const SECONDS_KEPT = 8;

/** The subset of strftime(3) conversions people type after `date +`. Unknown ones print as written. */
export function strftime(format: string, unixMs: number): string {
  if (format.includes('%N')) return render(format, unixMs);
  let bySecond = stamps.get(format);
  if (!bySecond) {
    if (stamps.size >= FORMATS_KEPT) stamps.clear();
    stamps.set(format, (bySecond = new Map()));
  }
  const second = Math.floor(unixMs / 1000);
  let text = bySecond.get(second);
  if (text === undefined) {
    if (bySecond.size >= SECONDS_KEPT) bySecond.clear();
    text = render(format, unixMs);
    bySecond.set(second, text);
  }
  return text;
}

function render(format: string, unixMs: number): string {
  const d = new Date(unixMs);
  return format.replace(/%(.)/g, (whole, letter: string) => CONVERSIONS[letter]?.(d, unixMs) ?? whole);
}

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** `date`'s default output: `Thu Nov 26 00:33:51 UTC 2026`. */
export const dateDefault = (unixMs: number): string => strftime('%a %b %e %H:%M:%S %Z %Y', unixMs);

/** Six months, the age at which `ls -l` shows the year instead of the time. */
const HALF_YEAR_MS = (365 / 2) * 86_400_000;

/** The time column of `ls -l`: `Feb 19 06:16` for recent files, `Feb 19  2023` for old ones. */
export function lsTime(mtimeMs: number, nowMs: number): string {
  const age = nowMs - mtimeMs;
  return age < HALF_YEAR_MS && age > -15 * 60_000 ? strftime('%b %e %H:%M', mtimeMs) : strftime('%b %e  %Y', mtimeMs);
}
