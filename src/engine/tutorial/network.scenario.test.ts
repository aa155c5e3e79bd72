/**
 * The tutorial's network steps on a whole simulated cluster: a Service in front of pods, curl
 * from master01, a busybox client resolving names through CoreDNS, replicas taking turns, a
 * rolling update seen from a client, readiness taking a pod out of rotation, NodePorts, dig and
 * the iptables rules behind all of it. Packets go through the rules kube-proxy wrote; nothing here
 * looks an answer up behind the network's back.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { endpointChain, serviceChains } from '../network/kube-proxy/chain-names';
import { resourceFor } from '../api/resources';
import { CLIENT, Learner } from './testkit';

/** `kubectl run <name> --image=<image> --port=80` (v1.30 makes a Pod labelled run=<name>). */
const runPod = (name: string, image: string, extra = ''): string => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: default, labels: {run: ${name}}}
spec:
  containers:
  - name: ${name}
    image: ${image}
    ports: [{containerPort: 80}]
${extra}`;

const deployment = (name: string, image: string, replicas: number, extra = ''): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: default}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: ${name}
        image: ${image}
        ports: [{containerPort: 80}]
${extra}`;

/** `kubectl expose … --port=80 --target-port=80` with the given selector and extra spec lines. */
const service = (name: string, selector: string, extra = ''): string => `
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: default}
spec:
  selector: ${selector}
  ports: [{port: 80, targetPort: 80, protocol: TCP${extra.includes('nodePort') ? ', nodePort: 32444' : ''}}]
${extra.replace('nodePort', '')}`;


const clusterIP = (l: Learner, name: string): string => l.get<Service>('services', name).spec!.clusterIP!;
const podIP = (l: Learner, name: string): string => l.get<Pod>('pods', name).status!.podIP!;
const ready = (l: Learner, name: string): boolean => !!l.pod(name)?.pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/** The tutorial's opening: nginx behind a Service, a busybox client, CoreDNS ready. */
function nginxBehindService(): Learner {
  const l = new Learner();
  l.create(runPod('nginx-deploy', 'nginx:1.20-alpine'));
  l.create(service('nginx', '{run: nginx-deploy}'));
  l.create(CLIENT);
  l.waitFor('nginx and client ready', () => ready(l, 'nginx-deploy') && ready(l, 'client'));
  l.wait(2_000); // kube-proxy's next sync
  return l;
}

describe('Services: curl, wget and ping through kube-proxy rules', () => {
  const l = nginxBehindService();

  it('curl <ClusterIP> on master01 returns the welcome page; nginx logs the request from master01 as the flannel address', () => {
    const ip = clusterIP(l, 'nginx');
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    const curl = l.onNode('master01', `curl -s ${ip}`);
    expect(curl.code).toBe(0);
    expect(curl.output).toContain('<title>Welcome to nginx!</title>');
    expect(curl.output.length).toBe(612); // the nginx 1.20 page
    const podNode = l.get<Pod>('pods', 'nginx-deploy').spec!.nodeName!;
    const flannel = l.cluster.nodes.find((n) => n.name === 'master01')!.podCIDR.split('/')[0];
    expect(podNode).not.toBe('master01');
    expect(l.logs('nginx-deploy').text).toMatch(new RegExp(`^${flannel!.replace(/\./g, '\\.')} - - \\[.*\\] "GET / HTTP/1.1" 200 612 "-" "curl/7\\.76\\.1" "-"$`, 'm'));
  });

  it('the client pod resolves the Service by its short name and fetches the page with wget', () => {
    expect(l.exec('client', ['cat', '/etc/resolv.conf']).output).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    const wget = l.exec('client', ['wget', '-O', '-', '-q', 'http://nginx:80']);
    expect(wget.code).toBe(0);
    expect(wget.output).toContain('<h1>Welcome to nginx!</h1>');
    // Inside the pod network nothing is masqueraded: nginx sees the client's own IP.
    expect(l.logs('nginx-deploy').text).toContain(`${podIP(l, 'client')} - - [`);
  });

  it('ping reaches a pod IP (TTL 64 on the same node, 63 across nodes) but not a ClusterIP', () => {
    const target = podIP(l, 'nginx-deploy');
    const sameNode = l.get<Pod>('pods', 'client').spec!.nodeName === l.get<Pod>('pods', 'nginx-deploy').spec!.nodeName;
    const ping = l.exec('client', ['ping', '-c', '2', target]);
    expect(ping.code).toBe(0);
    expect(ping.output).toMatch(new RegExp(`^PING ${target} \\(${target}\\): 56 data bytes\\n64 bytes from ${target}: seq=0 ttl=${sameNode ? 64 : 63} time=\\d+\\.\\d{3} ms\\n`));
    expect(ping.output).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
    const toService = l.exec('client', ['ping', '-c', '2', '-W', '1', clusterIP(l, 'nginx')]);
    expect(toService.code).toBe(1);
    expect(toService.output).toContain('2 packets transmitted, 0 packets received, 100% packet loss');
  });
});

/** Counts each distinct line of `output`. */
function tally(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of output.split('\n').filter(Boolean)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/** A busybox loop fetching `url` `times` times, one request after another. */
const fetchLoop = (url: string, times: number): string[] => ['sh', '-c', `i=0; while [ $i -lt ${times} ]; do wget -q -O - ${url}; i=$((i+1)); done`];

const myappPods = (l: Learner): Pod[] => l.list<Pod>('pods', 'app=myapp');
const readyCount = (pods: Pod[]): number => pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;

/** The tutorial's second part: 3 myapp replicas behind the `myapp` Service, and a busybox client. */
function myappBehindService(): Learner {
  const l = new Learner();
  l.create(deployment('myapp', 'ikubernetes/myapp:v1', 3));
  l.create(service('myapp', '{app: myapp}'));
  l.create(CLIENT);
  l.waitFor('3 replicas ready', () => readyCount(myappPods(l)) === 3 && ready(l, 'client'));
  l.wait(2_000);
  return l;
}

describe('replicas behind one Service', () => {
  it('a wget loop over 3 myapp replicas hits each pod in roughly even shares', () => {
    const l = myappBehindService();
    const loop = l.exec('client', fetchLoop('http://myapp/hostname.html', 90));
    const counts = tally(loop.output);
    expect([...counts.keys()].sort()).toEqual(myappPods(l).map((p) => p.metadata!.name!).sort());
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(15); // 30 expected each
  });
});

describe('a rolling update seen from a client', () => {
  it('answers mix v1 and v2 while the rollout runs, and only v2 once it is done', () => {
    const l = myappBehindService();
    // The tutorial's loop, one request a second, left running while the image changes.
    const loop = l.start('client', ['sh', '-c', 'while true; do wget -q -O - http://myapp; sleep 1; done']);
    l.wait(5_000);
    l.patch('deployments', 'myapp', { spec: { template: { spec: { containers: [{ name: 'myapp', image: 'ikubernetes/myapp:v2' }] } } } }, 'apps');
    l.waitFor('rollout complete', () => {
      const pods = myappPods(l);
      return pods.length === 3 && readyCount(pods) === 3 && pods.every((p) => p.spec!.containers[0]!.image === 'ikubernetes/myapp:v2');
    });
    const duringRollout = loop.output();
    l.wait(3_000); // terminating pods leave the rules at kube-proxy's next sync
    const settled = loop.output().length;
    l.wait(30_000);
    const after = loop.output().slice(settled);

    const versions = (text: string): Set<string> => new Set(text.split('\n').filter(Boolean).map((line) => /Version: (v\d)/.exec(line)?.[1] ?? line));
    expect(versions(duringRollout)).toEqual(new Set(['v1', 'v2']));
    expect(after.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(25);
    expect(versions(after)).toEqual(new Set(['v2']));
  });
});

/** The nat rules of one Service in `iptables-save` order, as printed on `node`. */
const natRulesOf = (l: Learner, node: string, svc: string): string[] =>
  l.onNode(node, 'iptables-save -t nat').output.split('\n').filter((line) => line.startsWith('-A ') && line.includes(`"${svc}`));

describe('readiness and the rules', () => {
  it('a pod failing its readiness probe leaves the Service rules and the rotation within about a second', () => {
    const l = new Learner();
    const probe = '        readinessProbe: {httpGet: {path: /index.html, port: 80}, periodSeconds: 2, failureThreshold: 1}';
    l.create(deployment('web', 'nginx:1.25', 2, probe));
    l.create(service('web', '{app: web}'));
    l.create(CLIENT);
    l.waitFor('2 replicas ready', () => readyCount(l.list<Pod>('pods', 'app=web')) === 2 && ready(l, 'client'));
    l.wait(2_000);
    expect(natRulesOf(l, 'master01', 'default/web').filter((r) => r.includes(' -> '))).toHaveLength(2);

    const [sick, healthy] = l.list<Pod>('pods', 'app=web').map((p) => p.metadata!.name!);
    expect(l.exec(sick!, ['rm', '/usr/share/nginx/html/index.html']).code).toBe(0);
    l.waitFor('the pod to turn not ready', () => !ready(l, sick!), 10_000);
    const notReadyAt = l.now;
    l.waitFor('its rules to go', () => natRulesOf(l, 'worker01', 'default/web').filter((r) => r.includes(' -> ')).length === 1, 5_000);
    expect(l.now - notReadyAt).toBeLessThanOrEqual(2_000);
    const rules = natRulesOf(l, 'master01', 'default/web');
    expect(rules.join('\n')).toContain(`-> ${podIP(l, healthy!)}:80`);
    expect(rules.join('\n')).not.toContain(podIP(l, sick!));

    // Every request now lands on the healthy pod (the sick one would answer 404 for /index.html).
    const loop = l.exec('client', fetchLoop('http://web/index.html', 20));
    expect(loop.code).toBe(0);
    expect(loop.output.match(/<h1>Welcome to nginx!<\/h1>/g)).toHaveLength(20);
  });
});

describe('NodePort', () => {
  it('the Service answers on the same port of every node, through KUBE-NODEPORTS', () => {
    const l = new Learner();
    l.create(runPod('nginx-deploy', 'nginx:1.25'));
    l.create(service('nginx', '{run: nginx-deploy}', '  type: NodePort nodePort'));
    l.waitFor('nginx ready', () => ready(l, 'nginx-deploy'));
    l.wait(2_000);
    expect(l.get<Service>('services', 'nginx').spec!.ports![0]!.nodePort).toBe(32444);
    for (const node of l.cluster.nodes) {
      const curl = l.onNode('master01', `curl -s ${node.internalIP}:32444`);
      expect(curl.output, node.name).toContain('<title>Welcome to nginx!</title>');
    }
    const svc = serviceChains({ namespace: 'default', name: 'nginx', port: '' }, 'tcp');
    expect(natRulesOf(l, 'worker02', 'default/nginx')).toContain(`-A KUBE-NODEPORTS -p tcp -m comment --comment "default/nginx" -m tcp --dport 32444 -j ${svc.ext}`);
    // Another Service may not take the same port: the apiserver's own message.
    expect(() => l.create(service('other', '{run: other}', '  type: NodePort nodePort'))).toThrow(
      'Service "other" is invalid: spec.ports[0].nodePort: Invalid value: 32444: provided port is already allocated',
    );
  });
});

describe('iptables on the node', () => {
  it('a 2-endpoint Service has the documented layout: cluster IP jump, masquerade mark, 1/2 then the rest, DNAT per endpoint', () => {
    const l = new Learner();
    l.create(deployment('nginx', 'nginx:1.25', 2));
    l.create(service('nginx', '{app: nginx}'));
    l.waitFor('2 replicas ready', () => readyCount(l.list<Pod>('pods', 'app=nginx')) === 2);
    l.wait(2_000);
    const ip = clusterIP(l, 'nginx');
    const port = { namespace: 'default', name: 'nginx', port: '' };
    const svc = serviceChains(port, 'tcp').svc;
    expect(svc).toBe('KUBE-SVC-2CMXP7HKUVJN7L6M');
    const endpoints = l.list<Pod>('pods', 'app=nginx').map((p) => p.status!.podIP!).sort();
    const sep = (ep: string): string => endpointChain(port, 'tcp', `${ep}:80`);
    const expected = [
      // User chains come out sorted by name (iptables-nft), each with its rules in order.
      ...[...endpoints].sort((a, b) => (sep(a) < sep(b) ? -1 : 1)).flatMap((ep) => [
        `-A ${sep(ep)} -s ${ep}/32 -m comment --comment "default/nginx" -j KUBE-MARK-MASQ`,
        `-A ${sep(ep)} -p tcp -m comment --comment "default/nginx" -m tcp -j DNAT --to-destination ${ep}:80`,
      ]),
      `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/nginx cluster IP" -m tcp --dport 80 -j ${svc}`,
      `-A ${svc} ! -s 10.244.0.0/16 -d ${ip}/32 -p tcp -m comment --comment "default/nginx cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
      `-A ${svc} -m comment --comment "default/nginx -> ${endpoints[0]}:80" -m statistic --mode random --probability 0.50000000000 -j ${sep(endpoints[0]!)}`,
      `-A ${svc} -m comment --comment "default/nginx -> ${endpoints[1]}:80" -j ${sep(endpoints[1]!)}`,
    ];
    expect(natRulesOf(l, 'master01', 'default/nginx')).toEqual(expected);

    // The counters count: one curl from master01 is one new connection through the chain.
    l.onNode('master01', `curl -s ${ip} > /dev/null`);
    const listing = l.onNode('master01', `iptables -t nat -nvL ${svc}`).output;
    expect(listing).toMatch(new RegExp(`^Chain ${svc} \\(1 references\\)\\n pkts bytes target`));
    expect(listing).toMatch(/^ {4}1 {4}60 KUBE-MARK-MASQ .*\/\* default\/nginx cluster IP \*\/ tcp dpt:80$/m);
    expect(listing).toContain('statistic mode random probability 0.50000000000');
  });
});

describe('DNS: CoreDNS behind kube-dns', () => {
  const l = nginxBehindService();
  const ip = clusterIP(l, 'nginx');

  it('dig on master01 asks 10.96.0.10 and gets the ClusterIP, authoritative, TTL 30', () => {
    const dig = l.onNode('master01', 'dig -t A nginx.default.svc.cluster.local. @10.96.0.10');
    expect(dig.code).toBe(0);
    expect(dig.output).toContain(';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ');
    expect(dig.output).toContain(';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1');
    expect(dig.output).toContain(';; WARNING: recursion requested but not available');
    expect(dig.output).toContain(`;; ANSWER SECTION:\nnginx.default.svc.cluster.local. 30 IN\tA\t${ip}\n`);
    expect(dig.output).toMatch(/;; SERVER: 10\.96\.0\.10#53\(10\.96\.0\.10\)\n/);
    expect(l.onNode('master01', 'dig +short nginx.default.svc.cluster.local @10.96.0.10').output).toBe(`${ip}\n`);
  });

  it('busybox nslookup applies the search list and reports the other search domains as NXDOMAIN', () => {
    const lookup = l.exec('client', ['nslookup', 'nginx']);
    // busybox exits 1 when any query failed, and the other search domains do.
    expect(lookup.code).toBe(1);
    expect(lookup.output).toMatch(/^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\n/);
    expect(lookup.output).toContain(`Name:\tnginx.default.svc.cluster.local\nAddress: ${ip}\n`);
    expect(lookup.output).toContain("** server can't find nginx.svc.cluster.local: NXDOMAIN");
    const missing = l.exec('client', ['nslookup', 'nginxx']);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("** server can't find nginxx.default.svc.cluster.local: NXDOMAIN");
  });

  it('pod names resolve from their dashed IP; headless Services to one address per ready pod', () => {
    const target = podIP(l, 'nginx-deploy');
    const dashed = `${target.replace(/\./g, '-')}.default.pod.cluster.local`;
    expect(l.onNode('master01', `dig +short ${dashed} @10.96.0.10`).output).toBe(`${target}\n`);
    l.create(`
apiVersion: v1
kind: Service
metadata: {name: direct, namespace: default}
spec:
  clusterIP: None
  selector: {run: nginx-deploy}
  ports: [{port: 80}]
`);
    l.wait(2_000);
    expect(l.onNode('master01', 'dig +short direct.default.svc.cluster.local @10.96.0.10').output).toBe(`${target}\n`);
    // Headless Services get no rules: clients connect to the pod itself.
    expect(natRulesOf(l, 'master01', 'default/direct')).toEqual([]);
    expect(l.exec('client', ['wget', '-q', '-O', '-', 'http://direct']).output).toContain('<h1>Welcome to nginx!</h1>');
  });

  it('every query is published for the traffic view, with the CoreDNS pod that answered', () => {
    const seen: string[] = [];
    const stop = l.cluster.network.observe((e) => {
      if (e.kind === 'dns') seen.push(`${e.name} ${e.type} ${e.rcode} ${e.answers.join(',')} ${e.server}`);
      if (e.kind === 'connect' && e.service) seen.push(`connect ${e.to.ip}:${e.to.port} via ${e.service} to ${e.endpoint?.netns}`);
    });
    l.exec('client', ['wget', '-q', '-O', '/dev/null', 'http://nginx']);
    stop();
    expect(seen).toContainEqual(expect.stringMatching(new RegExp(`^nginx\\.default\\.svc\\.cluster\\.local\\. A NOERROR ${ip.replace(/\./g, '\\.')} kube-system/coredns-`)));
    expect(seen).toContainEqual(expect.stringMatching(/^connect 10\.96\.0\.10:53 via kube-system\/kube-dns to kube-system\/coredns-/));
    expect(seen).toContain(`connect ${ip}:80 via default/nginx to default/nginx-deploy`);
  });
});

describe('bad input gets the real error, and nothing else breaks', () => {
  const l = nginxBehindService();

  it('an unknown host, a closed port, a Service without endpoints', () => {
    expect(l.exec('client', ['wget', 'http://nginxx'])).toEqual({ output: "wget: bad address 'nginxx'\n", code: 1 });
    const target = podIP(l, 'nginx-deploy');
    expect(l.exec('client', ['wget', `http://${target}:8080`])).toEqual({
      output: `Connecting to ${target}:8080 (${target}:8080)\nwget: can't connect to remote host (${target}): Connection refused\n`,
      code: 1,
    });
    l.create(service('nobody', '{run: nobody}'));
    l.wait(2_000);
    const ip = clusterIP(l, 'nobody');
    expect(l.onNode('master01', `curl -s ${ip}`).code).toBe(7);
    expect(l.onNode('master01', `curl ${ip} 2>&1 | tail -1`).output).toBe(`curl: (7) Failed to connect to ${ip} port 80: Connection refused\n`);
    expect(l.onNode('master01', 'iptables-save -t filter').output).toContain(
      `-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/nobody has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`,
    );
    expect(l.onNode('master01', `curl -s ${clusterIP(l, 'nginx')}`).output).toContain('Welcome to nginx!');
  });

  it('a targetPort name no container defines leaves the Service without endpoints', () => {
    l.create(`
apiVersion: v1
kind: Service
metadata: {name: named, namespace: default}
spec:
  selector: {run: nginx-deploy}
  ports: [{port: 80, targetPort: http-alt}]
`);
    l.wait(2_000);
    expect(l.get<{ subsets?: unknown[] } & Service>('endpoints', 'named').subsets).toBeUndefined();
    expect(l.exec('client', ['wget', '-q', '-T', '2', 'http://named'])).toEqual({
      output: `wget: can't connect to remote host (${clusterIP(l, 'named')}): Connection refused\n`,
      code: 1,
    });
  });

  it('an ExternalName pointing at itself answers without an address, and DNS goes on working', () => {
    l.create(`
apiVersion: v1
kind: Service
metadata: {name: loop, namespace: default}
spec: {type: ExternalName, externalName: loop.default.svc.cluster.local}
`);
    l.wait(1_000);
    const dig = l.onNode('master01', 'dig loop.default.svc.cluster.local @10.96.0.10');
    expect(dig.code).toBe(0);
    expect(dig.output).toContain('status: NOERROR');
    expect(dig.output).toContain('ANSWER: 0');
    expect(l.exec('client', ['wget', '-q', 'http://loop']).output).toBe("wget: bad address 'loop'\n");
    expect(l.onNode('master01', 'dig +short nginx.default.svc.cluster.local @10.96.0.10').output).toBe(`${clusterIP(l, 'nginx')}\n`);
  });

  it('with CoreDNS scaled to zero, lookups time out; scaled back, they work again', () => {
    const scaleCoreDns = (replicas: number): void => {
      const patched = l.cluster.client().patch(resourceFor('apps', 'deployments')!, 'kube-system', 'coredns', 'strategic', { spec: { replicas } });
      if (!patched.ok) throw new Error(patched.status.message);
    };
    const corednsPods = (): Pod[] => {
      const list = l.cluster.client().list<Pod>(resourceFor('', 'pods')!, { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' });
      return list.ok ? list.value.items : [];
    };
    scaleCoreDns(0);
    l.waitFor('CoreDNS gone', () => corednsPods().length === 0);
    l.wait(2_000);
    const started = l.now;
    const lookup = l.exec('client', ['nslookup', 'nginx']);
    expect(lookup.output).toContain(';; connection timed out; no servers could be reached');
    expect(lookup.code).toBe(1);
    expect(l.now - started).toBeGreaterThanOrEqual(5_000);
    expect(l.exec('client', ['wget', '-q', 'http://nginx']).output).toBe("wget: bad address 'nginx'\n");

    scaleCoreDns(2);
    l.waitFor('CoreDNS ready', () => readyCount(corednsPods()) === 2);
    l.wait(2_000);
    expect(l.exec('client', ['wget', '-q', '-O', '-', 'http://nginx']).output).toContain('Welcome to nginx!');
  });
});

describe('Service variants', () => {
  const l = new Learner();
  l.create(deployment('myapp', 'ikubernetes/myapp:v1', 3));
  l.create(CLIENT);
  l.waitFor('3 replicas ready', () => readyCount(myappPods(l)) === 3 && ready(l, 'client'));

  it('sessionAffinity ClientIP keeps one client on one pod', () => {
    l.create(`
apiVersion: v1
kind: Service
metadata: {name: sticky, namespace: default}
spec:
  selector: {app: myapp}
  sessionAffinity: ClientIP
  ports: [{port: 80}]
`);
    l.wait(2_000);
    const counts = tally(l.exec('client', fetchLoop('http://sticky/hostname.html', 20)).output);
    expect(counts.size).toBe(1);
    expect([...counts.values()]).toEqual([20]);
  });

  it('multi-port Services with targetPort by container port name', () => {
    l.create(`
apiVersion: v1
kind: Pod
metadata: {name: named-web, namespace: default, labels: {role: named-web}}
spec:
  containers:
  - name: web
    image: nginx:1.25
    ports: [{name: web, containerPort: 80}]
`);
    l.create(`
apiVersion: v1
kind: Service
metadata: {name: two, namespace: default}
spec:
  selector: {role: named-web}
  ports:
  - {name: http, port: 80, targetPort: web}
  - {name: alt, port: 8080, targetPort: web}
`);
    l.waitFor('named-web ready', () => ready(l, 'named-web'));
    l.wait(2_000);
    for (const port of [80, 8080]) {
      expect(l.exec('client', ['wget', '-q', '-O', '-', `http://two:${port}`]).output, String(port)).toContain('Welcome to nginx!');
    }
    const chains = natRulesOf(l, 'master01', 'default/two').filter((r) => r.startsWith('-A KUBE-SERVICES'));
    expect(chains.map((r) => /--comment "([^"]+)"/.exec(r)![1])).toEqual(['default/two:alt cluster IP', 'default/two:http cluster IP']);
  });

  it('a Service without a selector sends traffic to the Endpoints written by hand', () => {
    const target = myappPods(l)[0]!;
    l.create(`
apiVersion: v1
kind: Service
metadata: {name: manual, namespace: default}
spec:
  ports: [{port: 80, targetPort: 80}]
`);
    l.create(`
apiVersion: v1
kind: Endpoints
metadata: {name: manual, namespace: default}
subsets:
- addresses: [{ip: ${target.status!.podIP}}]
  ports: [{port: 80}]
`);
    l.wait(2_000);
    expect(l.onNode('master01', `curl -s ${clusterIP(l, 'manual')}/hostname.html`).output).toBe(`${target.metadata!.name}\n`);
  });
});

describe('the pod network', () => {
  const l = nginxBehindService();

  it('a pod sees its own address on eth0 with the node bridge as gateway; the node routes to other nodes through flannel', () => {
    const ip = podIP(l, 'client');
    const gateway = ip.replace(/\.\d+$/, '.1');
    const inPod = l.exec('client', ['sh', '-c', 'ip addr show eth0; ip route; hostname -i']).output;
    expect(inPod).toContain(`    inet ${ip}/24 brd ${ip.replace(/\.\d+$/, '.255')} scope global eth0\n`);
    expect(inPod).toContain(`default via ${gateway} dev eth0 \n10.244.0.0/16 via ${gateway} dev eth0 \n`);
    expect(inPod.endsWith(`${ip} \n`)).toBe(true);
    const onNode = l.onNode('worker01', 'ip route').output;
    expect(onNode).toContain('10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink \n');
    expect(onNode).toContain('10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 \n');
  });

  it('a deleted pod gives its address back: nobody answers there any more (No route to host), nothing anywhere else (a timeout)', () => {
    l.create(runPod('short-lived', 'nginx:1.25'));
    l.waitFor('short-lived ready', () => ready(l, 'short-lived'));
    const ip = podIP(l, 'short-lived');
    expect(l.exec('client', ['wget', '-q', '-O', '-', `http://${ip}`]).output).toContain('Welcome to nginx!');
    l.deletePod('short-lived');
    l.waitFor('short-lived gone', () => l.pod('short-lived') === undefined);
    expect(l.exec('client', ['wget', '-q', `http://${ip}`]).output).toBe(`wget: can't connect to remote host (${ip}): No route to host\n`);
    const nowhere = l.onNode('master01', 'curl -s -m 2 http://10.9.9.9; echo "exit $?"');
    expect(nowhere.output).toBe('exit 28\n');
  });

  it('an ExternalName Service is a CNAME to the name it points at', () => {
    l.create(`
apiVersion: v1
kind: Service
metadata: {name: search, namespace: default}
spec: {type: ExternalName, externalName: www.example.com}
`);
    l.wait(1_000);
    expect(l.onNode('master01', 'dig +short search.default.svc.cluster.local @10.96.0.10').output).toBe('www.example.com.\n');
  });
});
