/**
 * A small world for kubelet tests: an apiserver, one or more machines (containerd + kubelet) on a
 * shared kernel and network, and helpers to create pods and read what a user would see —
 * `kubectl get pods` columns, events, logs. Images come from the real catalogue plus the
 * runtime's test catalogue (`kubeplay/box` and friends, running tiny test programs) and a tiny
 * web server image for probes (`kubeplay/web:1`).
 */
import type { ConfigMap, Event, Namespace, Node, Pod, ServiceAccount } from 'kubernetes-types/core/v1';
import { ApiServer } from '../api/server';
import { resourceFor, type ResourceInfo } from '../api/resources';
import type { KubeObject } from '../api/types';
import { ApiClient } from '../client/client';
import { SharedInformers } from '../client/informer';
import type { Client } from '../client/types';
import { EventRecorder } from '../controllers/framework/recorder';
import type { ControllerContext } from '../controllers/framework/context';
import { summarizePod } from '../api/tables/pod';
import { CATALOG_ENTRIES } from '../runtime/images/catalog-data';
import { ImageCatalog, type CatalogEntry } from '../runtime/images/catalog';
import { busyboxImagePrograms, withPrograms } from '../runtime/images/programs';
import { TEST_ENTRIES, TEST_PROGRAMS } from '../runtime/cri/testkit';
import { Kernel, Network, sys, type Proc, type Program } from '../runtime/process';
import { Clock } from '../sim/clock';
import { Rng } from '../sim/rng';
import { programRegistry } from '../../userland/registry';
import { byteLength, formatResponse, parseRequest } from '../../userland/lib/http';
import { bootMachine, type Machine } from './machine';
import { podStreamHandlers } from './streams/handlers';
import { FAST_TIMING, type TimingProfile } from './rules/timing';

export const PODS = resourceFor('', 'pods')!;
const EVENTS = resourceFor('', 'events')!;

/** The tiny web server's answer: the file under /www, or 404. */
function answer(p: Proc, request: string): string {
  const parsed = parseRequest(request);
  const path = `/www${parsed.kind === 'complete' ? parsed.message.target : '/'}`;
  const found = p.fs.exists(path) && p.fs.stat(path).type === 'file';
  const body = found ? p.fs.readFile(path) : 'not found\n';
  return formatResponse({ status: found ? 200 : 404, headers: [['Content-Length', String(byteLength(body))], ['Connection', 'close']], body });
}

/**
 * `web [port] [--inline]`: a tiny HTTP server for probe tests — 200 with the file's content for
 * paths under /www, 404 otherwise; with `--inline` it also answers whole requests inline
 * (`Network.exchange`). `web-silent [port]` accepts connections and never answers.
 */
const WEB_PROGRAMS: Readonly<Record<string, Program>> = {
  *web(p) {
    const listener = p.listen(Number(p.argv[1] ?? 80));
    if (p.argv.includes('--inline')) p.respondInline(listener, (request) => answer(p, request));
    for (;;) {
      const conn = yield* sys.accept(listener);
      let received = '';
      while (parseRequest(received).kind === 'incomplete') {
        const chunk = yield* sys.read(conn);
        if (chunk === null) break;
        received += chunk;
      }
      yield* sys.write(conn, answer(p, received));
      p.close(conn);
    }
  },
  *'web-silent'(p) {
    const listener = p.listen(Number(p.argv[1] ?? 80));
    for (;;) yield* sys.accept(listener);
  },
};

const registry = (id: string): Program | undefined => {
  if (id.startsWith('test:')) return TEST_PROGRAMS[id.slice(5)];
  if (id.startsWith('kubelet-test:')) return WEB_PROGRAMS[id.slice(13)];
  return programRegistry(id);
};

const WEB_IMAGE: CatalogEntry = {
  repository: 'kubeplay/web',
  tags: ['1'],
  sizeBytes: 5 * 1024 * 1024,
  flavour: 'busybox',
  config: { Entrypoint: [], Cmd: ['web'], WorkingDir: '', Env: ['PATH=/bin'], ExposedPorts: ['80/tcp'], StopSignal: 'SIGTERM', User: '' },
  programs: withPrograms(busyboxImagePrograms(), { '/bin/web': 'kubelet-test:web', '/bin/web-silent': 'kubelet-test:web-silent' }),
  files: [{ path: '/www/index.html', content: 'hello\n' }],
};

const catalog = new ImageCatalog([...CATALOG_ENTRIES, ...TEST_ENTRIES, WEB_IMAGE]);

export interface KubeletWorld {
  clock: Clock;
  api: ApiServer;
  admin: Client;
  kernel: Kernel;
  machines: Map<string, Machine>;
  /** Creates a pod bound to `node` (default the first machine). */
  createPod(pod: Pod, node?: string): Pod;
  pod(name: string, namespace?: string): Pod | undefined;
  /** `NAME READY STATUS RESTARTS` as kubectl prints them (without AGE). */
  row(name: string): string;
  /** `reason: message` of the events about `name`, oldest first (repeats are folded into one, as stored). */
  events(name: string): string[];
  /** How often an event happened: the stored Events' counts summed. */
  eventCount(name: string, reason: string, message?: string | RegExp): number;
  runUntil(predicate: () => boolean, maxMs?: number): boolean;
  /** `GET pods/<name>/log` with a query; the text or the error message. */
  logs(name: string, query?: Record<string, string>): string;
}

export function kubeletWorld(options: { timing?: TimingProfile; nodes?: string[]; seed?: number; staticPods?: Pod[]; cniConfDir?: string } = {}): KubeletWorld {
  const clock = new Clock();
  const rng = new Rng(options.seed ?? 1);
  const api = new ApiServer({ clock, rng: rng.fork('apiserver') });
  const admin = new ApiClient(api, 'kubectl/v1.30.2');
  const must = <T extends KubeObject>(resource: ResourceInfo, obj: T): T => {
    const r = admin.create<T>(resource, obj);
    if (!r.ok) throw new Error(r.status.message);
    return r.value;
  };
  must(resourceFor('', 'namespaces')!, { metadata: { name: 'default' } } satisfies Namespace);
  must(resourceFor('', 'namespaces')!, { metadata: { name: 'kube-node-lease' } } satisfies Namespace);
  // What the service-account controllers would have put there: every pod mounts both.
  must(resourceFor('', 'serviceaccounts')!, { metadata: { name: 'default', namespace: 'default' } } satisfies ServiceAccount);
  must(resourceFor('', 'configmaps')!, { metadata: { name: 'kube-root-ca.crt', namespace: 'default' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n' } } satisfies ConfigMap);

  const network = new Network();
  const kernel = new Kernel(clock, registry, network);
  const machines = new Map<string, Machine>();
  (options.nodes ?? ['node-1']).forEach((name, i) => {
    const client = new ApiClient(api, `kubelet/${name}`);
    const ctx: ControllerContext = {
      clock,
      rng: rng.fork(`kubelet/${name}`),
      client,
      informers: new SharedInformers(client),
      recorder: (source) => new EventRecorder(client, clock, source),
    };
    const ip = `192.168.49.${2 + i}`;
    const register: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: { podCIDR: `10.244.${i + 1}.0/24` },
      status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }] },
    };
    const machine = bootMachine({ name, ip, podCIDR: `10.244.${i + 1}.0/24` }, ctx, {
      kernel,
      network,
      timing: options.timing ?? FAST_TIMING,
      register,
      catalog,
      ...(i === 0 && options.staticPods ? { staticPods: options.staticPods } : {}),
      cniConfDir: options.cniConfDir,
    });
    machines.set(name, machine);
    machine.kubelet.start();
  });
  api.setPodStreamHandlers(podStreamHandlers(() => [...machines.values()].map((m) => m.kubelet)));
  const firstNode = [...machines.keys()][0]!;

  const get = (name: string, namespace = 'default'): Pod | undefined => {
    const r = admin.get<Pod>(PODS, namespace, name);
    return r.ok ? r.value : undefined;
  };
  const eventsAbout = (name: string): Event[] => {
    const list = admin.list<Event>(EVENTS, { namespace: 'default' });
    if (!list.ok) return [];
    return list.value.items.filter((e) => e.involvedObject.name === name).sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  };
  return {
    clock,
    api,
    admin,
    kernel,
    machines,
    createPod(pod, node = firstNode) {
      return must(PODS, { apiVersion: 'v1', kind: 'Pod', ...pod, metadata: { namespace: 'default', ...pod.metadata }, spec: { ...pod.spec!, nodeName: node } });
    },
    pod: get,
    row(name) {
      const pod = get(name);
      if (!pod) return `${name} <gone>`;
      const s = summarizePod(pod);
      return `${name} ${s.ready}/${s.total} ${s.status} ${s.restarts}`;
    },
    events: (name) => eventsAbout(name).map((e) => `${e.reason}: ${e.message}`),
    eventCount: (name, reason, message) =>
      eventsAbout(name)
        .filter((e) => e.reason === reason && (message === undefined || (typeof message === 'string' ? e.message === message : message.test(e.message ?? ''))))
        .reduce((n, e) => n + (e.count ?? 1), 0),
    runUntil: (predicate, maxMs = 600_000) => clock.runUntil(predicate, maxMs),
    logs(name, query = {}) {
      const r = admin.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}/log`, query });
      return typeof r.body === 'string' ? r.body : ((r.body as { message?: string }).message ?? '');
    },
  };
}
