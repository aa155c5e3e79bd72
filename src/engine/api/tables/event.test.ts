import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, eventPrinter } from './event';
import { at, rowContext, testClock } from './testkit';

const ctx = rowContext(100_000);

const event = (e: Partial<Event>): Event => ({
  metadata: { name: 'hello-7c97b7fcf5-wmwdw.17a0b1c2d3e4f5a6', namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'hello-7c97b7fcf5-wmwdw', namespace: 'default' },
  reason: 'Scheduled',
  type: 'Normal',
  message: 'Successfully assigned default/hello-7c97b7fcf5-wmwdw to minikube',
  ...e,
});

describe('event row', () => {
  it('prints the modern columns, wide ones included', () => {
    const e = event({ firstTimestamp: at(21_000), lastTimestamp: at(21_000), count: 1, source: { component: 'default-scheduler' } });
    expect(eventPrinter.cells(e, ctx)).toEqual([
      '79s',
      'Normal',
      'Scheduled',
      'pod/hello-7c97b7fcf5-wmwdw',
      '',
      'default-scheduler',
      'Successfully assigned default/hello-7c97b7fcf5-wmwdw to minikube',
      '79s',
      1,
      'hello-7c97b7fcf5-wmwdw.17a0b1c2d3e4f5a6',
    ]);
    expect(EVENT_COLUMNS.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
    expect(EVENT_COLUMNS.map((c) => c.name)).toEqual([
      'Last Seen',
      'Type',
      'Reason',
      'Object',
      'Subobject',
      'Source',
      'Message',
      'First Seen',
      'Count',
      'Name',
    ]);
  });

  it('names the source with its host, and the container as subobject', () => {
    const e = event({
      reason: 'Pulled',
      involvedObject: { kind: 'Pod', name: 'nginx', fieldPath: 'spec.containers{nginx}' },
      source: { component: 'kubelet', host: 'worker01' },
      message: '  Container image "nginx" already present on machine\n',
      firstTimestamp: at(40_000),
      lastTimestamp: at(90_000),
      count: 3,
    });
    const cells = eventPrinter.cells(e, ctx);
    expect(cells[0]).toBe('10s');
    expect(cells[4]).toBe('spec.containers{nginx}');
    expect(cells[5]).toBe('kubelet, worker01');
    expect(cells[6]).toBe('Container image "nginx" already present on machine');
    expect(cells[7]).toBe('60s');
    expect(cells[8]).toBe(3);
  });

  it('falls back to eventTime, series and reporting fields (events.k8s.io writers)', () => {
    const e = event({
      eventTime: testClock.microTimestamp(30_000),
      series: { count: 4, lastObservedTime: testClock.microTimestamp(95_000) },
      reportingComponent: 'kubelet',
      reportingInstance: 'worker02',
    });
    const cells = eventPrinter.cells(e, ctx);
    expect(cells[0]).toBe('5s');
    expect(cells[5]).toBe('kubelet, worker02');
    expect(cells[7]).toBe('70s');
    expect(cells[8]).toBe(4);
  });

  it('counts a singleton event once and prints <unknown> without times', () => {
    const cells = eventPrinter.cells(event({ involvedObject: { kind: 'Node' } }), ctx);
    expect(cells[0]).toBe('<unknown>');
    expect(cells[3]).toBe('node');
    expect(cells[8]).toBe(1);
  });
});
