import { describe, expect, it } from 'vitest';
import { resourceFor } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import { DependencyGraph } from './graph';

const RS = resourceFor('apps', 'replicasets')!;
const PODS = resourceFor('', 'pods')!;
const rs = (extra: Partial<NonNullable<KubeObject['metadata']>> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'default', uid: 'rs1', ...extra },
});
const pod = (name: string, owners = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs1', controller: true, blockOwnerDeletion: true }]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `pod-${name}`, ownerReferences: owners },
});

describe('DependencyGraph', () => {
  it('links dependents to owners, creating a virtual owner until it is observed', () => {
    const g = new DependencyGraph();
    g.observe(PODS, pod('a'));
    expect(g.get('rs1')).toMatchObject({ virtual: true, name: 'web', namespace: 'default', resource: RS });
    const seen = g.observe(RS, rs())!;
    expect(seen.added).toBe(true);
    expect(g.get('rs1')!.virtual).toBe(false);
    g.observe(PODS, pod('b'));
    expect(g.dependentsOf('rs1').map((n) => n.name).sort()).toEqual(['a', 'b']);
    expect(g.blockingDependentsOf('rs1')).toHaveLength(2);
  });

  it('nodes without dependents share one read-only empty set; the last dependent leaving restores it', () => {
    const g = new DependencyGraph();
    g.observe(RS, rs());
    const empty = g.get('rs1')!.dependents;
    expect(g.observe(PODS, pod('a'))!.node.dependents).toBe(empty);
    expect(() => (empty as Set<string>).add('x')).toThrow();
    expect([...g.get('rs1')!.dependents]).toEqual(['pod-a']);
    g.remove('pod-a');
    expect(g.get('rs1')!.dependents).toBe(empty);
    expect(empty.size).toBe(0);
  });

  it('notices foreground and orphan deletion starting', () => {
    const g = new DependencyGraph();
    g.observe(RS, rs());
    expect(g.observe(RS, rs({ deletionTimestamp: 'T', finalizers: ['foregroundDeletion'] }))!.startedDeletingDependents).toBe(true);
    expect(g.observe(RS, rs({ deletionTimestamp: 'T', finalizers: ['foregroundDeletion'] }))!.startedDeletingDependents).toBe(false);
    const h = new DependencyGraph();
    expect(h.observe(RS, rs({ deletionTimestamp: 'T', finalizers: ['orphan'] }))!.startedOrphaning).toBe(true);
  });

  it('unlinks removed references and drops virtual owners nobody points at', () => {
    const g = new DependencyGraph();
    g.observe(PODS, pod('a'));
    const obs = g.observe(PODS, pod('a', []))!;
    expect(obs.ownersChanged).toBe(true);
    expect(obs.removedOwners).toEqual(['rs1']);
    expect(g.get('rs1')).toBeUndefined();
  });

  it('a removed owner with dependents stays as a virtual node', () => {
    const g = new DependencyGraph();
    g.observe(RS, rs());
    g.observe(PODS, pod('a'));
    const removed = g.remove('rs1')!;
    expect([...removed.dependents]).toEqual(['pod-a']);
    expect(g.get('rs1')!.virtual).toBe(true);
    g.remove('pod-a');
    expect(g.get('rs1')).toBeUndefined();
    expect(g.size).toBe(0);
  });

  it('ignores owners of kinds the cluster does not serve', () => {
    const g = new DependencyGraph();
    g.observe(PODS, pod('a', [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'w1', controller: true, blockOwnerDeletion: true }]));
    expect(g.get('w1')).toBeUndefined();
  });
});
