/**
 * `kubectl describe` of the tutorial's objects, printed by kubeplay's kubectl and by the real
 * kubectl 1.30 against `kubeplay serve` of the same cluster: line for line the same, up to ages
 * (the real one counts them from the wall clock) and column padding that follows their width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster/cluster';
import { Learner } from '../engine/tutorial/testkit';
import { startServe, type Serving } from './start-serve';
import { findKubectl, kubectlSession, type KubectlSession } from './testing/kubectl-harness';

const KUBECTL = findKubectl();

/** The tutorial's manifests (section 4 and the probes and hooks of section 6). */
const MANIFESTS = `apiVersion: v1
kind: Pod
metadata:
  name: pod-demo
  labels: {app: myapp, tier: frontend}
  annotations: {master01/created-by: cluster admin}
spec:
  containers:
  - name: myapp
    image: nginx:1.20
    ports: [{name: http, containerPort: 80}, {name: https, containerPort: 443}]
  - name: busybox
    image: busybox:latest
    imagePullPolicy: IfNotPresent
    command: ["/bin/sh", "-c", "sleep 3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec-container
spec:
  containers:
  - name: liveness-exec-container
    image: busybox:latest
    imagePullPolicy: IfNotPresent
    command: ['/bin/sh','-c','touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 3600']
    livenessProbe:
      exec: {command: ['test', '-e', '/tmp/healthy']}
      initialDelaySeconds: 2
      periodSeconds: 3
---
apiVersion: v1
kind: Pod
metadata:
  name: readiness-httpget-container
spec:
  containers:
  - name: readiness-httpget-container
    image: nginx:1.20
    ports: [{name: http, containerPort: 80}]
    readinessProbe:
      httpGet: {port: http, path: /missing.html}
      initialDelaySeconds: 2
      periodSeconds: 3
---
apiVersion: v1
kind: Pod
metadata:
  name: poststart-pod
spec:
  containers:
  - name: busybox-httpd
    image: busybox:latest
    imagePullPolicy: IfNotPresent
    lifecycle:
      postStart:
        exec: {command: ["/bin/sh","-c","echo 'Home Page' >> /tmp/index.html"]}
    command: ["/bin/httpd"]
    args: ["-f","-h /tmp"]
`;

/** Ages and durations masked, runs of spaces made one: what is left must match exactly. */
const normalized = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.replace(/<invalid>|\b\d+(?:\.\d+)?(?:ms|s|m|h|d)(?:\d+(?:s|m|h))?\b/g, 'T').replace(/ +/g, ' ').trimEnd());

describe.skipIf(!KUBECTL)('describe, ours and the real kubectl 1.30 on the same cluster', { timeout: 60_000 }, () => {
  let learner: Learner;
  let serving: Serving;
  let k: KubectlSession;

  beforeAll(async () => {
    // Simulated time stays behind the wall clock, so the real kubectl never sees a future timestamp.
    const epochMs = Math.floor((Date.now() - 60 * 60_000) / 1000) * 1000;
    const cluster = Cluster.create({ seed: 5, epochMs, settleMs: 5 * 60_000 });
    learner = new Learner(cluster);
    serving = await startServe({ cluster, port: 0, speed: 0 });
    k = kubectlSession(KUBECTL!, serving.url);
    const created = learner.onNode('master01', `cat > tutorial.yaml <<'EOF'\n${MANIFESTS}EOF\nkubectl create -f tutorial.yaml && kubectl create deployment myapp --image=ikubernetes/myapp:v1 --replicas=2 && kubectl expose deployment myapp --port=80`);
    expect(created.code).toBe(0);
    // Long enough for the liveness restart (≈70 s) and a few postStart crash loops.
    cluster.clock.advance(120_000);
  }, 60_000);

  afterAll(async () => {
    k?.dispose();
    await serving?.close();
  });

  it.each([
    ['pod', 'pod-demo'],
    ['pod', 'liveness-exec-container'],
    ['pod', 'readiness-httpget-container'],
    ['pod', 'poststart-pod'],
    ['deployment', 'myapp'],
    ['service', 'myapp'],
    ['node', 'worker01'],
  ])('describe %s %s', async (kind, name) => {
    const real = await k.run('describe', kind, name);
    expect(real.code).toBe(0);
    const ours = learner.onNode('master01', `kubectl describe ${kind} ${name}`);
    expect(ours.code).toBe(0);
    expect(normalized(ours.output)).toEqual(normalized(real.stdout));
  });
});
