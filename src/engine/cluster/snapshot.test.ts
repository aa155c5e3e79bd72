import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event as CoreEvent, Node, Pod, Service } from 'kubernetes-types/core/v1';
import { resourceFor } from '../api/resources';
import type { KubeObject } from '../api/types';
import { Learner } from '../tutorial/testkit';
import type { Cluster } from './cluster';
import { restoreCluster, takeSnapshot, type ClusterSnapshot } from './snapshot';
import { validateSnapshot, type SnapshotProblem } from './snapshot-validate';

/** A snapshot as a file carries it: JSON text, parsed and validated again. */
function throughFile(snapshot: ClusterSnapshot): ClusterSnapshot {
  const validated = validateSnapshot(JSON.parse(JSON.stringify(snapshot)));
  if (!validated.ok) throw new Error(JSON.stringify(validated.problem));
  return validated.snapshot;
}

/** Every object of a kind, in every namespace. */
function all<T extends KubeObject>(cluster: Cluster, plural: string, group = ''): T[] {
  const list = cluster.client().list<T>(resourceFor(group, plural)!, {});
  if (!list.ok) throw new Error(list.status.message);
  return list.value.items;
}

const identity = (o: { metadata?: { name?: string; uid?: string; creationTimestamp?: string } }): string =>
  `${o.metadata?.name} ${o.metadata?.uid} ${o.metadata?.creationTimestamp}`;

describe('a cluster saved and restored, as after a power cut', () => {
  const before = new Learner(7);
  before.onNode('master01', 'kubectl create deployment web --image=nginx --replicas=2 && kubectl expose deployment web --port=80 && echo hello > /root/note.txt');
  before.cluster.clock.runUntilQuiet(600_000);
  const snapshot = takeSnapshot(before.cluster);
  const after = new Learner(restoreCluster(throughFile(snapshot)));

  it('keeps every stored object as it was (uids, creation times) and goes on from its time and version', () => {
    for (const [plural, group] of [['deployments', 'apps'], ['replicasets', 'apps'], ['services', ''], ['pods', ''], ['nodes', ''], ['namespaces', '']] as const) {
      expect(all(after.cluster, plural, group).map(identity), plural).toEqual(all(before.cluster, plural, group).map(identity));
    }
    expect(after.now).toBeGreaterThan(snapshot.simTimeMs);
    expect(after.cluster.api.store.resourceVersion).toBeGreaterThan(snapshot.resourceVersion);
  });

  it('runs the same pods again in new containers, and the Service answers', () => {
    const pods = after.list<Pod>('pods', 'app=web');
    expect(pods.map((p) => [p.metadata?.name, p.status?.phase, p.status?.containerStatuses?.[0]?.ready])).toEqual(
      before.list<Pod>('pods', 'app=web').map((p) => [p.metadata?.name, 'Running', true]),
    );
    const oldIds = before.list<Pod>('pods', 'app=web').map((p) => p.status?.containerStatuses?.[0]?.containerID);
    for (const pod of pods) expect(oldIds).not.toContain(pod.status?.containerStatuses?.[0]?.containerID);
    const ip = after.get<Service>('services', 'web').spec!.clusterIP!;
    const curl = after.onNode('master01', `curl -s ${ip}`);
    expect(curl.code).toBe(0);
    expect(curl.output).toContain('<title>Welcome to nginx!</title>');
  });

  it('brings the containers back as a node reboot does: restartCount + 1, lastState terminated with Unknown and 255', () => {
    const containers = (learner: Learner) => learner.list<Pod>('pods', 'app=web').map((p) => p.status!.containerStatuses![0]!);
    const [first, second] = [containers(before), containers(after)];
    expect(first.map((c) => c.restartCount)).toEqual([0, 0]);
    expect(second.map((c) => [c.restartCount, c.state?.running !== undefined, c.lastState?.terminated?.exitCode, c.lastState?.terminated?.reason])).toEqual([
      [1, true, 255, 'Unknown'],
      [1, true, 255, 'Unknown'],
    ]);
    // The lost run: its container, and when it started; it finished as the node came back.
    expect(second.map((c) => [c.lastState?.terminated?.containerID, c.lastState?.terminated?.startedAt])).toEqual(first.map((c) => [c.containerID, c.state?.running?.startedAt]));
    const finished = second.map((c) => after.cluster.clock.toSim(c.lastState!.terminated!.finishedAt!));
    for (const at of finished) expect(at).toBeGreaterThanOrEqual(Math.floor(snapshot.simTimeMs / 1000) * 1000);
    const pod = after.list<Pod>('pods', 'app=web')[0]!.metadata!.name!;
    const describe = after.onNode('master01', `kubectl describe pod ${pod}`).output;
    expect(describe).toMatch(/Last State: +Terminated\n +Reason: +Unknown\n +Exit Code: +255\n/);
    expect(describe).toMatch(/Restart Count: +1\n/);
    expect(describe).toMatch(/Normal +SandboxChanged +\S+ +kubelet +Pod sandbox changed, it will be killed and re-created\.\n/);
  });

  it('each kubelet says its node was rebooted, with the new boot id', () => {
    const nodes = all<Node>(after.cluster, 'nodes');
    const bootIDs = (cluster: Cluster) => all<Node>(cluster, 'nodes').map((n) => n.status!.nodeInfo!.bootID);
    expect(bootIDs(after.cluster).every((id, i) => id !== bootIDs(before.cluster)[i])).toBe(true);
    const rebooted = all<CoreEvent>(after.cluster, 'events').filter((e) => e.reason === 'Rebooted');
    expect(rebooted.map((e) => [e.type, e.involvedObject.name, e.source?.component, e.message])).toEqual(
      nodes.map((n) => ['Warning', n.metadata!.name, 'kubelet', `Node ${n.metadata!.name} has been rebooted, boot id: ${n.status!.nodeInfo!.bootID}`]),
    );
    expect(all<CoreEvent>(before.cluster, 'events').some((e) => e.reason === 'Rebooted')).toBe(false);
  });

  it("keeps master01's files and kubectl access", () => {
    expect(after.onNode('master01', 'cat /root/note.txt; kubectl get deploy web --no-headers | awk \'{print $1, $2}\'')).toEqual({ output: 'hello\nweb 2/2\n', code: 0 });
  });

  it('a new write after the restore takes a fresh name', () => {
    const run = after.onNode('master01', 'kubectl scale deployment web --replicas=3 >/dev/null && sleep 30; kubectl get pods -l app=web --no-headers | wc -l');
    expect(run.output.trim()).toBe('3');
  });

  it('restoring the same snapshot twice gives the same cluster', () => {
    const a = takeSnapshot(restoreCluster(throughFile(snapshot)));
    const b = takeSnapshot(restoreCluster(throughFile(snapshot)));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  describe('validateSnapshot', () => {
    const good = (): Record<string, unknown> => JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;
    // The cases break the snapshot's types on purpose, deep inside it.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const withChange = (change: (s: Record<string, any>) => void): unknown => {
      const s = good();
      change(s);
      return s;
    };
    const podIndex = snapshot.objects.findIndex((o) => o.plural === 'pods' && o.object.metadata?.labels?.app === 'web');
    const podName = snapshot.objects[podIndex]!.object.metadata!.name!;

    it('accepts a snapshot it took', () => {
      expect(validateSnapshot(good())).toMatchObject({ ok: true });
    });

    const pod = { resource: 'pods', namespace: 'default', name: podName };
    const entries = snapshot.nodes[0]!.disk.entries.length;

    it.each<[string, unknown, SnapshotProblem]>([
      ['not JSON of ours', { hello: 'world' }, { code: 'not-a-snapshot', format: 'kubeplay-snapshot' }],
      ['an array', [], { code: 'not-a-snapshot', format: 'kubeplay-snapshot' }],
      ['a newer version', withChange((s) => (s.version = 2)), { code: 'newer-version', version: 2, readable: 1 }],
      ['an older version', withChange((s) => (s.version = 0)), { code: 'older-version', version: 0 }],
      ['a missing field', withChange((s) => delete s.resourceVersion), { code: 'field-missing', field: 'resourceVersion' }],
      ['a wrong type', withChange((s) => (s.seed = '7')), { code: 'field-type', field: 'seed', expected: 'number', actual: 'text' }],
      ['a fraction', withChange((s) => (s.workers = 1.5)), { code: 'field-range', field: 'workers', min: 0, max: 1000, value: 1.5 }],
      ['a negative time', withChange((s) => (s.simTimeMs = -1)), { code: 'field-negative', field: 'simTimeMs' }],
      ['objects that are no list', withChange((s) => (s.objects = {})), { code: 'field-type', field: 'objects', expected: 'list', actual: 'object' }],
      ['an unknown kind', withChange((s) => (s.objects[0].plural = 'widgets')), { code: 'unknown-resource', field: 'objects[0]', resource: 'widgets' }],
      ['an object without a name', withChange((s) => delete s.objects[podIndex].object.metadata.name), { code: 'object-unnamed', field: `objects[${podIndex}].object` }],
      [
        'a pod the apiserver would refuse',
        withChange((s) => (s.objects[podIndex].object.spec.containers[0].image = '')),
        { code: 'object-refused', object: pod, message: `Pod "${podName}" is invalid: spec.containers[0].image: Required value` },
      ],
      [
        'a field of the wrong type inside an object',
        withChange((s) => (s.objects[podIndex].object.spec.containers = 'nginx')),
        {
          code: 'object-refused',
          object: pod,
          message: 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
        },
      ],
      ['a pod without a namespace', withChange((s) => delete s.objects[podIndex].object.metadata.namespace), { code: 'object-namespace', object: { resource: 'pods', name: podName }, namespaced: true }],
      ['a pod without a uid', withChange((s) => delete s.objects[podIndex].object.metadata.uid), { code: 'object-no-uid', object: pod }],
      ['an object twice', withChange((s) => s.objects.push(s.objects[podIndex])), { code: 'object-twice', object: pod }],
      ['a version past the store', withChange((s) => (s.objects[podIndex].object.metadata.resourceVersion = String(snapshot.resourceVersion + 1))), { code: 'object-resource-version', object: pod, max: snapshot.resourceVersion }],
      [
        'a path that climbs out',
        withChange((s) => s.nodes[0].disk.entries.push({ path: '/root/../etc/x', type: 'file', mode: 420, uid: 0, gid: 0, mtime: 0, data: '' })),
        { code: 'path-not-plain', field: `nodes[0].disk.entries[${entries}].path`, path: '/root/../etc/x' },
      ],
      [
        'a file of no known type',
        withChange((s) => s.nodes[0].disk.entries.push({ path: '/root/x', type: 'fifo', mode: 420, uid: 0, gid: 0, mtime: 0 })),
        { code: 'field-choice', field: `nodes[0].disk.entries[${entries}].type`, choices: ['file', 'dir', 'symlink'], value: 'fifo' },
      ],
      ['nodes of another cluster', withChange((s) => (s.workers = 3)), { code: 'nodes-mismatch', found: ['master01', 'worker01', 'worker02'], expected: ['master01', 'worker01', 'worker02', 'worker03'] }],
      ['a __proto__ key', JSON.parse(JSON.stringify(snapshot).replace('"metadata":{', '"metadata":{"__proto__":{"polluted":true},')), { code: 'proto-key', field: 'objects[0].object.metadata' }],
    ])('refuses %s, and says why', (_, input, problem) => {
      expect(validateSnapshot(input)).toEqual({ ok: false, problem });
    });

    it('never throws, whatever part of a good snapshot is replaced (property)', () => {
      const paths = ['version', 'seed', 'workers', 'epochMs', 'simTimeMs', 'objects', `objects.${podIndex}`, `objects.${podIndex}.object.metadata`, `objects.${podIndex}.object.spec`, 'nodes', 'nodes.0.disk', 'nodes.0.images'];
      fc.assert(
        fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
          const s = good();
          const keys = path.split('.');
          let at: Record<string, unknown> = s;
          for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
          at[keys[keys.length - 1]!] = value;
          const result = validateSnapshot(s);
          // A problem names a place in the snapshot or an object in it, never nothing.
          if (!result.ok) expect(JSON.stringify(result.problem)).toMatch(/"(field|object|version|format|found)":/);
        }),
        { numRuns: 200 },
      );
    });
  });
});
