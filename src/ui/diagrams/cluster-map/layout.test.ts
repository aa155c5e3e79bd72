// The cluster map's layout: which box each pod lands in, grouping in crowded boxes, Service lines, ownership.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { DeploymentView, EndpointsView, NodeView, PodView, ReplicaSetView, ServiceView } from '../../../worker/views';
import { CARD_H, CARD_W, GROUP_AT, layoutMap, NODE_W, SERVICE_H, type MapInput } from './layout';
import { podTone } from './tone';

const node = (name: string, internalIP: string, ready = true): NodeView => ({
  kind: 'Node', namespace: '', name, uid: `n-${name}`, createdAt: 0, ready, unschedulable: false, roles: [], internalIP, podCIDR: '',
});

const pod = (name: string, at: string, extra: Partial<PodView> = {}): PodView => ({
  kind: 'Pod', namespace: 'default', name, uid: `p-${name}`, createdAt: 0, node: at, phase: 'Running', status: 'Running', ready: 1, total: 1, restarts: 0,
  ip: '', labels: {}, terminating: false, containers: [], ...extra,
});

const rs = (name: string, deployment?: DeploymentView): ReplicaSetView => ({
  kind: 'ReplicaSet', namespace: 'default', name, uid: `rs-${name}`, createdAt: 0, desired: 1, current: 1, ready: 1, available: 1, revision: '1', images: [],
  owner: deployment && { kind: 'Deployment', name: deployment.name, uid: deployment.uid },
});

const deployment = (name: string): DeploymentView => ({
  kind: 'Deployment', namespace: 'default', name, uid: `d-${name}`, createdAt: 0, replicas: 1, current: 1, updated: 1, ready: 1, available: 1,
  strategy: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%', revision: '1', images: [],
});

const service = (name: string, namespace = 'default'): ServiceView => ({
  kind: 'Service', namespace, name, uid: `s-${name}`, createdAt: 0, type: 'ClusterIP', clusterIP: '10.96.0.9', ports: [{ port: 80, targetPort: '80', protocol: 'TCP' }], selector: {},
});

const endpoints = (name: string, addresses: EndpointsView['addresses']): EndpointsView => ({ kind: 'Endpoints', namespace: 'default', name, uid: `e-${name}`, createdAt: 0, addresses });

const input = (extra: Partial<MapInput>): MapInput => ({ nodes: [], pods: [], services: [], endpoints: [], deployments: [], replicaSets: [], namespace: 'default', ...extra });

describe('podTone', () => {
  test.each([
    { status: 'Pending', phase: 'Pending', ready: 0, want: 'pending' },
    { status: 'ContainerCreating', phase: 'Pending', ready: 0, want: 'pending' },
    { status: 'Init:0/1', phase: 'Pending', ready: 0, want: 'pending' },
    { status: 'Running', phase: 'Running', ready: 1, want: 'ready' },
    { status: 'Running', phase: 'Running', ready: 0, want: 'not-ready' },
    { status: 'NotReady', phase: 'Running', ready: 0, want: 'not-ready' },
    { status: 'CrashLoopBackOff', phase: 'Running', ready: 0, want: 'failed' },
    { status: 'Error', phase: 'Failed', ready: 0, want: 'failed' },
    { status: 'ImagePullBackOff', phase: 'Pending', ready: 0, want: 'failed' },
    { status: 'Init:CrashLoopBackOff', phase: 'Pending', ready: 0, want: 'failed' },
    { status: 'Completed', phase: 'Succeeded', ready: 0, want: 'succeeded' },
    { status: 'Terminating', phase: 'Running', ready: 1, want: 'terminating' },
  ])('$status ($phase, ready $ready/1) is $want', ({ status, phase, ready, want }) => {
    expect(podTone({ status, phase, ready, total: 1, terminating: status === 'Terminating' })).toBe(want);
  });
});

describe('layoutMap', () => {
  test('pods go into their node, two to a row (same age: by name); unscheduled ones into the waiting lane', () => {
    const layout = layoutMap(
      input({
        nodes: [node('worker02', '192.168.1.3'), node('worker01', '192.168.1.2')],
        pods: [pod('c', 'worker01'), pod('a', 'worker01'), pod('b', 'worker01'), pod('d', 'worker02'), pod('lost', '', { phase: 'Pending', status: 'Pending' })],
      }),
    );
    expect(layout.boxes.map((b) => [b.key, b.podCount])).toEqual([['worker01', 3], ['worker02', 1], ['', 1]]);
    const at = (name: string) => layout.cards.find((c) => c.pod.name === name)!;
    const [w1, w2, lane] = layout.boxes;
    expect(at('a').x).toBeLessThan(at('b').x);
    expect(at('a').y).toBe(at('b').y);
    expect(at('c').y).toBeGreaterThan(at('a').y);
    for (const [name, box] of [['a', w1], ['c', w1], ['d', w2], ['lost', lane]] as const) {
      expect(at(name).x).toBeGreaterThanOrEqual(box!.x);
      expect(at(name).x).toBeLessThan(box!.x + NODE_W);
      expect(at(name).y + CARD_H).toBeLessThanOrEqual(box!.y + box!.h);
    }
    expect(layout.width).toBeGreaterThanOrEqual(lane!.x + NODE_W);
  });

  test('oldest first: a new pod takes the next place, the cards before it stay where they were', () => {
    const nodes = [node('w', '1.1.1.1')];
    const before = layoutMap(input({ nodes, pods: [pod('zz-old', 'w', { createdAt: 1 }), pod('mm', 'w', { createdAt: 2 })] }));
    const after = layoutMap(input({ nodes, pods: [pod('zz-old', 'w', { createdAt: 1 }), pod('mm', 'w', { createdAt: 2 }), pod('aa-new', 'w', { createdAt: 3 })] }));
    const places = (layout: typeof before) => layout.cards.map((c) => [c.pod.name, c.x, c.y]);
    expect(places(after).slice(0, 2)).toEqual(places(before));
    expect(places(after)[2]![0]).toBe('aa-new');
  });

  test('the namespace filter: only that namespace, or all', () => {
    const pods = [pod('web', 'w'), pod('coredns', 'w', { namespace: 'kube-system' })];
    const names = (namespace: string) => layoutMap(input({ nodes: [node('w', '1.1.1.1')], pods, namespace })).cards.map((c) => c.pod.name);
    expect(names('default')).toEqual(['web']);
    expect(names('kube-system')).toEqual(['coredns']);
    expect(names('')).toEqual(['web', 'coredns']); // by namespace, then name
  });

  test('a crowded node shows counts per owner and colour instead of cards', () => {
    const owner = { kind: 'ReplicaSet', name: 'big-1', uid: 'rs-big-1' };
    const pods = Array.from({ length: GROUP_AT + 10 }, (_, i) => pod(`big-${i}`, 'w', { owner, ...(i < 10 ? { status: 'ContainerCreating', ready: 0 } : {}) }));
    const layout = layoutMap(input({ nodes: [node('w', '1.1.1.1')], pods: [...pods, pod('alone', 'w')] }));
    expect(layout.cards).toEqual([]);
    expect(layout.groups.map((g) => [g.owner, g.tone, g.count])).toEqual([
      ['', 'ready', 1],
      ['big-1', 'ready', GROUP_AT],
      ['big-1', 'pending', 10],
    ]);
  });

  test('Service lines: one per endpoint pod, dashed when not ready; the apiserver endpoint goes to its node', () => {
    const layout = layoutMap(
      input({
        nodes: [node('master01', '192.168.1.1'), node('w', '192.168.1.2')],
        pods: [pod('web-1', 'w'), pod('web-2', 'w', { ready: 0 })],
        services: [service('web'), service('kubernetes')],
        endpoints: [
          endpoints('web', [
            { ip: '10.244.1.2', pod: 'web-1', node: 'w', ready: true },
            { ip: '10.244.1.3', pod: 'web-2', node: 'w', ready: false },
          ]),
          endpoints('kubernetes', [{ ip: '192.168.1.1', pod: '', node: '', ready: true }]),
        ],
      }),
    );
    const card = (name: string) => layout.cards.find((c) => c.pod.name === name)!;
    const box = (name: string) => layout.services.find((s) => s.service.name === name)!;
    const lines = layout.links.map((l) => ({ fromY: l.from.y, to: l.to, ready: l.ready }));
    expect(lines).toContainEqual({ fromY: box('web').y + 17, to: { x: card('web-1').x, y: card('web-1').y + CARD_H / 2 }, ready: true });
    expect(lines).toContainEqual({ fromY: box('web').y + 17, to: { x: card('web-2').x, y: card('web-2').y + CARD_H / 2 }, ready: false });
    const master = layout.boxes.find((b) => b.key === 'master01')!;
    expect(lines).toContainEqual({ fromY: box('kubernetes').y + 17, to: { x: master.x, y: master.y + 20 }, ready: true });
    expect(layout.links).toHaveLength(3);
  });

  test('stacked (a lesson’s narrow panel): one column, Services on top, then the nodes one under another; lines bend through the left margin', () => {
    const cluster = input({
      nodes: [node('worker02', '192.168.1.3'), node('master01', '192.168.1.1'), node('worker01', '192.168.1.2')],
      pods: [pod('web-1', 'worker01'), pod('web-2', 'worker02'), pod('web-3', 'worker02'), pod('web-4', 'worker02'), pod('waiting', '')],
      services: [service('web')],
      endpoints: [endpoints('web', [{ ip: '10.244.1.2', pod: 'web-1', node: 'worker01', ready: true }])],
    });
    const wide = layoutMap(cluster);
    const layout = layoutMap({ ...cluster, stacked: true });
    expect(layout.width).toBeLessThan(NODE_W + 60);
    expect(layout.width).toBeLessThan(wide.width / 3);
    expect(layout.boxes.map((b) => b.key)).toEqual(['master01', 'worker01', 'worker02', '']);
    const web = layout.services[0]!;
    for (const [above, below] of layout.boxes.slice(0, -1).map((b, i) => [b, layout.boxes[i + 1]!] as const)) {
      expect(above.x).toBe(web.x);
      expect(above.y).toBeGreaterThanOrEqual(web.y + SERVICE_H);
      expect(below.y).toBeGreaterThan(above.y + above.h);
    }
    // Every card inside its box, inside the drawing.
    for (const card of layout.cards) {
      const box = layout.boxes.find((b) => b.key === card.pod.node)!;
      expect(card.y).toBeGreaterThan(box.y);
      expect(card.y + CARD_H).toBeLessThanOrEqual(box.y + box.h);
      expect(card.x + CARD_W).toBeLessThanOrEqual(layout.width);
    }
    expect(layout.height).toBeGreaterThan(layout.boxes.at(-1)!.y + layout.boxes.at(-1)!.h);
    // The line leaves the Service's left edge for web-1's card; its curve stays inside the drawing.
    const [line] = layout.links;
    const card = layout.cards.find((c) => c.pod.name === 'web-1')!;
    expect(line).toMatchObject({ from: { x: web.x, y: web.y + SERVICE_H / 2 }, to: { x: card.x, y: card.y + CARD_H / 2 } });
    for (const point of line!.via) expect(point.x).toBeGreaterThan(0);
    expect(Math.max(...line!.via.map((p) => p.x))).toBeLessThan(web.x);
  });

  test('Deployment → ReplicaSet → Pod: each row knows its pods; a Deployment its ReplicaSets’ pods', () => {
    const web = deployment('web');
    const [old, current] = [rs('web-old', web), rs('web-new', web)];
    const owned = (r: ReplicaSetView) => ({ kind: 'ReplicaSet', name: r.name, uid: r.uid });
    const layout = layoutMap(
      input({
        nodes: [node('w', '1.1.1.1')],
        deployments: [web],
        replicaSets: [current, old, rs('lonely')],
        pods: [pod('web-new-a', 'w', { owner: owned(current) }), pod('web-old-a', 'w', { owner: owned(old) }), pod('solo', 'w')],
      }),
    );
    expect(layout.workloads.map((w) => [w.view.kind, w.view.name, w.depth, w.podKeys])).toEqual([
      ['Deployment', 'web', 0, ['default/web-new-a', 'default/web-old-a']],
      ['ReplicaSet', 'web-new', 1, ['default/web-new-a']],
      ['ReplicaSet', 'web-old', 1, ['default/web-old-a']],
      ['ReplicaSet', 'lonely', 0, []],
    ]);
  });

  test('property: every shown pod is drawn exactly once, as a card or in a group, inside its box', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('w1', 'w2', ''), fc.constantFrom('Running', 'Pending', 'Error')), { maxLength: 500 }), fc.boolean(), (specs, stacked) => {
        const pods = specs.map(([at, status], i) => pod(`p${i}`, at, { status, owner: { kind: 'ReplicaSet', name: `rs${i % 3}`, uid: `u${i % 3}` } }));
        const layout = layoutMap(input({ nodes: [node('w1', '1.1.1.1'), node('w2', '1.1.1.2')], pods, stacked }));
        const drawn = [...layout.cards.map((c) => c.key), ...layout.groups.flatMap((g) => g.podKeys)];
        expect(drawn.sort()).toEqual(pods.map((p) => `default/${p.name}`).sort());
        for (const card of layout.cards) {
          const box = layout.boxes.find((b) => b.key === card.pod.node)!;
          expect(card.y).toBeGreaterThan(box.y);
          expect(card.y + CARD_H).toBeLessThanOrEqual(box.y + box.h);
        }
        // No two boxes overlap, side by side or stacked.
        for (const a of layout.boxes) for (const b of layout.boxes) if (a !== b) expect(a.x + NODE_W <= b.x || b.x + NODE_W <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
