import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Clock } from '../sim/clock';
import { backoffFor, SchedulingQueue } from './queue';

const pod = (uid: string, priority?: number): Pod => ({ metadata: { uid, name: uid, namespace: 'default' }, spec: { containers: [], priority } });

describe('scheduling queue', () => {
  it('back-off doubles from 1 s and stops at 10 s', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffFor)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('pops higher priority first, then first come', () => {
    const q = new SchedulingQueue(new Clock(), () => {});
    q.add(pod('a'));
    q.add(pod('b', 10));
    q.add(pod('c'));
    q.add(pod('d', 10));
    expect([q.pop(), q.pop(), q.pop(), q.pop(), q.pop()].map((p) => p?.metadata?.uid)).toEqual(['b', 'd', 'a', 'c', undefined]);
  });

  it('parks unschedulable pods until a cluster event, respecting the back-off', () => {
    const clock = new Clock();
    let wakes = 0;
    const q = new SchedulingQueue(clock, () => wakes++);
    q.add(pod('a'));
    q.pop();
    q.unschedulable(pod('a'));
    expect(q.where('a')).toBe('unschedulable');
    clock.advance(10 * 60_000);
    expect(q.activeCount).toBe(0);
    q.moveAllToActiveOrBackoff();
    expect(q.where('a')).toBe('active');

    q.pop();
    q.unschedulable(pod('a')); // second failure: 2 s back-off
    clock.advance(500);
    q.moveAllToActiveOrBackoff();
    expect(q.where('a')).toBe('backoff');
    clock.advance(1499);
    expect(q.where('a')).toBe('backoff');
    clock.advance(1);
    expect(q.where('a')).toBe('active');
    expect(wakes).toBe(3);
  });

  it('retries parked pods after 5 minutes even without an event', () => {
    const clock = new Clock();
    const q = new SchedulingQueue(clock, () => {});
    q.add(pod('a'));
    q.pop();
    q.unschedulable(pod('a'));
    clock.advance(4 * 60_000);
    q.flushUnschedulableLeftover();
    expect(q.where('a')).toBe('unschedulable');
    clock.advance(60_000);
    q.flushUnschedulableLeftover();
    expect(q.where('a')).toBe('active');
  });

  it('forgets deleted pods', () => {
    const q = new SchedulingQueue(new Clock(), () => {});
    q.add(pod('a'));
    q.delete('a');
    expect(q.pop()).toBeUndefined();
  });
});
