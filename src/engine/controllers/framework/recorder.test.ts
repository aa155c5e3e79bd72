/**
 * The event recorder's correlation, step by step as client-go's EventCorrelator does it:
 * repeats counted, similar events combined (opt-in), a token bucket per object, bounded memory.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { resourceFor } from '../../api/resources';
import { testServer } from '../../api/testkit';
import type { KubeObject } from '../../api/types';
import { ApiClient } from '../../client/client';
import { EventRecorder, type EventRecorderOptions } from './recorder';

const EVENTS = resourceFor('', 'events')!;

function setup(options?: EventRecorderOptions) {
  const t = testServer();
  const client = new ApiClient(t.api, 'replicaset-controller');
  const recorder = new EventRecorder(client, t.clock, { component: 'replicaset-controller' }, options);
  const events = (): Event[] => t.api.store.list(EVENTS, { namespace: 'default' }) as Event[];
  return { t, recorder, events };
}

const object = (name: string, uid = `uid-${name}`): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default', uid, resourceVersion: '1' },
});

describe('EventRecorder', () => {
  it('folds repeats of one event into a count', () => {
    const { t, recorder, events } = setup();
    for (let i = 0; i < 4; i++) {
      recorder.event(object('web'), 'Warning', 'FailedCreate', 'quota exceeded');
      t.clock.advance(10_000);
    }
    expect(events().map((e) => [e.message, e.count])).toEqual([['quota exceeded', 4]]);
    expect(events()[0]!.lastTimestamp).not.toBe(events()[0]!.firstTimestamp);
  });

  it('keeps events that differ in reason, type, field path or object apart', () => {
    const { recorder, events } = setup();
    recorder.event(object('web'), 'Normal', 'A', 'm');
    recorder.event(object('web'), 'Warning', 'A', 'm');
    recorder.event(object('web'), 'Normal', 'B', 'm');
    recorder.event(object('web'), 'Normal', 'A', 'm', 'spec.containers{c}');
    recorder.event(object('api'), 'Normal', 'A', 'm');
    expect(events().map((e) => e.count)).toEqual([1, 1, 1, 1, 1]);
  });

  it('lets one object burst 25 events, then one every 5 minutes', () => {
    const { t, recorder, events } = setup();
    for (let i = 0; i < 40; i++) recorder.event(object('web'), 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
    expect(events()).toHaveLength(25);
    // Another object has its own bucket.
    recorder.event(object('api'), 'Normal', 'SuccessfulCreate', 'Created pod: api-0');
    expect(events()).toHaveLength(26);
    t.clock.advance(299_000);
    recorder.event(object('web'), 'Normal', 'SuccessfulCreate', 'Created pod: web-40');
    expect(events()).toHaveLength(26);
    t.clock.advance(1_000);
    recorder.event(object('web'), 'Normal', 'SuccessfulCreate', 'Created pod: web-41');
    expect(events().map((e) => e.message)).toContain('Created pod: web-41');
  });

  it('counts repeats the spam filter dropped once a later one gets through', () => {
    const { t, recorder, events } = setup();
    for (let i = 0; i < 30; i++) recorder.event(object('web'), 'Warning', 'BackOff', 'Back-off restarting failed container');
    expect(events().map((e) => e.count)).toEqual([25]);
    t.clock.advance(300_000);
    recorder.event(object('web'), 'Warning', 'BackOff', 'Back-off restarting failed container');
    expect(events().map((e) => e.count)).toEqual([31]);
  });

  it('combines the tenth distinct similar message and later ones into one Event, when asked to', () => {
    const { recorder, events } = setup({ aggregate: true });
    for (let i = 0; i < 15; i++) recorder.event(object('web'), 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
    const list = events();
    expect(list).toHaveLength(10);
    expect(list.slice(0, 9).map((e) => e.message)).toEqual(Array.from({ length: 9 }, (_, i) => `Created pod: web-${i}`));
    const combined = list.find((e) => e.message!.startsWith('(combined'))!;
    expect(combined.message).toBe('(combined from similar events): Created pod: web-14');
    expect(combined.count).toBe(6);
  });

  it('starts combining afresh after 10 quiet minutes', () => {
    const { t, recorder, events } = setup({ aggregate: true });
    for (let i = 0; i < 9; i++) recorder.event(object('web'), 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
    t.clock.advance(600_001);
    recorder.event(object('web'), 'Normal', 'SuccessfulCreate', 'Created pod: web-9');
    expect(events().every((e) => !e.message!.startsWith('(combined'))).toBe(true);
  });

  it('writes a fresh Event when the one it counted on is gone', () => {
    const { t, recorder, events } = setup();
    recorder.event(object('web'), 'Warning', 'FailedCreate', 'quota exceeded');
    const first = events()[0]!;
    t.api.store.delete(EVENTS, 'default', first.metadata!.name!);
    recorder.event(object('web'), 'Warning', 'FailedCreate', 'quota exceeded');
    expect(events().map((e) => e.count)).toEqual([1]);
    expect(events()[0]!.metadata!.name).not.toBe(first.metadata!.name);
  });

  it('remembers at most 4096 events: an old one seen again is written anew', () => {
    const { recorder, events } = setup();
    recorder.event(object('p0'), 'Normal', 'Scheduled', 'assigned');
    for (let i = 1; i <= 4096; i++) recorder.event(object(`p${i}`), 'Normal', 'Scheduled', 'assigned');
    recorder.event(object('p0'), 'Normal', 'Scheduled', 'assigned');
    const p0 = events().filter((e) => e.involvedObject.name === 'p0');
    expect(p0.map((e) => e.count)).toEqual([1, 1]);
  });
});
