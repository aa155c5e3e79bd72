/**
 * The tutorial's pod manifests, run on a simulated cluster with the default timing profile, checked
 * the way a learner sees them: `kubectl get pods` (READY, STATUS, RESTARTS) and the events of
 * `kubectl describe pod`, at the simulated seconds a real node would show them.
 */
import { describe, expect, it } from 'vitest';
import { LIVENESS_EXEC, POSTSTART } from './probe-pods';
import { Learner, podYaml } from './testkit';

const POD_DEMO = `
apiVersion: v1
kind: Pod
metadata:
  name: pod-demo
  namespace: default
  labels:
    app: myapp
    tier: frontend
spec:
  containers:
  - name: myapp
    image: nginx:1.20
  - name: busybox
    image: busybox:latest
    command:
    - "/bin/sh"
    - "-c"
    - "sleep 3600"
`;

const BUSYBOX_NO_COMMAND = `
apiVersion: v1
kind: Pod
metadata:
  name: client
  namespace: default
spec:
  containers:
  - name: client
    image: busybox
`;

const nginxProbePod = (name: string, probe: 'livenessProbe' | 'readinessProbe'): string => podYaml(name, `  - name: ${name}
    image: nginx:1.20
    ports:
    - name: http
      containerPort: 80
    imagePullPolicy: IfNotPresent
    ${probe}:
      httpGet:
        port: http
        path: /index.html
      initialDelaySeconds: 2
      periodSeconds: 3
`);

const reasons = (l: Learner, pod: string): string[] => l.events(pod).map((e) => `${e.reason}: ${e.message}`);

describe('tutorial: pod-demo (nginx + busybox sleeping)', () => {
  it('pulls both images, starts both containers and reports 2/2 Running', () => {
    const l = new Learner();
    l.create(POD_DEMO);
    expect(l.must('pod-demo').row).toMatchObject({ ready: 0, total: 2, status: 'Pending' });
    l.wait(1000);
    expect(l.must('pod-demo').row).toMatchObject({ ready: 0, total: 2, status: 'ContainerCreating' });
    const took = l.waitFor('2/2 Running', () => l.must('pod-demo').row.ready === 2);
    // A first pull of nginx:1.20 (54 MB) at the default profile's speed takes seconds, not minutes.
    expect(took).toBeGreaterThan(2000);
    expect(took).toBeLessThan(20_000);
    const { pod, row } = l.must('pod-demo');
    expect(row).toMatchObject({ status: 'Running', restarts: 0 });
    expect(pod.status?.podIP).toMatch(/^10\.244\.[12]\.\d+$/);
    expect(pod.status?.qosClass).toBe('BestEffort');
    expect(pod.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const myapp = pod.status?.containerStatuses?.find((c) => c.name === 'myapp');
    expect(myapp).toMatchObject({ image: 'docker.io/library/nginx:1.20', ready: true, started: true, restartCount: 0 });
    expect(myapp?.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(myapp?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);

    const node = pod.spec?.nodeName;
    const events = reasons(l, 'pod-demo');
    expect(events[0]).toBe(`Scheduled: Successfully assigned default/pod-demo to ${node}`);
    expect(events.slice(1)).toEqual([
      'Pulling: Pulling image "nginx:1.20"',
      expect.stringMatching(/^Pulled: Successfully pulled image "nginx:1\.20" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 54183520 bytes\.$/),
      'Created: Created container myapp',
      'Started: Started container myapp',
      'Pulling: Pulling image "busybox:latest"',
      expect.stringMatching(/^Pulled: Successfully pulled image "busybox:latest" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 2231050 bytes\.$/),
      'Created: Created container busybox',
      'Started: Started container busybox',
    ]);
  });

  it("kubectl logs: the nginx entrypoint's lines for myapp, nothing for busybox, and a choice to make without -c", () => {
    const l = new Learner();
    l.create(POD_DEMO);
    l.waitFor('2/2', () => l.must('pod-demo').row.ready === 2);
    const myapp = l.logs('pod-demo', { container: 'myapp' });
    expect(myapp.status).toBe(200);
    const lines = myapp.text.split('\n');
    // nginx ≤ 1.20 images log errors at `warn`, so after the entrypoint's lines nginx stays quiet.
    expect(lines).toEqual([
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      '',
    ]);
    expect(l.logs('pod-demo', { container: 'busybox' })).toEqual({ status: 200, text: '' });
    expect(l.logs('pod-demo')).toEqual({ status: 400, text: 'a container name must be specified for pod pod-demo, choose one of: [myapp busybox]' });
  });

  it('deleting it takes the full 30 s grace period: the shell as PID 1 ignores SIGTERM', () => {
    const l = new Learner();
    l.create(POD_DEMO);
    l.waitFor('2/2', () => l.must('pod-demo').row.ready === 2);
    l.deletePod('pod-demo');
    l.wait(1000);
    expect(l.must('pod-demo').row.status).toBe('Terminating');
    expect(reasons(l, 'pod-demo')).toEqual(expect.arrayContaining(['Killing: Stopping container myapp', 'Killing: Stopping container busybox']));
    l.wait(27_000);
    expect(l.pod('pod-demo')).toBeDefined();
    const gone = l.waitFor('the pod object to go away', () => l.pod('pod-demo') === undefined, 10_000);
    expect(gone).toBeLessThan(5000);
  });
});

describe('tutorial: liveness-exec', () => {
  it('probes pass for 30 s, fail three times, then the container is killed and restarted', () => {
    const l = new Learner();
    l.create(LIVENESS_EXEC);
    const name = 'liveness-exec-container';
    l.waitFor('running', () => l.must(name).row.status === 'Running');
    const started = l.startedAt(name, name);
    // Healthy while /tmp/healthy exists (30 s), then three failed probes 3 s apart.
    l.wait(started + 31_000 - l.now);
    expect(l.events(name).filter((e) => e.reason === 'Unhealthy')).toEqual([]);
    l.wait(started + 40_000 - l.now);
    const unhealthy = l.events(name).filter((e) => e.reason === 'Unhealthy');
    expect(unhealthy).toHaveLength(1);
    expect(unhealthy[0]).toMatchObject({ type: 'Warning', message: 'Liveness probe failed: ', count: 3 });
    expect(unhealthy[0]!.first - started).toBeGreaterThanOrEqual(30_000);
    expect(unhealthy[0]!.last - started).toBeLessThanOrEqual(39_000);
    expect(reasons(l, name)).toContain(`Killing: Container ${name} failed liveness probe, will be restarted`);
    // sh ignores SIGTERM: the kill takes the 30 s grace period, then SIGKILL → exit 137.
    expect(l.must(name).row.restarts).toBe(0);
    l.waitFor('a restart', () => l.must(name).row.restarts === 1, 40_000);
    const killedAfter = l.now - unhealthy[0]!.last;
    expect(killedAfter).toBeGreaterThanOrEqual(29_000);
    const status = l.must(name).pod.status!.containerStatuses![0]!;
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    l.waitFor('running again', () => l.must(name).row.status === 'Running', 10_000);
  });
});

describe('tutorial: busybox with no command', () => {
  it('sh reads end of file and exits 0: Completed, then CrashLoopBackOff with doubling waits', () => {
    const l = new Learner();
    l.create(BUSYBOX_NO_COMMAND);
    l.waitFor('first exit', () => l.must('client').pod.status?.containerStatuses?.[0]?.state?.terminated !== undefined || l.must('client').row.restarts > 0);
    const restartTimes: number[] = [];
    let last = 0;
    l.waitFor('four restarts', () => {
      const r = l.must('client').row.restarts;
      if (r > last) {
        restartTimes.push(l.now);
        last = r;
      }
      return r >= 4;
    });
    const gaps = restartTimes.slice(1).map((t, i) => t - restartTimes[i]!);
    // Back-off 10 s, 20 s, 40 s; a pod in back-off is re-synced every 10–15 s (jittered), so the
    // restart comes at the first re-sync after the back-off has passed.
    for (const [i, backOff] of [10_000, 20_000, 40_000].entries()) {
      expect(gaps[i]).toBeGreaterThanOrEqual(backOff);
      expect(gaps[i]).toBeLessThan(backOff + 16_000);
    }
    const { row, pod } = l.must('client');
    expect(['CrashLoopBackOff', 'Completed']).toContain(row.status);
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const backOff = l.events('client').find((e) => e.reason === 'BackOff');
    expect(backOff?.message).toBe(`Back-off restarting failed container client in pod client_default(${pod.metadata!.uid})`);
  });

  it('with restartPolicy Never it ends Succeeded (STATUS Completed)', () => {
    const l = new Learner();
    l.create(BUSYBOX_NO_COMMAND.replace('spec:\n', 'spec:\n  restartPolicy: Never\n'));
    l.waitFor('Succeeded', () => l.must('client').pod.status?.phase === 'Succeeded');
    expect(l.must('client').row).toMatchObject({ ready: 0, status: 'Completed', restarts: 0 });
  });
});

describe('tutorial: poststart-pod', () => {
  it('httpd cannot chdir to " /tmp", so the container keeps failing and backs off', () => {
    const l = new Learner();
    l.create(POSTSTART);
    l.waitFor('a few restarts', () => l.must('poststart-pod').row.restarts >= 2);
    const { row, pod } = l.must('poststart-pod');
    expect(['CrashLoopBackOff', 'Error', 'PostStartHookError']).toContain(row.status);
    expect(pod.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).not.toBe(0);
    expect(reasons(l, 'poststart-pod')).toEqual(expect.arrayContaining([
      'Created: Created container busybox-httpd',
      'Started: Started container busybox-httpd',
      'BackOff: ' + `Back-off restarting failed container busybox-httpd in pod poststart-pod_default(${pod.metadata!.uid})`,
    ]));
  });
});

describe('tutorial: liveness-httpget after deleting index.html', () => {
  it('three 404s, a restart, and the image\'s index.html is back in the fresh container', () => {
    const l = new Learner();
    const name = 'liveness-httpget-container';
    l.create(nginxProbePod(name, 'livenessProbe'));
    l.waitFor('1/1', () => l.must(name).row.ready === 1);
    l.wait(10_000);
    expect(l.exec(name, ['/bin/bash', '-c', 'cd /usr/share/nginx/html/ && rm -rf index.html && ls'])).toEqual({ output: '50x.html\n', code: 0 });
    const removedAt = l.now;
    l.waitFor('a restart', () => l.must(name).row.restarts === 1, 30_000);
    // Three failed probes 3 s apart; nginx stops at once on SIGQUIT, so the restart follows quickly.
    expect(l.now - removedAt).toBeGreaterThanOrEqual(6_000);
    expect(l.now - removedAt).toBeLessThan(14_000);
    const unhealthy = l.events(name).find((e) => e.reason === 'Unhealthy');
    expect(unhealthy).toMatchObject({ type: 'Warning', message: 'Liveness probe failed: HTTP probe failed with statuscode: 404', count: 3 });
    expect(reasons(l, name)).toEqual(expect.arrayContaining([
      `Killing: Container ${name} failed liveness probe, will be restarted`,
      'Pulled: Container image "nginx:1.20" already present on machine',
    ]));
    l.waitFor('1/1 again', () => l.must(name).row.ready === 1, 10_000);
    expect(l.exec(name, ['ls', '/usr/share/nginx/html'])).toEqual({ output: '50x.html\nindex.html\n', code: 0 });
    const status = l.must(name).pod.status!.containerStatuses![0]!;
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    // The failed probes are in the previous container's access log (`kubectl logs --previous`),
    // coming from the node's cni0 address.
    const previous = l.logs(name, { previous: 'true' }).text;
    expect(previous).toMatch(/\n10\.244\.\d+\.1 - - \[[^\]]+\] "GET \/index\.html HTTP\/1\.1" 404 \d+ "-" "kube-probe\/1\.30" "-"\n/);
    l.wait(30_000);
    expect(l.must(name).row).toMatchObject({ ready: 1, status: 'Running', restarts: 1 });
  });
});

describe('tutorial: readiness-httpget off and on again', () => {
  it('READY drops to 0/1 without a restart, and comes back once index.html exists again', () => {
    const l = new Learner();
    const name = 'readiness-httpget-container';
    l.create(nginxProbePod(name, 'readinessProbe'));
    // Not ready until the first probe succeeds, 2 s after the start.
    l.waitFor('running', () => l.must(name).row.status === 'Running');
    expect(l.must(name).row.ready).toBe(0);
    const readyAfter = l.waitFor('1/1', () => l.must(name).row.ready === 1, 10_000);
    expect(readyAfter).toBeLessThanOrEqual(4_000);
    expect(l.exec(name, ['rm', '-rf', '/usr/share/nginx/html/index.html']).code).toBe(0);
    l.waitFor('0/1', () => l.must(name).row.ready === 0, 15_000);
    const pod = l.must(name).pod;
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${name}]` });
    expect(l.events(name).find((e) => e.reason === 'Unhealthy')).toMatchObject({ message: 'Readiness probe failed: HTTP probe failed with statuscode: 404' });
    l.wait(20_000);
    expect(l.must(name).row).toMatchObject({ ready: 0, status: 'Running', restarts: 0 });
    expect(l.exec(name, ['/bin/sh', '-c', `echo ${name} > /usr/share/nginx/html/index.html`]).code).toBe(0);
    const back = l.waitFor('1/1 again', () => l.must(name).row.ready === 1, 10_000);
    expect(back).toBeLessThanOrEqual(3_500);
  });
});
