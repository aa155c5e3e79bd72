/**
 * kubectl on master01 of a whole simulated cluster, as a learner types it: outputs and exit codes
 * compared with what kubectl v1.30 prints (reference §8, and the real binary against
 * `kubeplay serve`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PATH, NullFile, SinkFile } from '../../../engine/runtime/process';
import { resourceFor } from '../../../engine/api/resources';
import { Learner } from '../../../engine/tutorial/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);
const KLOG = /^[IWE]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [\w.]+:\d+\] /;

beforeAll(() => {
  learner = new Learner();
});

describe('kubectl on master01', () => {
  it('version prints client, kustomize and server versions', () => {
    expect(onMaster('kubectl version')).toEqual({
      output: 'Client Version: v1.30.2\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\nServer Version: v1.30.2\n',
      code: 0,
    });
  });

  it('an unknown command gets cobra\'s suggestions in kubectl\'s command order', () => {
    expect(onMaster('kubectl gett')).toEqual({ output: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n', code: 1 });
    expect(onMaster('kubectl foo')).toEqual({ output: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n', code: 1 });
    expect(onMaster('kubectl zzzzzz')).toEqual({ output: 'error: unknown command "zzzzzz" for "kubectl"\n', code: 1 });
  });

  it('flag errors point to the command\'s help', () => {
    expect(onMaster('kubectl version --foo')).toEqual({ output: "error: unknown flag: --foo\nSee 'kubectl version --help' for usage.\n", code: 1 });
    expect(onMaster('kubectl version -x')).toEqual({ output: "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl version --help' for usage.\n", code: 1 });
    expect(onMaster('kubectl version -n')).toEqual({ output: "error: flag needs an argument: 'n' in -n\nSee 'kubectl version --help' for usage.\n", code: 1 });
    expect(onMaster('kubectl -v=x version')).toEqual({
      output: 'error: invalid argument "x" for "-v, --v" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl version --help\' for usage.\n',
      code: 1,
    });
  });

  it('--help shows the command\'s help', () => {
    const help = onMaster('kubectl version --help');
    expect(help.code).toBe(0);
    expect(help.output).toContain("Options:\n    --client=false:\n\tIf true, print only kubectl's own version; the server is not asked.\n\n    -o, --output='':\n\tPrint the versions as yaml or json, with build details.\n\nUsage:\n  kubectl version [flags] [options]\n");
  });

  it('-v=6 logs the loaded kubeconfig and each request with status and latency', () => {
    const r = onMaster('kubectl version -v=6');
    const logs = r.output.split('\n').filter((l) => KLOG.test(l));
    expect(logs[0]).toMatch(/ loader\.go:395\] Config loaded from file: {2}\/root\/\.kube\/config$/);
    expect(logs[1]).toMatch(/ round_trippers\.go:553\] GET https:\/\/192\.168\.1\.130:6443\/version\?timeout=32s 200 OK in \d+ milliseconds$/);
  });
});

describe('kubectl without a reachable server', () => {
  it('a worker without kubeconfig dials localhost:8080 and is refused', () => {
    const r = learner.onNode('worker01', 'kubectl version');
    expect(r.code).toBe(1);
    expect(r.output).toBe(
      'Client Version: v1.30.2\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\n'
      + 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
    );
  });

  it('an unreachable address gives up with an i/o timeout', () => {
    const r = onMaster('kubectl version -s https://192.168.1.250:6443');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/Unable to connect to the server: dial tcp 192\.168\.1\.250:6443: (i\/o timeout|connect: no route to host)\n$/);
  });
});

describe('kubectl get', () => {
  it('prints the server-side Table with kubectl\'s spacing, NAMESPACE first under -A', () => {
    const r = onMaster('kubectl get pods -A');
    expect(r.code).toBe(0);
    const lines = r.output.trimEnd().split('\n');
    // kube-flannel is the longest namespace, kube-controller-manager-master01 the longest name.
    expect(lines[0]).toBe('NAMESPACE      NAME                               READY   STATUS    RESTARTS   AGE');
    expect(lines.slice(1).every((l) => /^(kube-flannel {3}|kube-system {4})\S+ +1\/1 {5}Running {3}0 {10}\d+[smh]/.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('kube-flannel '))).toHaveLength(3);
  });

  it('says there is nothing on stderr, naming the namespace', () => {
    expect(onMaster('kubectl get pods 2>/dev/null')).toEqual({ output: '', code: 0 });
    expect(onMaster('kubectl get pods')).toEqual({ output: 'No resources found in default namespace.\n', code: 0 });
    expect(onMaster('kubectl get pods -n kube-public')).toEqual({ output: 'No resources found in kube-public namespace.\n', code: 0 });
  });

  it('several kinds: kind-prefixed names, a table each, a blank line between', () => {
    const r = onMaster('kubectl get svc,deploy -n kube-system');
    expect(r.output).toMatch(/^NAME {15}TYPE {8}CLUSTER-IP {3}EXTERNAL-IP {3}PORT\(S\) {18}AGE\nservice\/kube-dns {3}ClusterIP {3}10\.96\.0\.10 {3}<none> {8}53\/UDP,53\/TCP,9153\/TCP {3}\S+\n\nNAME {22}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\ndeployment\.apps\/coredns {3}2\/2 {5}2 {12}2 {11}\S+\n$/);
  });

  it('resolves short names, singulars and group-qualified names through discovery', () => {
    for (const word of ['ns', 'namespace', 'namespaces', 'Namespace', 'namespaces.v1']) {
      expect(onMaster(`kubectl get ${word} kube-public -o name`).output).toBe('namespace/kube-public\n');
    }
    expect(onMaster('kubectl get deployments.apps -n kube-system -o name').output).toBe('deployment.apps/coredns\n');
    expect(onMaster('kubectl get deploy -n kube-system -o name').output).toBe('deployment.apps/coredns\n');
  });

  it('an unknown type and a missing object fail as kubectl does', () => {
    expect(onMaster('kubectl get deploment')).toEqual({ output: 'error: the server doesn\'t have a resource type "deploment"\n', code: 1 });
    expect(onMaster('kubectl get pod nope')).toEqual({ output: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(onMaster('kubectl get deploy nope')).toEqual({ output: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 });
  });

  it('-o yaml prints one object as itself and several as a List', () => {
    const one = onMaster('kubectl get ns default -o yaml').output;
    expect(one).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n {2}creationTimestamp: "[^"]+"\n {2}labels:\n {4}kubernetes\.io\/metadata\.name: default\n {2}name: default\n {2}resourceVersion: "\d+"\n {2}uid: \S+\nspec:\n {2}finalizers:\n {2}- kubernetes\nstatus:\n {2}phase: Active\n$/);
    const list = onMaster('kubectl get ns -o yaml').output;
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n')).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });

  it('--show-labels and -L add label columns', () => {
    const r = onMaster('kubectl get ns kube-public --show-labels -L kubernetes.io/metadata.name');
    expect(r.output).toMatch(/^NAME {10}STATUS {3}AGE {3}METADATA\.NAME {3}LABELS\nkube-public {3}Active {3}\S+ +kube-public {5}kubernetes\.io\/metadata\.name=kube-public\n$/);
  });

  it('-w prints the list, then a row per change, with the header once, until Ctrl-C', () => {
    let output = '';
    const sink = new SinkFile((d) => (output += d));
    const kubectl = learner.cluster.kernel.spawn(learner.cluster.machines.get('master01')!.host, ['kubectl', 'get', 'ns', '-w'], {
      env: { HOME: '/root', PATH: DEFAULT_PATH },
      files: [new NullFile(), sink, sink],
    });
    learner.wait(1000);
    expect(output.split('\n')[0]).toBe('NAME              STATUS   AGE');
    const before = output;
    learner.create('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n');
    learner.wait(1000);
    expect(output.slice(before.length)).toBe('dev               Active   0s\n');
    learner.cluster.kernel.signal(kubectl, 'SIGINT');
    expect(kubectl.exited).toEqual({ code: 130, signal: 'SIGINT' });
  });
});

describe('kubectl config, cluster-info and discovery commands', () => {
  it('config view redacts certificates; --raw shows them; current-context names the kubeadm context', () => {
    expect(onMaster('kubectl config view')).toEqual({
      output: `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://192.168.1.130:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`,
      code: 0,
    });
    expect(onMaster('kubectl config view --raw').output).toMatch(/certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t/);
    expect(onMaster('kubectl config current-context')).toEqual({ output: 'kubernetes-admin@kubernetes\n', code: 0 });
    expect(learner.onNode('worker01', 'kubectl config current-context')).toEqual({ output: 'error: current-context is not set\n', code: 1 });
  });

  it('cluster-info names the control plane and CoreDNS in kubectl\'s colours', () => {
    expect(onMaster('kubectl cluster-info')).toEqual({
      output:
        '\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://192.168.1.130:6443\x1b[0m\n'
        + '\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://192.168.1.130:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n'
        + "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
      code: 0,
    });
  });

  it('api-resources lists the reference rows; api-versions ends with v1', () => {
    const rows = onMaster('kubectl api-resources').output.split('\n').map((l) => l.split(/\s+/).join(' '));
    expect(rows[0]).toBe('NAME SHORTNAMES APIVERSION NAMESPACED KIND');
    for (const row of ['pods po v1 true Pod', 'namespaces ns v1 false Namespace', 'deployments deploy apps/v1 true Deployment', 'cronjobs cj batch/v1 true CronJob']) {
      expect(rows).toContain(row);
    }
    expect(onMaster('kubectl api-resources --namespaced=false -o name').output).toMatch(/^componentstatuses\n|^namespaces\nnodes\n/);
    const versions = onMaster('kubectl api-versions').output.trimEnd().split('\n');
    expect(versions.at(-1)).toBe('v1');
    expect(versions).toContain('apps/v1');
  });

  it('a long list comes 500 at a time: each chunk\'s continue token asks for the next, and the rows print as one table', () => {
    learner.create('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bulk\n');
    const client = learner.cluster.client();
    for (let i = 0; i < 600; i++) {
      const created = client.create(resourceFor('', 'configmaps')!, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i).padStart(3, '0')}`, namespace: 'bulk' } });
      if (!created.ok) throw new Error(created.status.message);
    }
    const chunked = onMaster('kubectl get cm -n bulk -v=6');
    const requests = chunked.output.split('\n').filter((l) => l.includes('round_trippers'));
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatch(/GET https:\/\/192\.168\.1\.130:6443\/api\/v1\/namespaces\/bulk\/configmaps\?limit=500 200 OK in \d+ milliseconds$/);
    expect(requests[1]).toMatch(/GET https:\/\/192\.168\.1\.130:6443\/api\/v1\/namespaces\/bulk\/configmaps\?continue=[\w-]+&limit=500 200 OK in \d+ milliseconds$/);
    const rows = chunked.output.split('\n').filter((l) => !KLOG.test(l) && l !== '');
    expect(rows[0]).toMatch(/^NAME +DATA +AGE$/);
    // 600 ConfigMaps and the namespace's kube-root-ca.crt, each once, in name order.
    expect(rows.slice(1).map((r) => r.split(/\s+/)[0])).toEqual([...Array.from({ length: 600 }, (_, i) => `cm-${String(i).padStart(3, '0')}`), 'kube-root-ca.crt']);

    const whole = onMaster('kubectl get cm -n bulk --chunk-size=0 -v=6').output.split('\n').filter((l) => l.includes('round_trippers'));
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatch(/\/api\/v1\/namespaces\/bulk\/configmaps 200 OK/);
    expect(onMaster('kubectl get cm -n bulk -o name --chunk-size=250').output.split('\n').filter(Boolean)).toHaveLength(601);
  });

  it('across namespaces, objects come in etcd key order: team-2 before team (the key is /registry/configmaps/<namespace>/<name>)', () => {
    learner.create('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n');
    learner.create('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-2\n');
    learner.create('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: team\n');
    learner.create('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: team-2\n');
    const rows = onMaster('kubectl get cm -A').output.split('\n').map((l) => l.split(/\s+/).slice(0, 2).join('/'));
    expect(rows.filter((r) => r.endsWith('/app'))).toEqual(['team-2/app', 'team/app']);
  });

  it('discovery is cached under ~/.kube/cache: a second run asks only for what it prints', () => {
    onMaster('rm -rf /root/.kube/cache');
    const cold = onMaster('kubectl get ns -v=6').output.split('\n').filter((l) => l.includes('round_trippers'));
    const warm = onMaster('kubectl get ns -v=6').output.split('\n').filter((l) => l.includes('round_trippers'));
    expect(cold.length).toBeGreaterThan(3);
    expect(warm).toHaveLength(1);
    expect(warm[0]).toMatch(/GET https:\/\/192\.168\.1\.130:6443\/api\/v1\/namespaces\?limit=500 200 OK in \d+ milliseconds$/);
  });
});
