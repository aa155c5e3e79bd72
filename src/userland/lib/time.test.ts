import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpDate } from './http';
import { lsTime, strftime } from './time';

// Mon Jan 5 2026 09:00:00.250 UTC
const T = Date.UTC(2026, 0, 5, 9, 0, 0, 250);

describe('strftime', () => {
  it.each([
    ['%Y/%m/%d %H:%M:%S', '2026/01/05 09:00:00'],
    ['%d/%b/%Y:%H:%M:%S +0000', '05/Jan/2026:09:00:00 +0000'],
    ['%a %b %e %H:%M:%S %Z %Y', 'Mon Jan  5 09:00:00 UTC 2026'],
    ['%s.%N', '1767603600.250000000'],
    ['%j %u %w %p %I', '005 1 1 AM 09'],
    ['100%% %q', '100% %q'],
  ])('%s', (format, text) => {
    expect(strftime(format, T)).toBe(text);
  });

  it('gives the time of each instant, whatever was asked before (texts are remembered per second)', () => {
    const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) });
    // Instants close together, so that many fall in a second asked about before.
    const instants = fc.tuple(instant, fc.array(fc.integer({ min: -3000, max: 3000 }), { maxLength: 30 })).map(([base, offsets]) => offsets.map((o) => base + o));
    fc.assert(fc.property(instants, (times) => {
      for (const t of times) {
        const iso = new Date(t).toISOString(); // 2026-01-05T09:00:00.250Z
        expect(strftime('%Y-%m-%d %H:%M:%S', t)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`);
        expect(strftime('%S.%N', t)).toBe(`${iso.slice(17, 19)}.${iso.slice(20, 23)}000000`);
        expect(httpDate(t)).toBe(new Date(t).toUTCString());
      }
    }));
  });

  it('shows the time of recent files in ls -l, the year of old ones', () => {
    expect(lsTime(T, T + 60_000)).toBe('Jan  5 09:00');
    expect(lsTime(T, T + 365 * 86_400_000)).toBe('Jan  5  2026');
  });
});
