import { describe, expect, it } from 'vitest';
import { resourceFor } from '../engine/api/resources';
import { Cluster } from '../engine/cluster/cluster';
import { takeSnapshot } from '../engine/cluster/snapshot';
import { openSession } from '../userland/session';
import { SnapshotTaker, startCluster } from './snapshot';
import { packSnapshot, unpackSnapshot } from './packed-snapshot';

const NAMESPACES = resourceFor('', 'namespaces')!;

describe('the worker starting from a saved cluster', () => {
  const fresh = { seed: 1, workers: 1, epochMs: Date.UTC(2026, 0, 5) };
  const original = Cluster.create(fresh);
  original.client().create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'saved' } });
  const hasSavedNamespace = (c: Cluster): boolean => c.client().get(NAMESPACES, undefined, 'saved').ok;

  it('starts fresh when nothing was saved, without a notice', () => {
    const started = startCluster(fresh, undefined);
    expect(started).toMatchObject({ restored: false });
    expect('unreadable' in started).toBe(false);
  });

  it('restores a valid snapshot', () => {
    const started = startCluster(fresh, JSON.parse(JSON.stringify(takeSnapshot(original))));
    expect(started.restored).toBe(true);
    expect(hasSavedNamespace(started.cluster)).toBe(true);
  });

  it('restores a packed snapshot (what autosave stores now), and still one saved as an object', () => {
    const packed = packSnapshot(takeSnapshot(original));
    expect(packed).toBeInstanceOf(ArrayBuffer);
    expect(unpackSnapshot(packed)).toEqual(JSON.parse(JSON.stringify(takeSnapshot(original))));
    expect(hasSavedNamespace(startCluster(fresh, packed).cluster)).toBe(true);
  });

  it('starts fresh and says why when packed bytes are not a snapshot', () => {
    const damaged = new TextEncoder().encode('{"format": "kubeplay-snap').buffer;
    expect(unpackSnapshot(damaged)).toBe('{"format": "kubeplay-snap');
    expect(startCluster(fresh, damaged)).toMatchObject({ restored: false, unreadable: { code: 'not-a-snapshot' } });
  });

  it('starts fresh and says why when the save cannot be read', () => {
    const started = startCluster(fresh, 'garbage');
    expect(started).toMatchObject({ restored: false, unreadable: { code: 'not-a-snapshot', format: 'kubeplay-snapshot' } });
    expect(hasSavedNamespace(started.cluster)).toBe(false);
  });

  it('takes a new snapshot only when the store or the page moved', () => {
    const taker = new SnapshotTaker();
    expect(taker.take(original, 5, true)).toBeDefined();
    expect(taker.take(original, 5, true)).toBeUndefined();
    expect(taker.take(original, 5, false)).toBeDefined();
    expect(taker.take(original, 6, true)).toBeDefined();
    original.clock.advance(60_000); // heartbeats and leases write to the store
    expect(taker.take(original, 6, true)).toBeDefined();
  });

  it("keeps what was typed in a terminal: after the restore, Up-arrow in a new login shows it", () => {
    const started = startCluster(fresh, undefined).cluster;
    const typing = openSession(started);
    typing.type('kubectl get nodes\r');
    started.clock.advance(2_000);
    const snapshot = JSON.parse(JSON.stringify(new SnapshotTaker().take(started, 1, true))) as unknown;
    expect(typing.exited).toBeUndefined();

    const restored = startCluster(fresh, snapshot).cluster;
    restored.clock.advance(1_000);
    const after = openSession(restored);
    let screen = '';
    after.onOutput((ansi) => (screen += ansi));
    restored.clock.advance(1_000);
    screen = '';
    after.type('\x1b[A');
    restored.clock.advance(100);
    expect(screen).toBe('kubectl get nodes');
  });
});
