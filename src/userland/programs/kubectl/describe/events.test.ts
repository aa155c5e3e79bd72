/** The Age cell of describe's Events table and of `kubectl events`, as kubectl computes it. */
import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { eventAge } from './events';

const NOW = Date.parse('2026-01-05T10:00:00Z');
const ago = (s: number): string => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');
const event = (e: Partial<Event>): Event => ({ metadata: {}, involvedObject: {}, ...e });

describe('eventAge', () => {
  it.each([
    ['a single event: its first time', event({ firstTimestamp: ago(25), lastTimestamp: ago(25), count: 1 }), '25s'],
    ['a repeated one: last, count and first', event({ firstTimestamp: ago(39), lastTimestamp: ago(12), count: 4 }), '12s (x4 over 39s)'],
    ['minutes as HumanDuration writes them', event({ firstTimestamp: ago(150), lastTimestamp: ago(5), count: 3 }), '5s (x3 over 2m30s)'],
    ['an events.k8s.io series', event({ eventTime: ago(600), series: { count: 7, lastObservedTime: ago(61) } }), '61s (x7 over 10m)'],
    ['no time at all', event({}), '<unknown>'],
  ])('%s', (_, e, expected) => {
    expect(eventAge(e, NOW)).toBe(expected);
  });
});
