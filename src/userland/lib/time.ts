/**
 * Dates as C programs print them, in UTC (containers have no /etc/localtime by default):
 * `strftime` for `date +FORMAT` and log lines, `ctime`-style stamps for `ls -l`.
 * Inputs are wall-clock Unix milliseconds (`proc.wallClock()`).
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number, width = 2, fill = '0'): string => String(n).padStart(width, fill);

/** The subset of strftime(3) conversions people type after `date +`. Unknown ones print as written. */
export function strftime(format: string, unixMs: number): string {
  const d = new Date(unixMs);
  const conversions: Record<string, () => string> = {
    a: () => DAYS[d.getUTCDay()]!.slice(0, 3),
    A: () => DAYS[d.getUTCDay()]!,
    b: () => MONTHS[d.getUTCMonth()]!.slice(0, 3),
    h: () => MONTHS[d.getUTCMonth()]!.slice(0, 3),
    B: () => MONTHS[d.getUTCMonth()]!,
    c: () => strftime('%a %b %e %H:%M:%S %Y', unixMs),
    C: () => pad(Math.floor(d.getUTCFullYear() / 100)),
    d: () => pad(d.getUTCDate()),
    D: () => strftime('%m/%d/%y', unixMs),
    e: () => pad(d.getUTCDate(), 2, ' '),
    F: () => strftime('%Y-%m-%d', unixMs),
    H: () => pad(d.getUTCHours()),
    I: () => pad(((d.getUTCHours() + 11) % 12) + 1),
    j: () => pad(dayOfYear(d), 3),
    k: () => pad(d.getUTCHours(), 2, ' '),
    m: () => pad(d.getUTCMonth() + 1),
    M: () => pad(d.getUTCMinutes()),
    n: () => '\n',
    N: () => pad((unixMs % 1000) * 1_000_000, 9),
    p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    r: () => strftime('%I:%M:%S %p', unixMs),
    R: () => strftime('%H:%M', unixMs),
    s: () => String(Math.floor(unixMs / 1000)),
    S: () => pad(d.getUTCSeconds()),
    t: () => '\t',
    T: () => strftime('%H:%M:%S', unixMs),
    u: () => String(d.getUTCDay() || 7),
    w: () => String(d.getUTCDay()),
    x: () => strftime('%m/%d/%y', unixMs),
    X: () => strftime('%H:%M:%S', unixMs),
    y: () => pad(d.getUTCFullYear() % 100),
    Y: () => String(d.getUTCFullYear()),
    z: () => '+0000',
    Z: () => 'UTC',
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (whole, letter: string) => conversions[letter]?.() ?? whole);
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
