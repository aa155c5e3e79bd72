import { describe, expect, it } from 'vitest';
import { Clock } from '../../sim/clock';
import { WorkQueue, keyOf, splitKey } from './workqueue';

describe('WorkQueue', () => {
  it('folds repeated adds of one key into a single sync', () => {
    const clock = new Clock();
    const synced: string[] = [];
    const queue = new WorkQueue(clock, (key) => void synced.push(key));
    for (let i = 0; i < 50; i++) queue.add('default/web');
    queue.add('default/db');
    clock.runUntilQuiet();
    expect(synced).toEqual(['default/web', 'default/db']);
  });

  it('retries a failing key with doubling back-off, and forgets it after success', () => {
    const clock = new Clock();
    const attempts: number[] = [];
    let failuresLeft = 3;
    const queue = new WorkQueue(clock, () => {
      attempts.push(clock.now());
      return failuresLeft-- > 0 ? 'retry' : undefined;
    }, { retryBaseMs: 100 });
    queue.add('k');
    clock.runUntilQuiet();
    expect(attempts).toEqual([0, 100, 300, 700]);
  });

  it('requeueAfter brings the key back later, and an earlier request wins', () => {
    const clock = new Clock();
    const times: number[] = [];
    let first = true;
    const queue = new WorkQueue(clock, () => {
      times.push(clock.now());
      if (first) {
        first = false;
        return { requeueAfterMs: 5000 };
      }
    });
    queue.add('k');
    clock.advance(10);
    queue.addAfter('k', 1000);
    clock.runUntilQuiet();
    expect(times).toEqual([0, 1010]);
  });

  it('keys name namespaced and cluster-scoped objects', () => {
    expect(keyOf({ metadata: { namespace: 'default', name: 'nginx' } })).toBe('default/nginx');
    expect(keyOf({ metadata: { name: 'worker01' } })).toBe('worker01');
    expect(splitKey('default/nginx')).toEqual({ namespace: 'default', name: 'nginx' });
    expect(splitKey('worker01')).toEqual({ namespace: undefined, name: 'worker01' });
  });
});
