/**
 * The real kubectl 1.30 against `kubeplay serve`: what a user of a real cluster would see, checked
 * against the reference (shared/reference/k8s-facts.md §1, §8, §9). Exact where kubeplay must match
 * character for character (headers, messages); structural regexes where values legitimately differ
 * (generated names, IPs, ages).
 *
 * Simulated time is frozen (speed 0) and moved by the test, so every run sees the same cluster.
 * Assertions that document a known kubeplay discrepancy in another module are `it.fails`, with the
 * difference in the title: they start failing (= passing for real) once the module is fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourceFor } from '../engine/api/resources';
import { Cluster } from '../engine/cluster/cluster';
import { startServe, type Serving } from './start-serve';
import { DEFAULT_PATH, SinkFile, SourceFile } from '../engine/runtime/process';
import { findKubectl, kubectlSession, parseTable, splitTables, type KubectlResult, type KubectlSession } from './testing/kubectl-harness';

const KUBECTL = findKubectl();
if (!KUBECTL) console.warn('real-kubectl.test.ts: skipped — neither /usr/lib/google-cloud-sdk/bin/kubectl.1.30 nor /usr/bin/kubectl exists');

/** Simulated uptime before the first command: kube-system is long settled. */
const UPTIME_MS = 10 * 60_000;

const AGE = /^(\d+s|\d+m(\d+s)?|\d+h(\d+m)?|\d+d(\d+h)?|\d+y(\d+d)?)$/;
const IP = /^\d+\.\d+\.\d+\.\d+$/;
const HASH = '[bcdfghjklmnpqrstvwxz2456789]{8,10}';
const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';

const until = async (cond: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Every line of `text` without trailing spaces (kubectl pads the last column on some rows). */
const lines = (text: string): string[] => text.split('\n').filter((l) => l.length > 0);
const headerOf = (text: string): string => lines(text)[0] ?? '';
/** Header words, so `NOMINATED NODE` stays one column name. */
const columns = (text: string): string[] => parseTable(text).header;

// Each test runs a few kubectl processes; generous under a loaded CI machine, fast when idle.
describe.skipIf(!KUBECTL)('real kubectl against kubeplay serve', { timeout: 30_000 }, () => {
  let cluster: Cluster;
  let serving: Serving;
  let k: KubectlSession;
  const kubectl = (...args: string[]) => k.run(...args);
  const advance = (ms: number): void => cluster.clock.advance(ms);
  /** Moves simulated time in steps so watchers see the intermediate states. */
  const advanceInSteps = async (total: number, step: number): Promise<void> => {
    for (let t = 0; t < total; t += step) {
      advance(step);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const manifest = (name: string, text: string): string => {
    const path = join(k.dir, name);
    writeFileSync(path, text);
    return path;
  };

  /** `kubectl get pods -w` while `kubectl run <name>` happens and a minute passes; the printed lines. */
  const watchPodCreation = async (name: string): Promise<string[]> => {
    const watch = k.start('get', 'pods', '-l', `run=${name}`, '-w');
    try {
      // The watch is open once kubectl has listed (nothing, so it prints nothing yet).
      await until(() => serving.openWatches > 0);
      expect(await kubectl('run', name, '--image=nginx')).toMatchObject({ code: 0, stdout: `pod/${name} created\n` });
      await advanceInSteps(60_000, 500);
      await watch.waitFor(new RegExp(`${name} +1/1 +Running`));
    } finally {
      await watch.stop();
    }
    return lines(watch.stdout());
  };

  beforeAll(async () => {
    // Timestamps line up with the wall clock (for the ages kubectl computes itself in describe);
    // names, IPs and placement depend on the seed only.
    const epochMs = Math.floor((Date.now() - UPTIME_MS) / 1000) * 1000;
    cluster = Cluster.create({ seed: 1, epochMs, settleMs: UPTIME_MS });
    serving = await startServe({ cluster, port: 0, speed: 0 });
    k = kubectlSession(KUBECTL!, serving.url);
  }, 30_000);

  afterAll(async () => {
    k?.dispose();
    await serving?.close();
  });

  describe('start-up and discovery', () => {
    it('version shows the simulated server version', async () => {
      const r = await kubectl('version');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Client Version: v1\.\d+\.\d+\nKustomize Version: v\S+\nServer Version: v1\.30\.2\n$/);
      expect(r.stderr).toBe('');
    });

    it('api-resources lists the served kinds with the real columns', async () => {
      const r = await kubectl('api-resources');
      expect(r.code).toBe(0);
      expect(columns(r.stdout)).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
      const rows = lines(r.stdout).map((l) => l.split(/\s+/).join(' '));
      for (const row of [
        'pods po v1 true Pod',
        'services svc v1 true Service',
        'endpoints ep v1 true Endpoints',
        'namespaces ns v1 false Namespace',
        'nodes no v1 false Node',
        'configmaps cm v1 true ConfigMap',
        'events ev v1 true Event',
        'serviceaccounts sa v1 true ServiceAccount',
        'replicationcontrollers rc v1 true ReplicationController',
        'deployments deploy apps/v1 true Deployment',
        'replicasets rs apps/v1 true ReplicaSet',
        'daemonsets ds apps/v1 true DaemonSet',
        'statefulsets sts apps/v1 true StatefulSet',
        'jobs batch/v1 true Job',
        'cronjobs cj batch/v1 true CronJob',
        'ingresses ing networking.k8s.io/v1 true Ingress',
        'endpointslices discovery.k8s.io/v1 true EndpointSlice',
        'horizontalpodautoscalers hpa autoscaling/v2 true HorizontalPodAutoscaler',
      ]) {
        expect(rows).toContain(row);
      }
    });

    it('api-resources lists the kinds every real cluster serves (pvc, pv, resourcequotas, networkpolicies, pdb, storageclasses, events.k8s.io…)', async () => {
      const r = await kubectl('api-resources');
      const rows = lines(r.stdout).map((l) => l.split(/\s+/).join(' '));
      for (const row of [
        'persistentvolumeclaims pvc v1 true PersistentVolumeClaim',
        'persistentvolumes pv v1 false PersistentVolume',
        'resourcequotas quota v1 true ResourceQuota',
        'events ev events.k8s.io/v1 true Event',
        'networkpolicies netpol networking.k8s.io/v1 true NetworkPolicy',
        'poddisruptionbudgets pdb policy/v1 true PodDisruptionBudget',
        'storageclasses sc storage.k8s.io/v1 false StorageClass',
      ]) {
        expect(rows).toContain(row);
      }
    });

    it('api-versions is sorted and ends with v1', async () => {
      const r = await kubectl('api-versions');
      expect(r.code).toBe(0);
      const versions = lines(r.stdout);
      expect(versions).toEqual([...versions].sort());
      expect(versions.at(-1)).toBe('v1');
      for (const gv of ['apps/v1', 'autoscaling/v2', 'batch/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1']) {
        expect(versions).toContain(gv);
      }
    });

    it('api-versions lists the groups of a real 1.30 server (autoscaling/v1, policy/v1, storage.k8s.io/v1, events.k8s.io/v1, …)', async () => {
      const r = await kubectl('api-versions');
      const versions = lines(r.stdout);
      for (const gv of ['autoscaling/v1', 'events.k8s.io/v1', 'policy/v1', 'storage.k8s.io/v1', 'scheduling.k8s.io/v1', 'node.k8s.io/v1', 'authorization.k8s.io/v1']) {
        expect(versions).toContain(gv);
      }
    });

    it('an unknown resource type is reported the way kubectl reports it', async () => {
      const r = await kubectl('get', 'deploment');
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('error: the server doesn\'t have a resource type "deploment"\n');
    });
  });

  describe('the fresh cluster', () => {
    it('get nodes', async () => {
      const r = await kubectl('get', 'nodes');
      expect(r.code).toBe(0);
      expect(headerOf(r.stdout)).toMatch(/^NAME {6,}STATUS {3}ROLES {9,}AGE {3,}VERSION$/);
      const { rows } = parseTable(r.stdout);
      expect(rows.map((n) => n.NAME)).toEqual(['master01', 'worker01', 'worker02']);
      expect(rows.map((n) => n.ROLES)).toEqual(['control-plane', '<none>', '<none>']);
      for (const n of rows) {
        expect(n.STATUS).toBe('Ready');
        expect(n.AGE).toMatch(AGE);
        expect(n.VERSION).toBe('v1.30.2');
      }
    });

    it('get nodes -o wide', async () => {
      const r = await kubectl('get', 'nodes', '-o', 'wide');
      expect(columns(r.stdout)).toEqual([
        'NAME',
        'STATUS',
        'ROLES',
        'AGE',
        'VERSION',
        'INTERNAL-IP',
        'EXTERNAL-IP',
        'OS-IMAGE',
        'KERNEL-VERSION',
        'CONTAINER-RUNTIME',
      ]);
      for (const n of parseTable(r.stdout).rows) {
        expect(n['INTERNAL-IP']).toMatch(IP);
        expect(n['EXTERNAL-IP']).toBe('<none>');
        expect(n['OS-IMAGE']).not.toBe('');
        expect(n['KERNEL-VERSION']).toMatch(/^\d+\.\d+\.\d+/);
        expect(n['CONTAINER-RUNTIME']).toMatch(/^containerd:\/\/\d+\.\d+\.\d+$/);
      }
    });

    it('get ns', async () => {
      const r = await kubectl('get', 'ns');
      expect(columns(r.stdout)).toEqual(['NAME', 'STATUS', 'AGE']);
      const { rows } = parseTable(r.stdout);
      expect(rows.map((n) => n.NAME)).toEqual(['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']);
      expect(rows.every((n) => n.STATUS === 'Active' && AGE.test(n.AGE!))).toBe(true);
    });

    it('get pods in an empty namespace prints nothing on stdout and the real message on stderr', async () => {
      const r = await kubectl('get', 'pods');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('No resources found in default namespace.\n');
    });

    it('get pods -A: flannel, the kubeadm control plane, CoreDNS and kube-proxy, all running', async () => {
      const r = await kubectl('get', 'pods', '-A');
      expect(columns(r.stdout)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
      const { rows } = parseTable(r.stdout);
      const names = rows.map((p) => p.NAME!);
      expect(names.filter((n) => /^coredns-/.test(n))).toHaveLength(2);
      for (const n of names.filter((x) => /^coredns-/.test(x))) expect(n).toMatch(new RegExp(`^coredns-${HASH}-${SUFFIX}$`));
      for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
        expect(names).toContain(`${component}-master01`);
      }
      const flannel = rows.filter((p) => p.NAMESPACE === 'kube-flannel').map((p) => p.NAME!);
      expect(flannel).toHaveLength(3);
      for (const n of flannel) expect(n).toMatch(new RegExp(`^kube-flannel-ds-${SUFFIX}$`));
      for (const p of rows) {
        expect(p.NAMESPACE).toBe(p.NAME!.startsWith('kube-flannel-ds-') ? 'kube-flannel' : 'kube-system');
        expect(p.READY).toBe('1/1');
        expect(p.STATUS).toBe('Running');
        expect(p.RESTARTS).toBe('0');
        expect(p.AGE).toMatch(AGE);
      }
      // kubectl sorts nothing: the server lists by namespace, then name.
      const keys = rows.map((p) => `${p.NAMESPACE}/${p.NAME}`);
      expect(keys).toEqual([...keys].sort());
    });

    it('get pods -A has one kube-proxy-xxxxx pod per node', async () => {
      const names = parseTable((await kubectl('get', 'pods', '-A')).stdout).rows.map((p) => p.NAME!);
      expect(names.filter((n) => new RegExp(`^kube-proxy-${SUFFIX}$`).test(n))).toHaveLength(3);
    });

    it('get svc -A', async () => {
      const r = await kubectl('get', 'svc', '-A');
      expect(columns(r.stdout)).toEqual(['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
      const rows = parseTable(r.stdout).rows.map(({ AGE: age, ...rest }) => {
        expect(age).toMatch(AGE);
        return rest;
      });
      expect(rows).toEqual([
        { NAMESPACE: 'default', NAME: 'kubernetes', TYPE: 'ClusterIP', 'CLUSTER-IP': '10.96.0.1', 'EXTERNAL-IP': '<none>', 'PORT(S)': '443/TCP' },
        {
          NAMESPACE: 'kube-system',
          NAME: 'kube-dns',
          TYPE: 'ClusterIP',
          'CLUSTER-IP': '10.96.0.10',
          'EXTERNAL-IP': '<none>',
          'PORT(S)': '53/UDP,53/TCP,9153/TCP',
        },
      ]);
    });

    it('get all -A: one table per kind, kind-prefixed names, blank line between tables', async () => {
      const r = await kubectl('get', 'all', '-A');
      expect(r.code).toBe(0);
      const tables = splitTables(r.stdout);
      expect(tables.map((t) => columns(t))).toEqual([
        ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
        ['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
        ['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
        ['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
        ['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
      ]);
      const [pods, services, daemonsets, deployments, replicasets] = tables.map((t) => parseTable(t).rows);
      expect(pods!.every((p) => p.NAME!.startsWith('pod/'))).toBe(true);
      expect(services!.map((s) => s.NAME)).toEqual(['service/kubernetes', 'service/kube-dns']);
      expect(daemonsets).toEqual([
        expect.objectContaining({
          NAMESPACE: 'kube-flannel',
          NAME: 'daemonset.apps/kube-flannel-ds',
          DESIRED: '3',
          CURRENT: '3',
          READY: '3',
          'UP-TO-DATE': '3',
          AVAILABLE: '3',
          'NODE SELECTOR': '<none>',
        }),
        expect.objectContaining({
          NAMESPACE: 'kube-system',
          NAME: 'daemonset.apps/kube-proxy',
          DESIRED: '3',
          CURRENT: '3',
          READY: '3',
          'UP-TO-DATE': '3',
          AVAILABLE: '3',
          'NODE SELECTOR': 'kubernetes.io/os=linux',
        }),
      ]);
      expect(deployments).toEqual([
        expect.objectContaining({ NAME: 'deployment.apps/coredns', READY: '2/2', 'UP-TO-DATE': '2', AVAILABLE: '2' }),
      ]);
      expect(replicasets!).toHaveLength(1);
      expect(replicasets![0]!.NAME).toMatch(new RegExp(`^replicaset\\.apps/coredns-${HASH}$`));
      expect(replicasets![0]).toMatchObject({ DESIRED: '2', CURRENT: '2', READY: '2' });
    });
  });

  describe('the fresh cluster, continued', () => {
    it('get ds -A: flannel and kube-proxy run on all three nodes', async () => {
      const rows = parseTable((await kubectl('get', 'ds', '-A')).stdout).rows;
      expect(rows.map(({ AGE: _age, ...rest }) => rest)).toEqual([
        { NAMESPACE: 'kube-flannel', NAME: 'kube-flannel-ds', DESIRED: '3', CURRENT: '3', READY: '3', 'UP-TO-DATE': '3', AVAILABLE: '3', 'NODE SELECTOR': '<none>' },
        { NAMESPACE: 'kube-system', NAME: 'kube-proxy', DESIRED: '3', CURRENT: '3', READY: '3', 'UP-TO-DATE': '3', AVAILABLE: '3', 'NODE SELECTOR': 'kubernetes.io/os=linux' },
      ]);
    });

    it('describe node shows the machine, firmware and boot ids', async () => {
      const out = (await kubectl('describe', 'node', 'worker01')).stdout;
      expect(out).toMatch(/\n {2}Machine ID: +[0-9a-f]{32}\n {2}System UUID: +[0-9a-f-]{36}\n {2}Boot ID: +[0-9a-f-]{36}\n/);
    });
  });

  describe('a Deployment from create to delete', () => {
    let hash = '';

    it('create deployment, then after a while: get deploy,rs,pods -o wide', async () => {
      const created = await kubectl('create', 'deployment', 'web', '--image=nginx', '--replicas=3');
      expect(created).toMatchObject({ code: 0, stdout: 'deployment.apps/web created\n', stderr: '' });
      advance(120_000);

      const r = await kubectl('get', 'deploy,rs,pods', '-o', 'wide');
      expect(r.code).toBe(0);
      const [deployTable, rsTable, podTable] = splitTables(r.stdout);
      expect(columns(deployTable!)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
      expect(parseTable(deployTable!).rows).toEqual([
        { NAME: 'deployment.apps/web', READY: '3/3', 'UP-TO-DATE': '3', AVAILABLE: '3', AGE: '2m', CONTAINERS: 'nginx', IMAGES: 'nginx', SELECTOR: 'app=web' },
      ]);

      expect(columns(rsTable!)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
      const [rs] = parseTable(rsTable!).rows;
      const match = new RegExp(`^replicaset\\.apps/web-(${HASH})$`).exec(rs!.NAME!);
      expect(match).not.toBeNull();
      hash = match![1]!;
      expect(rs).toEqual({
        NAME: `replicaset.apps/web-${hash}`,
        DESIRED: '3',
        CURRENT: '3',
        READY: '3',
        AGE: '2m',
        CONTAINERS: 'nginx',
        IMAGES: 'nginx',
        SELECTOR: `app=web,pod-template-hash=${hash}`,
      });

      expect(columns(podTable!)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
      const pods = parseTable(podTable!).rows;
      expect(pods).toHaveLength(3);
      for (const p of pods) {
        expect(p.NAME).toMatch(new RegExp(`^pod/web-${hash}-${SUFFIX}$`));
        expect(p).toMatchObject({ READY: '1/1', STATUS: 'Running', RESTARTS: '0', 'NOMINATED NODE': '<none>', 'READINESS GATES': '<none>' });
        expect(p.AGE).toMatch(AGE);
        expect(p.IP).toMatch(/^10\.244\.\d+\.\d+$/);
        expect(['worker01', 'worker02']).toContain(p.NODE);
      }
    });

    it('scale deployment', async () => {
      const r = await kubectl('scale', 'deployment', 'web', '--replicas=5');
      expect(r).toMatchObject({ code: 0, stdout: 'deployment.apps/web scaled\n', stderr: '' });
      advance(60_000);
      const get = await kubectl('get', 'deployment', 'web');
      expect(parseTable(get.stdout).rows).toEqual([{ NAME: 'web', READY: '5/5', 'UP-TO-DATE': '5', AVAILABLE: '5', AGE: '3m' }]);
    });

    it('label: add, refuse to overwrite, overwrite, remove', async () => {
      expect(await kubectl('label', 'deployment', 'web', 'tier=frontend')).toMatchObject({ code: 0, stdout: 'deployment.apps/web labeled\n' });
      expect(await kubectl('label', 'deployment', 'web', 'tier=backend')).toMatchObject({
        code: 1,
        stderr: "error: 'tier' already has a value (frontend), and --overwrite is false\n",
      });
      expect(await kubectl('label', 'deployment', 'web', 'tier=backend', '--overwrite')).toMatchObject({ code: 0, stdout: 'deployment.apps/web labeled\n' });
      expect(await kubectl('label', 'deployment', 'web', 'tier-')).toMatchObject({ code: 0, stdout: 'deployment.apps/web unlabeled\n' });
      const labelled = await kubectl('label', 'pods', '-l', 'app=web', 'env=test');
      expect(labelled.code).toBe(0);
      expect(lines(labelled.stdout)).toHaveLength(5);
      for (const l of lines(labelled.stdout)) expect(l).toMatch(new RegExp(`^pod/web-${hash}-${SUFFIX} labeled$`));
    });

    it('a label key the server rejects gets the real 422 text', async () => {
      const r = await kubectl('label', 'deployment', 'web', 'bad_key/x=y');
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'The Deployment "web" is invalid: metadata.labels: Invalid value: "bad_key/x": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n',
      );
    });

    it('get pods -l app=web --show-labels', async () => {
      const r = await kubectl('get', 'pods', '-l', 'app=web', '--show-labels');
      expect(columns(r.stdout)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'LABELS']);
      const { rows } = parseTable(r.stdout);
      expect(rows).toHaveLength(5);
      for (const p of rows) expect(p.LABELS).toBe(`app=web,env=test,pod-template-hash=${hash}`);
    });

    it('get pods --field-selector spec.nodeName=worker01', async () => {
      const all = parseTable((await kubectl('get', 'pods', '-o', 'wide')).stdout).rows;
      const r = await kubectl('get', 'pods', '--field-selector', 'spec.nodeName=worker01', '-o', 'wide');
      const rows = r.stdout === '' ? [] : parseTable(r.stdout).rows;
      expect(rows.every((p) => p.NODE === 'worker01')).toBe(true);
      expect(rows.map((p) => p.NAME)).toEqual(all.filter((p) => p.NODE === 'worker01').map((p) => p.NAME));
      // The scheduler spreads the replicas: both workers got some.
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(5);
    });

    it('an unsupported field selector gets the real 400 text', async () => {
      const r = await kubectl('get', 'pods', '--field-selector', 'spec.foo=bar');
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo\n');
    });

    it('get events shows the rollout, in the real columns and message texts', async () => {
      const r = await kubectl('get', 'events');
      expect(r.code).toBe(0);
      expect(columns(r.stdout)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
      const rows = parseTable(r.stdout).rows;
      const has = (reason: string, object: RegExp, message: RegExp): void => {
        expect(rows.some((e) => e.REASON === reason && object.test(e.OBJECT!) && message.test(e.MESSAGE!)), `${reason} ${object} ${message}`).toBe(true);
      };
      has('ScalingReplicaSet', /^deployment\/web$/, new RegExp(`^Scaled up replica set web-${hash} to 3$`));
      has('ScalingReplicaSet', /^deployment\/web$/, new RegExp(`^Scaled up replica set web-${hash} to 5 from 3$`));
      has('SuccessfulCreate', new RegExp(`^replicaset/web-${hash}$`), new RegExp(`^Created pod: web-${hash}-${SUFFIX}$`));
      has('Scheduled', new RegExp(`^pod/web-${hash}-${SUFFIX}$`), new RegExp(`^Successfully assigned default/web-${hash}-${SUFFIX} to worker0[12]$`));
      for (const e of rows) {
        expect(e['LAST SEEN']).toMatch(AGE);
        expect(['Normal', 'Warning']).toContain(e.TYPE);
      }
    });

    it('get events shows the kubelet\'s container events (Pulling, Pulled, Created, Started)', async () => {
      const rows = parseTable((await kubectl('get', 'events')).stdout).rows;
      const has = (reason: string, message: RegExp): boolean => rows.some((e) => e.REASON === reason && /^pod\//.test(e.OBJECT!) && message.test(e.MESSAGE!));
      expect(has('Pulling', /^Pulling image "nginx"$/)).toBe(true);
      expect(
        has('Pulled', /^(Successfully pulled image "nginx" in \S+ \(\S+ including waiting\)\. Image size: \d+ bytes\.|Container image "nginx" already present on machine)$/),
      ).toBe(true);
      expect(has('Created', /^Created container nginx$/)).toBe(true);
      expect(has('Started', /^Started container nginx$/)).toBe(true);
    });

    it('describe node worker01', async () => {
      const r = await kubectl('describe', 'node', 'worker01');
      expect(r.code).toBe(0);
      const out = r.stdout;
      expect(out).toMatch(/^Name: {15}worker01\nRoles: {14}<none>\nLabels: {13}beta\.kubernetes\.io\/arch=amd64\n/);
      for (const label of ['beta.kubernetes.io/os=linux', 'kubernetes.io/arch=amd64', 'kubernetes.io/hostname=worker01', 'kubernetes.io/os=linux']) {
        expect(out).toContain(`\n                    ${label}\n`);
      }
      expect(out).toMatch(/\nCreationTimestamp: {2}\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000\n/);
      expect(out).toContain('\nTaints:             <none>\nUnschedulable:      false\nLease:\n  HolderIdentity:  worker01\n');
      expect(out).toMatch(/\n {2}RenewTime: {7}\w{3}, \d{2} \w{3} \d{4}/);
      expect(out).toMatch(/\nConditions:\n {2}Type {13,}Status {2}LastHeartbeatTime {16,}LastTransitionTime {15,}Reason {19,}Message\n/);
      expect(out).toMatch(/\n {2}MemoryPressure +False +.+ KubeletHasSufficientMemory +kubelet has sufficient memory available\n/);
      expect(out).toMatch(/\n {2}DiskPressure +False +.+ KubeletHasNoDiskPressure +kubelet has no disk pressure\n/);
      expect(out).toMatch(/\n {2}PIDPressure +False +.+ KubeletHasSufficientPID +kubelet has sufficient PID available\n/);
      expect(out).toMatch(/\n {2}Ready +True +.+ KubeletReady +kubelet is posting ready status\n/);
      expect(out).toMatch(/\n {2}NetworkUnavailable +False +.+ FlannelIsUp +Flannel is running on this node\n/);
      expect(out).toMatch(/\nAddresses:\n {2}InternalIP: {2}\d+\.\d+\.\d+\.\d+\n {2}Hostname: {4}worker01\n/);
      expect(out).toMatch(/\nCapacity:\n {2}cpu: {16}8\n {2}ephemeral-storage: +\S+\n {2}hugepages-1Gi: +0\n {2}hugepages-2Mi: +0\n {2}memory: +\d+Ki\n {2}pods: +110\n/);
      expect(out).toContain('\nAllocatable:\n');
      expect(out).toMatch(/\nSystem Info:\n {2}Machine ID: +.*\n {2}System UUID: +.*\n {2}Boot ID: +.*\n {2}Kernel Version: +\S+\n {2}OS Image: +.+\n {2}Operating System: +linux\n {2}Architecture: +amd64\n {2}Container Runtime Version: +containerd:\/\/\S+\n {2}Kubelet Version: +v1\.30\.2\n {2}Kube-Proxy Version: +v1\.30\.2\n/);
      expect(out).toMatch(/\nPodCIDR: +10\.244\.1\.0\/24\nPodCIDRs: +10\.244\.1\.0\/24\n/);
      expect(out).toMatch(/\nNon-terminated Pods: +\(\d+ in total\)\n {2}Namespace {19,}Name {2,}CPU Requests {2}CPU Limits {2}Memory Requests {2}Memory Limits {2}Age\n/);
      expect(out).toMatch(new RegExp(`\\n {2}default {21,}web-${hash}-${SUFFIX} +0 \\(0%\\) +0 \\(0%\\) +0 \\(0%\\) +0 \\(0%\\) +\\S+\\n`));
      expect(out).toMatch(new RegExp(`\\n {2}kube-system {17,}kube-proxy-${SUFFIX} +0 \\(0%\\) +0 \\(0%\\) +0 \\(0%\\) +0 \\(0%\\) +\\S+\\n`));
      expect(out).toMatch(new RegExp(`\\n {2}kube-flannel {16,}kube-flannel-ds-${SUFFIX} +100m \\(1%\\) +0 \\(0%\\) +50Mi \\(0%\\) +0 \\(0%\\) +\\S+\\n`));
      expect(out).toMatch(/\nAllocated resources:\n {2}\(Total limits may be over 100 percent, i\.e\., overcommitted\.\)\n {2}Resource +Requests +Limits\n/);
      expect(out).toMatch(/\nEvents:\n {2}Type +Reason +Age +From +Message\n {2}-{4} +-{6} +-{4} +-{4} +-{7}\n/);
      expect(out).toMatch(/\n {2}Normal +RegisteredNode +\S+ +node-controller +Node worker01 event: Registered Node worker01 in Controller\n/);
      expect(out).toMatch(/\n {2}Normal +NodeReady +\S+ +kubelet +Node worker01 status is now: NodeReady\n/);
    });

    it('get pods -w prints the list, then one row per change, without repeating the header', async () => {
      const out = await watchPodCreation('watched');
      expect(out[0]).toMatch(/^NAME {6,}READY {3}STATUS {4,}RESTARTS {3}AGE$/);
      expect(out.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
      // Created, then bound by the scheduler (a MODIFIED event, printed as a second Pending row).
      expect(out[1]).toMatch(/^watched {3}0\/1 {5}Pending {3}0 {10}0s$/);
      expect(out[2]).toMatch(/^watched {3}0\/1 {5}Pending {3}0 {10}0s$/);
      expect(out.at(-1)).toMatch(/^watched +1\/1 +Running +0 +\d+s$/);
    });

    it('get pods -w shows ContainerCreating between Pending and Running', async () => {
      const out = await watchPodCreation('watched2');
      expect(out.some((l) => /^watched2 +0\/1 +ContainerCreating +0 +\d+s$/.test(l))).toBe(true);
    });

    it('delete deployment: the pods terminate and go', async () => {
      const r = await kubectl('delete', 'deployment', 'web');
      expect(r).toMatchObject({ code: 0, stdout: 'deployment.apps "web" deleted\n', stderr: '' });
      // The garbage collector removes the ReplicaSet, then its pods; nginx stops at once on SIGQUIT.
      // A pod whose container has already stopped shows its terminal phase until it goes (1.27+).
      advance(250);
      const terminating = parseTable((await kubectl('get', 'pods', '-l', 'app=web')).stdout).rows;
      expect(terminating).toHaveLength(5);
      expect(terminating.every((p) => p.STATUS === 'Terminating' || p.STATUS === 'Completed')).toBe(true);
      advance(30_000);
      expect(await kubectl('get', 'pods', '-l', 'app=web')).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
      expect(await kubectl('get', 'rs', '-l', 'app=web')).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    });

    it('delete deployment: a "Killing  Stopping container nginx" event per pod', async () => {
      const events = await kubectl('get', 'events', '--field-selector', 'reason=Killing');
      const rows = events.stdout === '' ? [] : parseTable(events.stdout).rows;
      expect(rows.filter((e) => e.MESSAGE === 'Stopping container nginx' && e.OBJECT!.startsWith('pod/web-'))).toHaveLength(5);
    });
  });

  describe('errors, as kubectl prints them', () => {
    it('get pod nope', async () => {
      expect(await kubectl('get', 'pod', 'nope')).toMatchObject({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
      expect(await kubectl('get', 'deploy', 'nope')).toMatchObject({
        code: 1,
        stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      });
    });

    it('create -f with unknown fields: strict decoding error from the server', async () => {
      const path = manifest(
        'pod-typo.yaml',
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\n  namspace: default\nspec:\n  containers:\n  - name: c\n    image: nginx\n    imagePullPolicyy: Always\n',
      );
      const r = await kubectl('create', '-f', path);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(
          `^Error from server \\(BadRequest\\): error when creating "${path}": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "(spec\\.containers\\[0\\]\\.imagePullPolicyy|metadata\\.namspace)", unknown field "(spec\\.containers\\[0\\]\\.imagePullPolicyy|metadata\\.namspace)"\\n$`,
        ),
      );
      expect(r.stderr).toContain('"metadata.namspace"');
      expect(r.stderr).toContain('"spec.containers[0].imagePullPolicyy"');
    });

    it('create -f of a valid manifest still works (validation is left to the server)', async () => {
      const path = manifest('pod-ok.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: fine\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
      expect(await kubectl('create', '-f', path)).toMatchObject({ code: 0, stdout: 'pod/fine created\n', stderr: '' });
      expect(await kubectl('create', '-f', path)).toMatchObject({
        code: 1,
        stderr: `Error from server (AlreadyExists): error when creating "${path}": pods "fine" already exists\n`,
      });
    });

    it('invalid names get the real 422 texts', async () => {
      const pod = manifest('pod-bad-name.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n');
      expect(await kubectl('create', '-f', pod)).toMatchObject({
        code: 1,
        stderr:
          'The Pod "Nginx" is invalid: metadata.name: Invalid value: "Nginx": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n',
      });
      expect(await kubectl('create', 'deployment', 'Web', '--image=nginx')).toMatchObject({
        code: 1,
        stderr:
          'error: failed to create deployment: Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n',
      });
      expect(await kubectl('create', 'service', 'clusterip', '1web', '--tcp=80:80')).toMatchObject({
        code: 1,
        stderr:
          'error: failed to create ClusterIP service: Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')\n',
      });
    });

    it('several causes are listed one per line', async () => {
      const pod = manifest('pod-two-errors.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Two\nspec:\n  containers:\n  - name: c\n');
      const r = await kubectl('create', '-f', pod);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^The Pod "Two" is invalid: \n\* metadata\.name: Invalid value: "Two": a lowercase RFC 1123 subdomain .*\n\* spec\.containers\[0\]\.image: Required value\n$/);
    });
  });
  describe('services, logs, apply, deletion', () => {
    it('expose deployment creates a ClusterIP service with the copied selector', async () => {
      expect(await kubectl('create', 'deployment', 'api', '--image=nginx', '--replicas=2', '--port=80')).toMatchObject({ code: 0 });
      advance(60_000);
      expect(await kubectl('expose', 'deployment', 'api')).toMatchObject({ code: 0, stdout: 'service/api exposed\n', stderr: '' });
      advance(5_000);
      const [svc] = parseTable((await kubectl('get', 'svc', 'api', '-o', 'wide')).stdout).rows;
      expect(svc).toMatchObject({ NAME: 'api', TYPE: 'ClusterIP', 'EXTERNAL-IP': '<none>', 'PORT(S)': '80/TCP', SELECTOR: 'app=api' });
      expect(svc!['CLUSTER-IP']).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    });

    it('get ep api: the ready pods of the Service as Endpoints', async () => {
      const r = await kubectl('get', 'endpoints', 'api');
      expect(r.code).toBe(0);
      expect(parseTable(r.stdout).rows[0]!.ENDPOINTS).toMatch(/^10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80$/);
    });

    it('a Service without a selector and hand-written Endpoints: the mirroring controller makes its EndpointSlice', async () => {
      const path = manifest(
        'manual.yaml',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: manual\nspec:\n  ports:\n  - port: 80\n---\n'
          + 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: manual\nsubsets:\n- addresses:\n  - ip: 192.168.1.200\n  ports:\n  - port: 8080\n',
      );
      expect(await kubectl('apply', '-f', path)).toMatchObject({ code: 0, stdout: 'service/manual created\nendpoints/manual created\n' });
      advance(2_000);
      const r = await kubectl('get', 'endpointslices', '-l', 'kubernetes.io/service-name=manual');
      expect(r.code).toBe(0);
      const [slice] = parseTable(r.stdout).rows;
      expect(slice).toMatchObject({ ADDRESSTYPE: 'IPv4', PORTS: '8080', ENDPOINTS: '192.168.1.200' });
      expect(slice!.NAME).toMatch(/^manual-[a-z0-9]{5}$/);
    });

    it('type NodePort: PORT(S) shows the node port', async () => {
      expect(await kubectl('patch', 'svc', 'api', '-p', '{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":32444}]}}')).toMatchObject({ code: 0, stdout: 'service/api patched\n' });
      const [svc] = parseTable((await kubectl('get', 'svc', 'api')).stdout).rows;
      expect(svc).toMatchObject({ TYPE: 'NodePort', 'PORT(S)': '80:32444/TCP' });
    });

    it('logs: nginx\'s start-up lines', async () => {
      const pod = lines((await kubectl('get', 'pods', '-l', 'app=api', '-o', 'name')).stdout)[0]!;
      const r = await kubectl('logs', pod);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^\/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty, will attempt to perform configuration\n/);
    });

    it('get -o yaml: metadata timestamps have second precision', async () => {
      const r = await kubectl('get', 'deployment', 'api', '-o', 'yaml');
      expect(r.stdout).toMatch(/\n {2}creationTimestamp: "\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"\n/);
      expect(r.stdout).toContain('\n    deployment.kubernetes.io/revision: "1"\n');
    });

    it('a fresh Deployment stays at generation 1: the revision annotation goes through /status', async () => {
      const r = await kubectl('get', 'deployment', 'api', '-o', 'jsonpath={.metadata.generation} {.status.observedGeneration}');
      expect(r.stdout).toBe('1 1');
    });

    it('apply: created, unchanged, configured', async () => {
      const path = manifest(
        'cm.yaml',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: dev\n',
      );
      expect(await kubectl('apply', '-f', path)).toMatchObject({ code: 0, stdout: 'configmap/settings created\n', stderr: '' });
      expect(await kubectl('apply', '-f', path)).toMatchObject({ code: 0, stdout: 'configmap/settings unchanged\n', stderr: '' });
      writeFileSync(path, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: prod\n');
      expect(await kubectl('apply', '-f', path)).toMatchObject({ code: 0, stdout: 'configmap/settings configured\n', stderr: '' });
      expect((await kubectl('get', 'cm', 'settings', '-o', 'jsonpath={.data.mode}')).stdout).toBe('prod');
    });

    it.fails('apply --server-side: "Server-side apply not available on the server" (415 for application/apply-patch+yaml) — engine/api/patch', async () => {
      const path = manifest('cm-ssa.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  a: b\n');
      expect(await kubectl('apply', '--server-side', '-f', path)).toMatchObject({ code: 0, stdout: 'configmap/ssa serverside-applied\n' });
    });

    it('auth can-i and auth whoami answer for the kubeadm admin', async () => {
      expect(await kubectl('auth', 'can-i', 'create', 'pods')).toMatchObject({ code: 0, stdout: 'yes\n' });
      expect(await kubectl('auth', 'can-i', 'delete', 'nodes', '--all-namespaces')).toMatchObject({ code: 0, stdout: 'yes\n' });
      const whoami = await kubectl('auth', 'whoami');
      expect(whoami.code).toBe(0);
      expect(whoami.stdout).toMatch(/^ATTRIBUTE +VALUE\nUsername +kubernetes-admin\nGroups +\[kubeadm:cluster-admins system:authenticated\]\n$/);
    });

    it('delete pod waits until the kubelet has stopped it, then returns', async () => {
      expect(await kubectl('run', 'doomed', '--image=nginx')).toMatchObject({ code: 0 });
      advance(30_000);
      const deleting = kubectl('delete', 'pod', 'doomed');
      // kubectl watches for the deletion; simulated time has to move for the kubelet to act.
      await until(() => serving.openWatches > 0);
      await advanceInSteps(10_000, 500);
      expect(await deleting).toMatchObject({ code: 0, stdout: 'pod "doomed" deleted\n', stderr: '' });
      expect(await kubectl('get', 'pod', 'doomed')).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): pods "doomed" not found\n' });
    });

    it('get pods -w during a delete: the kubelet posts the stopped container before the pod goes (0/1 Completed)', async () => {
      expect(await kubectl('run', 'doomed2', '--image=nginx')).toMatchObject({ code: 0 });
      advance(30_000);
      const watch = k.start('get', 'pods', '-l', 'run=doomed2', '-w', '--output-watch-events');
      try {
        await watch.waitFor(/ADDED +doomed2/);
        expect(await kubectl('delete', 'pod', 'doomed2', '--wait=false')).toMatchObject({ code: 0 });
        await advanceInSteps(10_000, 500);
        await watch.waitFor(/DELETED +doomed2/);
      } finally {
        await watch.stop();
      }
      expect(lines(watch.stdout()).at(-1)).toMatch(/^DELETED +doomed2 +0\/1 +(Terminating|Completed) +0 +\d+s$/);
    });
  });
  describe('explain and client-side patches, from the served OpenAPI v3', () => {
    it('explain deployment.spec.replicas', async () => {
      const r = await kubectl('explain', 'deployment.spec.replicas');
      expect(r.code).toBe(0);
      // kubectl 1.30's template leaves two blank lines after FIELD for a schema like the real one.
      expect(r.stdout).toBe(
        'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n    Number of desired pods. This is a pointer to distinguish between explicit\n    zero and not specified. Defaults to 1.\n    \n\n',
      );
    });

    it('explain pod: kind, description and alphabetical fields with their types', async () => {
      const r = await kubectl('explain', 'pod');
      expect(r.stdout).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nDESCRIPTION:\n {4}Pod is a collection of containers that can run on a host\. This resource is\n {4}created by clients and scheduled onto hosts\.\n {4}\nFIELDS:\n/);
      const fields = [...r.stdout.matchAll(/^ {2}(\w+)\t<([^>]+)>/gm)].map((m) => `${m[1]} ${m[2]}`);
      expect(fields).toEqual(['apiVersion string', 'kind string', 'metadata ObjectMeta', 'spec PodSpec', 'status PodStatus']);
    });

    it('explain shows list, map, Quantity and IntOrString types and -required- fields', async () => {
      expect((await kubectl('explain', 'pod.spec')).stdout).toMatch(/\n {2}containers\t<\[\]Container> -required-\n/);
      expect((await kubectl('explain', 'pod.spec.containers.resources')).stdout).toMatch(/\n {2}limits\t<map\[string\]Quantity>\n/);
      expect((await kubectl('explain', 'deployment.spec.strategy.rollingUpdate')).stdout).toMatch(/\n {2}maxSurge\t<IntOrString>\n/);
      expect((await kubectl('explain', 'pod.metadata')).stdout).toMatch(/\n {2}creationTimestamp\t<string>\n/);
    });

    it('explain of a missing field: the preamble, then the error', async () => {
      expect(await kubectl('explain', 'pod.spec.foo')).toMatchObject({
        code: 1,
        stdout: 'KIND:       Pod\nVERSION:    v1\n\n',
        stderr: 'error: field "foo" does not exist\n',
      });
    });

    it('explain pod.spec.containers.imagePullPolicy lists its ENUM values (Always, IfNotPresent, Never)', async () => {
      expect((await kubectl('explain', 'pod.spec.containers.imagePullPolicy')).stdout).toContain('ENUM:\n    Always\n    IfNotPresent\n    Never\n');
    });

    it('apply removes a container and an env var through kubectl\'s strategic merge patch (merge keys from the schema)', async () => {
      const deployment = (containers: string): string =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: two\nspec:\n  selector:\n    matchLabels: {app: two}\n  template:\n    metadata:\n      labels: {app: two}\n    spec:\n      containers:\n${containers}`;
      const path = manifest(
        'two.yaml',
        deployment('      - name: a\n        image: nginx\n        env:\n        - {name: "X", value: "1"}\n        - {name: "Y", value: "2"}\n      - name: b\n        image: busybox\n'),
      );
      expect(await kubectl('apply', '-f', path)).toMatchObject({ code: 0, stdout: 'deployment.apps/two created\n' });
      writeFileSync(path, deployment('      - name: a\n        image: nginx:1.25\n        env:\n        - {name: "Y", value: "3"}\n'));
      expect(await kubectl('apply', '-f', path)).toMatchObject({ code: 0, stdout: 'deployment.apps/two configured\n' });
      const containers = JSON.parse((await kubectl('get', 'deploy', 'two', '-o', 'jsonpath={.spec.template.spec.containers}')).stdout) as {
        name: string;
        image: string;
        env: unknown[];
      }[];
      expect(containers.map((c) => [c.name, c.image, c.env])).toEqual([['a', 'nginx:1.25', [{ name: 'Y', value: '3' }]]]);
    });
  });
  describe('containers that do not just run (kubelet behaviour)', () => {
    it('busybox without a command: Completed, then CrashLoopBackOff with climbing restarts', async () => {
      expect(await kubectl('run', 'bb', '--image=busybox')).toMatchObject({ code: 0 });
      advance(90_000);
      const [pod] = parseTable((await kubectl('get', 'pod', 'bb')).stdout).rows;
      expect(pod!.READY).toBe('0/1');
      expect(pod!.STATUS).toMatch(/^(CrashLoopBackOff|Completed)$/);
      expect(pod!.RESTARTS).toMatch(/^[1-9]\d* \(\d+s ago\)$/);
    });

    it('an image tag that does not exist: ErrImagePull / ImagePullBackOff', async () => {
      expect(await kubectl('run', 'badimage', '--image=nginx:no-such-tag')).toMatchObject({ code: 0 });
      advance(60_000);
      const [pod] = parseTable((await kubectl('get', 'pod', 'badimage')).stdout).rows;
      expect(pod).toMatchObject({ READY: '0/1' });
      expect(pod!.STATUS).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    });

    it('exec is refused with a clear message (the HTTP server speaks no streaming protocols)', async () => {
      const r = await kubectl('exec', 'fine', '--', 'ls');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Error from server \(BadRequest\): pods\/exec is not available: /m);
    });
  });

  describe('manifests that do not parse: the same file into the real kubectl and ours', () => {
    /** Our kubectl, typed on master01's shell in /root, with `file` holding `text` there. */
    const ours = (file: string, text: string, ...args: string[]): KubectlResult => {
      const machine = cluster.machines.get('master01')!;
      machine.host.fs.writeFile(`/root/${file}`, text, cluster.clock.now());
      const stdin = new SourceFile();
      stdin.end();
      let stdout = '';
      let stderr = '';
      const proc = cluster.kernel.spawn(machine.host, ['kubectl', ...args], {
        env: { PATH: DEFAULT_PATH, HOME: '/root', HOSTNAME: 'master01' },
        cwd: '/root',
        files: [stdin, new SinkFile((d) => (stdout += d)), new SinkFile((d) => (stderr += d))],
      });
      cluster.clock.runUntil(() => proc.exited !== undefined, 60_000);
      return { stdout, stderr, code: proc.exited!.code };
    };
    /** Both kubectls on one file (a dry run, so the two leave nothing behind for each other). */
    const both = async (file: string, text: string): Promise<[KubectlResult, KubectlResult]> => {
      manifest(file, text);
      const args = ['create', '-f', file, '--dry-run=client'];
      return [await kubectl(...args), ours(file, text, ...args)];
    };

    it('the tutorial pod with a tab in its labels: go-yaml\'s scanner error and line', async () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n  namespace: default\n  labels:\n \tapp: myapp\nspec:\n  containers:\n  - name: myapp\n    image: ikubernetes/myapp:v1\n';
      const [real, simulated] = await both('pod-demo.yaml', text);
      expect(real).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: error parsing pod-demo.yaml: error converting YAML to JSON: yaml: line 7: found character that cannot start any token\n',
      });
      expect(simulated).toEqual(real);
    });

    it('a key indented one space short: a parser error, named one line early', async () => {
      const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: short\nspec:\n  containers:\n  - name: c\n   image: nginx\n';
      const [real, simulated] = await both('short.yaml', text);
      expect(real.stderr).toBe('error: error parsing short.yaml: error converting YAML to JSON: yaml: line 7: did not find expected key\n');
      expect(simulated).toEqual(real);
    });

    it('a bad document in the middle: the one before it goes through, the one after it is not read', async () => {
      const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
      const [real, simulated] = await both('three.yaml', `${cm('yaml-one')}---\n${cm('yaml-two')}data:\n  x: "open\n---\n${cm('yaml-three')}`);
      expect(real).toEqual({
        code: 1,
        stdout: 'configmap/yaml-one created (dry run)\n',
        stderr: 'error: error parsing three.yaml: error converting YAML to JSON: yaml: line 7: found unexpected end of stream\n',
      });
      expect(simulated).toEqual(real);
    });

    it('JSON with a trailing comma: Go\'s decoder error and byte offset', async () => {
      const [real, simulated] = await both('pod.json', '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n}\n');
      expect(real.stderr).toBe('error: error parsing pod.json: json: offset 42: invalid character \'}\' looking for beginning of object key string\n');
      expect(simulated).toEqual(real);
    });
  });

  describe('logs -f: one request whose chunked answer stays open', () => {
    it('prints each line as the container writes it, and returns when the container exits', async () => {
      const script = 'i=0; while [ $i -lt 12 ]; do echo line $i; i=$((i+1)); sleep 1; done';
      expect(await kubectl('run', 'ticker', '--image=busybox', '--restart=Never', '--', '/bin/sh', '-c', script)).toMatchObject({ code: 0 });
      const running = async (): Promise<boolean> => (await kubectl('get', 'pod', 'ticker', '-o', 'jsonpath={.status.phase}')).stdout === 'Running';
      for (let i = 0; i < 40 && !(await running()); i++) advance(250);
      const follow = k.start('-v=6', 'logs', '-f', 'ticker');
      try {
        await follow.waitFor(/^line 0\n/);
        const before = lines(follow.stdout()).length;
        // New lines arrive on the open answer as simulated time moves; kubectl has not exited.
        await advanceInSteps(3_000, 250);
        await follow.waitFor(new RegExp(`^line ${before + 2}$`, 'm'));
        expect(follow.process.exitCode).toBeNull();
        await advanceInSteps(12_000, 500);
        await until(() => follow.process.exitCode !== null);
        expect(follow.process.exitCode).toBe(0);
        expect(follow.stdout()).toBe(Array.from({ length: 12 }, (_, i) => `line ${i}\n`).join(''));
        // One log request for the whole run, logged once when its answer began.
        const requests = follow.stderr().split('\n').filter((l) => l.includes('/log?'));
        expect(requests).toHaveLength(1);
        expect(requests[0]).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/default\/pods\/ticker\/log\?container=ticker&follow=true 200 OK in \d+ milliseconds$/);
      } finally {
        await follow.stop();
      }
    });
  });

  describe('long lists, in chunks', () => {
    it("the real kubectl pages through 601 ConfigMaps 500 at a time with the server's continue token", async () => {
      expect(await kubectl('create', 'namespace', 'bulk')).toMatchObject({ code: 0 });
      const client = cluster.client();
      for (let i = 0; i < 600; i++) {
        const created = client.create(resourceFor('', 'configmaps')!, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i).padStart(3, '0')}`, namespace: 'bulk' } });
        if (!created.ok) throw new Error(created.status.message);
      }
      advance(1_000); // the namespace's kube-root-ca.crt
      const r = await kubectl('get', 'configmaps', '-n', 'bulk', '-v=6');
      expect(r.code).toBe(0);
      const requests = r.stderr.split('\n').filter((l) => l.includes('/namespaces/bulk/configmaps'));
      expect(requests).toHaveLength(2);
      expect(requests[0]).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/bulk\/configmaps\?limit=500 200 OK in \d+ milliseconds$/);
      expect(requests[1]).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/bulk\/configmaps\?continue=[\w-]+&limit=500 200 OK in \d+ milliseconds$/);
      const names = parseTable(r.stdout).rows.map((row) => row.NAME);
      expect(names).toEqual([...Array.from({ length: 600 }, (_, i) => `cm-${String(i).padStart(3, '0')}`), 'kube-root-ca.crt']);
    });
  });
});
