import { describe, expect, it } from 'vitest';
import { invalid as invalidStatus } from '../errors';
import { strategyFor } from './index';
import { POD_UPDATE_FORBIDDEN } from './pod-update';
import { context, create, resource, update } from './testing';

const pods = resource('', 'pods');
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const pod = (spec: Record<string, unknown>, name = 'nginx'): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { run: name } },
  spec,
});
const nginx = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'nginx', image: 'nginx', ...extra });

describe('Pod defaults and admission', () => {
  it('fills in what `kubectl run nginx --image=nginx` shows in `get -o yaml`', () => {
    const { obj, errors } = create(pods, pod({ containers: [nginx()] }));
    expect(errors).toEqual([]);
    const spec = (obj as unknown as { spec: Record<string, unknown> }).spec;
    const volumeName = (spec.volumes as { name: string }[])[0]!.name;
    expect(volumeName).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(spec).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          imagePullPolicy: 'Always',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volumeName, readOnly: true }],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: volumeName,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    });
    expect((obj as unknown as { status: unknown }).status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(obj.metadata?.generation).toBeUndefined();
  });

  it('draws the token volume name from the seeded rng', () => {
    const a = create(pods, pod({ containers: [nginx()] }), context([], 42)).obj;
    const b = create(pods, pod({ containers: [nginx()] }), context([], 42)).obj;
    expect(a).toEqual(b);
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'Always'],
    ['registry.local:5000/team/app:v2', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    [`nginx:1.25@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    ['Nginx', 'IfNotPresent'],
  ])('image %s pulls %s', (image, policy) => {
    const { obj } = create(pods, pod({ containers: [nginx({ image })] }));
    expect((obj as unknown as { spec: { containers: { imagePullPolicy: string }[] } }).spec.containers[0]!.imagePullPolicy).toBe(policy);
  });

  it('defaults probes, httpGet path/scheme and port protocols', () => {
    const { obj } = create(
      pods,
      pod({ containers: [nginx({ ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { port: 80 } }, readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 } })] }),
    );
    const c = (obj as unknown as { spec: { containers: Record<string, unknown>[] } }).spec.containers[0]!;
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
  });

  it('keeps a user-set mount of the token path and honours automountServiceAccountToken: false', () => {
    const own = create(pods, pod({ containers: [nginx({ volumeMounts: [{ name: 'x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] })], volumes: [{ name: 'x', emptyDir: {} }] }));
    expect((own.obj as unknown as { spec: { volumes: unknown[] } }).spec.volumes).toEqual([{ name: 'x', emptyDir: {} }]);
    const off = create(pods, pod({ automountServiceAccountToken: false, containers: [nginx()] }));
    expect((off.obj as unknown as { spec: Record<string, unknown> }).spec.volumes).toBeUndefined();
  });

  it.each([
    ['no resources', {}, 'BestEffort'],
    ['requests only', { requests: { cpu: '100m' } }, 'Burstable'],
    ['limits only (requests default to them)', { limits: { cpu: '1', memory: '128Mi' } }, 'Guaranteed'],
    ['requests below limits', { requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '1', memory: '128Mi' } }, 'Burstable'],
  ])('QoS: %s → %s', (_, resources, qos) => {
    const { obj, errors } = create(pods, pod({ containers: [nginx({ resources })] }));
    expect(errors).toEqual([]);
    expect((obj as unknown as { status: { qosClass: string } }).status.qosClass).toBe(qos);
  });
});

describe('Pod validation', () => {
  it.each([
    ['no containers', pod({ containers: [] }), ['spec.containers: Required value']],
    ['missing image', pod({ containers: [{ name: 'nginx' }] }), ['spec.containers[0].image: Required value']],
    [
      'bad container name',
      pod({ containers: [nginx({ name: 'Nginx' })] }),
      [
        `spec.containers[0].name: Invalid value: "Nginx": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      ],
    ],
    ['duplicate container names', pod({ containers: [nginx(), nginx()] }), ['spec.containers[1].name: Duplicate value: "nginx"']],
    ['containerPort 0', pod({ containers: [nginx({ ports: [{ containerPort: 0 }] })] }), ['spec.containers[0].ports[0].containerPort: Required value']],
    [
      'containerPort out of range',
      pod({ containers: [nginx({ ports: [{ containerPort: 70000 }] })] }),
      ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    [
      'duplicate port names',
      pod({ containers: [nginx({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] }),
      ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ],
    [
      'bad port name',
      pod({ containers: [nginx({ ports: [{ name: 'HTTP', containerPort: 80 }] })] }),
      [
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    ],
    [
      'unsupported restartPolicy',
      pod({ restartPolicy: 'Sometimes', containers: [nginx()] }),
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    [
      'unsupported imagePullPolicy',
      pod({ containers: [nginx({ imagePullPolicy: 'Sometimes' })] }),
      ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
    ],
    ['probe without a handler', pod({ containers: [nginx({ livenessProbe: { periodSeconds: 5 } })] }), ['spec.containers[0].livenessProbe: Required value: must specify a handler type']],
    [
      'probe with two handlers',
      pod({ containers: [nginx({ readinessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } })] }),
      ['spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ],
    [
      'liveness successThreshold',
      pod({ containers: [nginx({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })] }),
      ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ],
    [
      'startup successThreshold',
      pod({ containers: [nginx({ startupProbe: { tcpSocket: { port: 80 }, successThreshold: 3 } })] }),
      ['spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1'],
    ],
    ['readiness may need several successes', pod({ containers: [nginx({ readinessProbe: { tcpSocket: { port: 80 }, successThreshold: 3 } })] }), []],
    [
      'negative probe period',
      pod({ containers: [nginx({ readinessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: -1 } })] }),
      ['spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0'],
    ],
    ['exec without a command', pod({ containers: [nginx({ livenessProbe: { exec: {} } })] }), ['spec.containers[0].livenessProbe.exec.command: Required value']],
    ['mount of a missing volume', pod({ containers: [nginx({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] }), ['spec.containers[0].volumeMounts[0].name: Not found: "data"']],
    [
      'duplicate volumes',
      pod({ containers: [nginx()], volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] }),
      ['spec.volumes[1].name: Duplicate value: "v"'],
    ],
    [
      'two volume sources',
      pod({ containers: [nginx()], volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }] }),
      ['spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type'],
    ],
    [
      'request above limit',
      pod({ containers: [nginx({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] }),
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ],
    [
      'unknown resource name',
      pod({ containers: [nginx({ resources: { limits: { gpu: '1' } } })] }),
      [
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'bad env name',
      pod({ containers: [nginx({ env: [{ name: '1X', value: 'y' }] })] }),
      [
        `spec.containers[0].env[0].name: Invalid value: "1X": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
      ],
    ],
    [
      'toleration with seconds but not NoExecute',
      pod({ containers: [nginx()], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] }),
      ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
    ],
    ['invalid pod name', pod({ containers: [nginx()] }, 'Nginx'), [`metadata.name: Invalid value: "Nginx": ${SUBDOMAIN}`]],
    [
      'bad label value',
      { metadata: { name: 'p', namespace: 'default', labels: { app: '-web' } }, spec: { containers: [nginx()] } },
      [
        `metadata.labels: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ],
    ],
    ['missing name', { metadata: { namespace: 'default' }, spec: { containers: [nginx()] } }, ['metadata.name: Required value: name or generateName is required']],
  ])('%s', (_, body, expected) => {
    expect(create(pods, body).errors).toEqual(expected);
  });

  it('renders the way kubectl shows it', () => {
    const errs = strategyFor(pods).validate(create(pods, pod({ containers: [{ name: 'nginx' }] })).obj, context());
    expect(invalidStatus('Pod', 'nginx', errs).message).toBe('Pod "nginx" is invalid: spec.containers[0].image: Required value');
  });
});

describe('Pod updates', () => {
  const stored = create(pods, pod({ containers: [nginx({ image: 'nginx:1.24', ports: [{ containerPort: 80 }] })] })).obj;
  const edit = (mutate: (p: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } }) => void): string[] => {
    const next = JSON.parse(JSON.stringify(stored));
    mutate(next);
    return update(pods, next, stored).errors;
  };

  it('allows a new image, a shorter deadline and added tolerations', () => {
    expect(edit((p) => (p.spec.containers[0]!.image = 'nginx:1.25'))).toEqual([]);
    expect(edit((p) => (p.spec.activeDeadlineSeconds = 60))).toEqual([]);
    expect(edit((p) => (p.spec.tolerations as unknown[]).push({ key: 'x', operator: 'Exists' }))).toEqual([]);
  });

  it('forbids anything else with the real message, followed by a diff', () => {
    const [error, ...rest] = edit((p) => (p.spec.containers[0]!.ports = [{ containerPort: 8080, protocol: 'TCP' }]));
    expect(rest).toEqual([]);
    expect(error!.split('\n')[0]).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(error).toContain(POD_UPDATE_FORBIDDEN);
    expect(error).toContain('  core.PodSpec{');
    expect(error).toContain('- \tContainers:');
  });

  it.each([
    ['adding a container', (p: { spec: { containers: unknown[] } }) => p.spec.containers.push(nginx({ name: 'b' })), ['spec.containers: Forbidden: pod updates may not add or remove containers']],
    [
      'changing a toleration',
      (p: { spec: Record<string, unknown> }) => ((p.spec.tolerations as Record<string, unknown>[])[0]!.operator = 'Equal'),
      ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'],
    ],
    ['clearing the image', (p: { spec: { containers: Record<string, unknown>[] } }) => (p.spec.containers[0]!.image = ''), ['spec.containers[0].image: Required value', 'spec.containers[0].image: Required value']],
  ])('%s', (_, mutate, expected) => {
    expect(edit(mutate as never)).toEqual(expected);
  });

  it('keeps the status on a main-resource update and takes only the status through /status', () => {
    const withStatus = { ...JSON.parse(JSON.stringify(stored)), status: { phase: 'Running' } };
    const main = update(pods, withStatus, stored);
    expect((main.obj as unknown as { status: unknown }).status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    const changedSpec = JSON.parse(JSON.stringify(withStatus));
    changedSpec.spec.containers[0].image = 'other';
    changedSpec.metadata.labels = { hacked: 'yes' };
    const viaStatus = update(pods, changedSpec, stored, context(), 'status');
    expect((viaStatus.obj as unknown as { status: unknown }).status).toEqual({ phase: 'Running' });
    expect((viaStatus.obj as unknown as { spec: unknown }).spec).toEqual((stored as unknown as { spec: unknown }).spec);
    expect(viaStatus.obj.metadata?.labels).toEqual({ run: 'nginx' });
  });
});

describe('quantities', () => {
  it('are stored in canonical form', () => {
    const { obj } = create(pods, pod({ containers: [nginx({ resources: { limits: { cpu: 0.5, memory: '1024Mi' }, requests: { cpu: '250m' } } })] }));
    expect((obj as unknown as { spec: { containers: { resources: unknown }[] } }).spec.containers[0]!.resources).toEqual({
      limits: { cpu: '500m', memory: '1Gi' },
      requests: { cpu: '250m', memory: '1Gi' },
    });
  });
});
