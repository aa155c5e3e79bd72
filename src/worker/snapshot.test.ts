import { describe, expect, it } from 'vitest';
import { resourceFor } from '../engine/api/resources';
import { Cluster } from '../engine/cluster/cluster';
import { takeSnapshot } from '../engine/cluster/snapshot';
import { openSession } from '../userland/session';
import { SnapshotTaker, startCluster } from './snapshot';
import { SnapshotPacker, unpackSnapshot } from './packed-snapshot';

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
    const packed = new SnapshotPacker().pack(takeSnapshot(original));
    expect(packed).toBeInstanceOf(ArrayBuffer);
    expect(unpackSnapshot(packed)).toEqual(JSON.parse(JSON.stringify(takeSnapshot(original))));
    expect(hasSavedNamespace(startCluster(fresh, packed).cluster)).toBe(true);
  });

  it('packs each later snapshot as it is now, byte for byte its JSON, though it reuses what it packed before', () => {
    const cluster = Cluster.create(fresh);
    const client = cluster.client();
    const packer = new SnapshotPacker();
    const packsAsJson = (): void => {
      const snapshot = takeSnapshot(cluster);
      expect(new TextDecoder().decode(packer.pack(snapshot))).toBe(JSON.stringify(snapshot));
    };
    packsAsJson();
    // Between two packs: an object added, one changed, one deleted, and time moving on.
    client.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'added' } });
    client.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    const stored = client.get<{ metadata: { labels?: Record<string, string> } }>(NAMESPACES, undefined, 'added');
    if (!stored.ok) throw new Error('no namespace');
    client.update(NAMESPACES, { ...stored.value, metadata: { ...stored.value.metadata, labels: { changed: 'yes' } } });
    client.delete(NAMESPACES, undefined, 'gone');
    cluster.clock.advance(30_000);
    packsAsJson();
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
