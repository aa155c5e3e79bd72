// The Events table: which events belong to the object, their order, and kubectl's Age cell.
import { describe, expect, test } from 'vitest';
import type { EventView } from '../../worker/views';
import { eventRows } from './events';

const NOW = Date.UTC(2026, 0, 5, 9, 10);

const event = (name: string, reason: string, involved: Partial<EventView['involved']>, ago: { first: number; last?: number; count?: number }): EventView => ({
  kind: 'Event', namespace: 'default', name, uid: name, createdAt: 0,
  involved: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u', ...involved },
  type: reason === 'BackOff' ? 'Warning' : 'Normal', reason, message: `${reason} message\n`, count: ago.count ?? 1,
  firstAt: NOW - ago.first * 1000, lastAt: NOW - (ago.last ?? ago.first) * 1000, source: 'kubelet', container: '',
});

describe('eventRows', () => {
  test('only the object’s events, oldest last occurrence first, ages as kubectl prints them', () => {
    const rows = eventRows(
      [
        event('e3', 'BackOff', {}, { first: 200, last: 5, count: 4 }),
        event('e1', 'Scheduled', {}, { first: 610 }),
        event('e2', 'Pulled', {}, { first: 45 }),
        event('other', 'Scheduled', { name: 'web-2' }, { first: 1 }),
        event('node', 'NodeReady', { kind: 'Node', namespace: '', name: 'web' }, { first: 1 }),
      ],
      { kind: 'Pod', namespace: 'default', name: 'web' },
      NOW,
    );
    expect(rows.map((r) => [r.type, r.reason, r.age, r.from, r.message])).toEqual([
      ['Normal', 'Scheduled', '10m', 'kubelet', 'Scheduled message'],
      ['Normal', 'Pulled', '45s', 'kubelet', 'Pulled message'],
      ['Warning', 'BackOff', '5s (x4 over 3m20s)', 'kubelet', 'BackOff message'],
    ]);
  });

  test('a node’s events are cluster-scoped', () => {
    const rows = eventRows([event('n', 'NodeNotReady', { kind: 'Node', namespace: '', name: 'worker01' }, { first: 3 })], { kind: 'Node', namespace: '', name: 'worker01' }, NOW);
    expect(rows.map((r) => r.age)).toEqual(['3s']);
  });
});
