/**
 * Durations and timestamps as the apiserver prints them in AGE, LAST SEEN, DURATION and the
 * RESTARTS suffix (apimachinery `duration.HumanDuration`). Time here is simulated: "now" is the
 * clock's simulated milliseconds, turned into a wall instant through `clock.epochMs`.
 */
import type { Clock } from '../../sim/clock';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Human-readable approximation of a duration, with the exact cut-overs of the real server:
 * `119s` (never `1m59s`), `2m30s`, `179m` (never `2h59m`), `3h15m`, `47h`, `7d23h`, `729d`, `3y45d`.
 * Go truncates every division toward zero, so this does too.
 */
export function humanDuration(ms: number): string {
  // A clock skew of up to one second still reads as "now" (the server allows the same).
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 192) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (works for year 1, unlike Date.UTC). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const ZERO = 48; // '0'

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * RFC 3339 timestamp → Unix milliseconds, or NaN. Tables parse one or two timestamps per row and
 * a list can hold ten thousand pods, so the common shapes (`2026-01-05T09:00:00Z`, with a
 * fraction, or with a `+hh:mm` offset) are read by hand; anything else falls back to Date.parse.
 */
export function parseTimestamp(ts: string): number {
  const len = ts.length;
  if (len < 20 || ts.charCodeAt(4) !== 45 || ts.charCodeAt(7) !== 45 || ts.charCodeAt(13) !== 58 || ts.charCodeAt(16) !== 58) {
    return Date.parse(ts);
  }
  const t = ts.charCodeAt(10);
  if (t !== 84 && t !== 116 && t !== 32) return Date.parse(ts); // 'T', 't', ' '
  const year = digits(ts, 0, 4);
  const month = digits(ts, 5, 2);
  const day = digits(ts, 8, 2);
  const hour = digits(ts, 11, 2);
  const minute = digits(ts, 14, 2);
  const second = digits(ts, 17, 2);
  if (Number.isNaN(year + month + day + hour + minute + second)) return Date.parse(ts);
  let i = 19;
  let millis = 0;
  if (ts.charCodeAt(i) === 46) {
    // Fraction: keep milliseconds, ignore finer digits.
    i++;
    let scale = 100;
    while (i < len) {
      const c = ts.charCodeAt(i) - ZERO;
      if (c < 0 || c > 9) break;
      millis += c * scale;
      scale /= 10;
      i++;
    }
    millis = Math.floor(millis);
  }
  let offset = 0;
  const z = ts.charCodeAt(i);
  if ((z === 90 || z === 122) && i === len - 1) {
    offset = 0;
  } else if ((z === 43 || z === 45) && i === len - 6 && ts.charCodeAt(i + 3) === 58) {
    const oh = digits(ts, i + 1, 2);
    const om = digits(ts, i + 4, 2);
    if (Number.isNaN(oh + om)) return Date.parse(ts);
    offset = (z === 43 ? 1 : -1) * (oh * HOUR + om * MINUTE);
  } else {
    return Date.parse(ts);
  }
  return daysFromCivil(year, month, day) * 86_400_000 + hour * HOUR + minute * MINUTE + second * SECOND + millis - offset;
}

/** Go's zero `time.Time` (`0001-01-01T00:00:00Z`), which the server prints as `<unknown>`. */
const ZERO_TIME = daysFromCivil(1, 1, 1) * 86_400_000;

/** The wall instant (Unix ms) that simulated time `now` corresponds to. */
export const wallNow = (clock: Pick<Clock, 'epochMs'>, now: number): number => clock.epochMs + now;

/** Duration since an RFC 3339 timestamp given the wall instant of "now"; `<unknown>` when unset. */
export function sinceWall(timestamp: string | undefined | null, nowWall: number): string {
  if (!timestamp) return '<unknown>';
  const at = parseTimestamp(timestamp);
  if (Number.isNaN(at) || at === ZERO_TIME) return '<unknown>';
  return humanDuration(nowWall - at);
}

/** `translateTimestampSince` of the real printers: HumanDuration(now − timestamp) or `<unknown>`. */
export function translateTimestampSince(
  timestamp: string | undefined | null,
  clock: Pick<Clock, 'epochMs'>,
  now: number,
): string {
  return sinceWall(timestamp, wallNow(clock, now));
}
