import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../sim/clock';
import { humanDuration, parseTimestamp, translateTimestampSince } from './duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1999, '0s'], // truncates to -1 s: within the tolerated skew
    [-1 * s, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [5 * s, '5s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [119 * s + 999, '119s'],
    [120 * s, '2m'],
    [150 * s, '2m30s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 30 * s, '10m'],
    [45 * m, '45m'],
    [150 * m, '150m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 15 * m, '3h15m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 30 * m, '8h'],
    [23 * h, '23h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [2 * d + 5 * h, '2d5h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [8 * d + 23 * h, '8d'],
    [364 * d, '364d'],
    [729 * d + 23 * h, '729d'],
    [730 * d, '2y'],
    [3 * y + 45 * d, '3y45d'],
    [8 * y - 1 * d, '7y364d'],
    [8 * y, '8y'],
    [20 * y + 100 * d, '20y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('parseTimestamp', () => {
  it.each([
    '2026-01-05T09:00:00Z',
    '2026-01-05T09:00:00.123456Z',
    '2026-01-05T09:00:00.5Z',
    '2024-02-29T23:59:59Z',
    '1970-01-01T00:00:00Z',
    '2026-01-05T11:00:00+02:00',
    '2026-01-05T04:30:00-04:30',
  ])('reads %s like Date.parse', (ts) => {
    expect(parseTimestamp(ts)).toBe(Date.parse(ts));
  });

  it('reads Go zero time and anything odd through the fallback', () => {
    expect(parseTimestamp('0001-01-01T00:00:00Z')).toBe(-62135596800000);
    expect(parseTimestamp('not a time')).toBeNaN();
    expect(parseTimestamp('Mon, 05 Jan 2026 09:00:00 GMT')).toBe(Date.UTC(2026, 0, 5, 9));
  });

  it('agrees with Date.parse on every ISO instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(parseTimestamp(iso)).toBe(date.getTime());
        const seconds = iso.replace(/\.\d{3}Z$/, 'Z');
        expect(parseTimestamp(seconds)).toBe(Date.parse(seconds));
      }),
    );
  });
});

describe('translateTimestampSince', () => {
  const clock = new Clock();
  it('is <unknown> without a timestamp or for Go zero time', () => {
    expect(translateTimestampSince(undefined, clock, 0)).toBe('<unknown>');
    expect(translateTimestampSince('', clock, 0)).toBe('<unknown>');
    expect(translateTimestampSince('0001-01-01T00:00:00Z', clock, 0)).toBe('<unknown>');
  });
  it('measures simulated time against the clock epoch', () => {
    const created = clock.timestamp(0);
    expect(translateTimestampSince(created, clock, 10_500)).toBe('10s');
    expect(translateTimestampSince(created, clock, 5 * d)).toBe('5d');
    expect(translateTimestampSince(clock.timestamp(60_000), clock, 0)).toBe('<invalid>');
  });
});
