import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { RESOURCES, resourceFor } from '../resources';
import { buildTable } from './index';
import { at, testClock } from './testkit';

const pods = resourceFor('', 'pods')!;
const nginx: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default', labels: { run: 'nginx' }, creationTimestamp: at(0) },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }], nodeName: 'worker01' },
  status: {
    phase: 'Running',
    podIPs: [{ ip: '10.244.1.2' }],
    containerStatuses: [{ name: 'nginx', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: {} } }],
  },
};

describe('buildTable', () => {
  it('returns a meta.k8s.io/v1 Table with every column, wide included', () => {
    const table = buildTable(pods, [nginx], { now: 10_000, clock: testClock, resourceVersion: '42' });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '42' });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(table.columnDefinitions[0]).toMatchObject({ type: 'string', format: 'name', priority: 0 });
    expect(table.rows[0]!.cells).toEqual(['nginx', '1/1', 'Running', '0', '10s', '10.244.1.2', 'worker01', '<none>', '<none>']);
  });

  it('attaches partial metadata by default, the object or nothing on request', () => {
    const byDefault = buildTable(pods, [nginx], { now: 0, clock: testClock }).rows[0]!.object;
    expect(byDefault).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: nginx.metadata });
    expect(buildTable(pods, [nginx], { now: 0, clock: testClock, includeObject: 'Object' }).rows[0]!.object).toBe(nginx);
    expect(buildTable(pods, [nginx], { now: 0, clock: testClock, includeObject: 'None' }).rows[0]).not.toHaveProperty('object');
  });

  it('drops the column definitions for watch events after the first', () => {
    const table = buildTable(pods, [nginx], { now: 0, clock: testClock, noHeaders: true });
    expect(table.columnDefinitions).toEqual([]);
    expect(table.rows[0]!.cells).toHaveLength(9);
  });

  it('builds an empty table with its header definitions', () => {
    const table = buildTable(resourceFor('apps', 'deployments')!, [], { now: 0, clock: testClock });
    expect(table.rows).toEqual([]);
    expect(table.columnDefinitions.map((c) => c.name)).toContain('Up-to-date');
    expect(table.metadata).toEqual({});
  });

  it.each(RESOURCES.map((r) => [r.group ? `${r.plural}.${r.group}` : r.plural, r] as const))(
    '%s: one cell per column, even for a bare object',
    (_, resource) => {
      const bare = { apiVersion: resource.version, kind: resource.kind, metadata: { name: 'x', creationTimestamp: at(0) } };
      const table = buildTable(resource, [bare], { now: 1_000, clock: testClock });
      expect(table.rows[0]!.cells).toHaveLength(table.columnDefinitions.length);
      expect(table.columnDefinitions[0]!.name === 'Name' || resource.kind === 'Event').toBe(true);
      for (const c of table.columnDefinitions) expect([0, 1]).toContain(c.priority);
    },
  );

  it('prints NAME / CREATED AT for kinds without a printer (Role, ClusterRole, LimitRange)', () => {
    for (const [group, plural] of [
      ['rbac.authorization.k8s.io', 'roles'],
      ['rbac.authorization.k8s.io', 'clusterroles'],
      ['', 'limitranges'],
    ] as const) {
      const table = buildTable(resourceFor(group, plural)!, [{ metadata: { name: 'r', creationTimestamp: at(0) } }], { now: 0, clock: testClock });
      expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Created At']);
      expect(table.rows[0]!.cells).toEqual(['r', '2026-01-05T09:00:00Z']);
    }
  });

  // Correctness at benchmark scale (the benchmark itself lives in bench/): ten thousand rows, each
  // with its own age and status.
  it('builds ten thousand pod rows', () => {
    const many: Pod[] = [];
    for (let i = 0; i < 10_000; i++) {
      many.push({
        ...nginx,
        metadata: { ...nginx.metadata, name: `nginx-${i}`, creationTimestamp: at(i * 1000) },
        status: i % 2 === 0 ? nginx.status : { phase: 'Pending', containerStatuses: [{ name: 'nginx', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] },
      });
    }
    const table = buildTable(pods, many, { now: 10_000_000, clock: testClock });
    expect(table.rows).toHaveLength(10_000);
    expect(table.rows[0]!.cells.slice(0, 5)).toEqual(['nginx-0', '1/1', 'Running', '0', '166m']);
    expect(table.rows[9_999]!.cells.slice(0, 5)).toEqual(['nginx-9999', '0/1', 'ContainerCreating', '0', '1s']);
  });
});
