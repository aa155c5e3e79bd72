import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { endpointChain, serviceChains } from '../engine/network/kube-proxy/chain-names';
import type { TrafficEvent } from '../engine/runtime/process';
import { Learner } from '../engine/tutorial/testkit';
import { MAX_EVENTS_PER_FRAME, TrafficStream, type TrafficSource } from './traffic';

/** A network stand-in that counts its observers and can emit echo events. */
function fakeNetwork() {
  const listeners = new Set<(event: TrafficEvent) => void>();
  const source: TrafficSource = {
    observe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (n: number) => {
    for (let i = 0; i < n; i++) for (const l of listeners) l({ kind: 'echo', at: i, from: { netns: 'master01', ip: '192.168.1.130', port: 0 }, to: '10.244.1.2', replied: true });
  };
  return { source, emit, observers: () => listeners.size };
}

describe('TrafficStream', () => {
  it.each([
    { emitted: 0, sent: undefined, dropped: undefined },
    { emitted: 1, sent: 1, dropped: 0 },
    { emitted: MAX_EVENTS_PER_FRAME, sent: MAX_EVENTS_PER_FRAME, dropped: 0 },
    { emitted: MAX_EVENTS_PER_FRAME + 1, sent: MAX_EVENTS_PER_FRAME, dropped: 1 },
    { emitted: 500, sent: MAX_EVENTS_PER_FRAME, dropped: 500 - MAX_EVENTS_PER_FRAME },
  ])('a frame of $emitted events sends $sent and counts $dropped', ({ emitted, sent, dropped }) => {
    const net = fakeNetwork();
    const stream = new TrafficStream(net.source);
    stream.show(true);
    net.emit(emitted);
    const batch = stream.take();
    expect(batch?.events.length).toBe(sent);
    expect(batch?.dropped).toBe(dropped);
    expect(stream.take()).toBeUndefined();
  });

  it('observes only while shown, and forgets what hiding left unsent', () => {
    const net = fakeNetwork();
    const stream = new TrafficStream(net.source);
    net.emit(3);
    expect(stream.take()).toBeUndefined();
    stream.show(true);
    stream.show(true);
    expect(net.observers()).toBe(1);
    net.emit(2);
    stream.show(false);
    expect(net.observers()).toBe(0);
    expect(stream.take()).toBeUndefined();
  });
});

describe('on a whole cluster', () => {
  it('curl <cluster-ip> from master01 arrives as a connect through the Service rules to an endpoint', () => {
    const l = new Learner();
    l.onNode('master01', 'kubectl create deployment web --image=nginx --replicas=2 && kubectl expose deployment web --port=80');
    l.waitFor('two web endpoints', () => (l.get<Endpoints>('endpoints', 'web').subsets?.[0]?.addresses?.length ?? 0) === 2);
    const ip = l.get<Service>('services', 'web').spec!.clusterIP!;
    const stream = new TrafficStream(l.cluster.network);
    stream.show(true);
    expect(l.onNode('master01', `curl -s ${ip}`).output).toContain('Welcome to nginx!');
    const events = stream.take()!.events;
    stream.show(false);
    const connect = events.find((e) => e.kind === 'connect');
    expect(connect).toMatchObject({ kind: 'connect', protocol: 'tcp', from: { netns: 'master01' }, to: { ip, port: 80 }, service: 'default/web', outcome: 'delivered' });
    if (connect?.kind !== 'connect') return;
    expect(connect.endpoint?.netns).toMatch(/^default\/web-[a-z0-9]+-[a-z0-9]{5}$/);
    const port = { namespace: 'default', name: 'web', port: '' };
    const endpoint = `${connect.endpoint!.ip}:${connect.endpoint!.port}`;
    // The chains kube-proxy wrote, as iptables names them, in the order the packet entered them.
    const path = connect.chains!.filter((c) => !c.startsWith('KUBE-MARK-'));
    expect(path).toEqual(['KUBE-SERVICES', serviceChains(port, 'TCP').svc, endpointChain(port, 'TCP', endpoint)]);
    expect(l.onNode('master01', 'iptables-save -t nat').output).toContain(`-A ${path[1]} `);
  });
});
