import { describe, expect, it } from 'vitest';
import { invalid as invalidStatus } from '../errors';
import { strategyFor } from './index';
import { context, create, resource, update } from './testing';

const deployments = resource('apps', 'deployments');

const deployment = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec,
});
const template = (labels: Record<string, string> = { app: 'web' }, spec: Record<string, unknown> = {}): Record<string, unknown> => ({
  metadata: { labels },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }], ...spec },
});
const valid = (extra: Record<string, unknown> = {}): Record<string, unknown> =>
  deployment({ selector: { matchLabels: { app: 'web' } }, template: template(), ...extra });

describe('Deployment defaults', () => {
  it('fills replicas, strategy, history and deadline, and the template', () => {
    const { obj, errors } = create(deployments, valid());
    expect(errors).toEqual([]);
    const spec = (obj as unknown as { spec: Record<string, unknown> }).spec;
    expect(spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
    // Templates get no admission: no token volume, no tolerations, no enableServiceLinks.
    expect((spec.template as { spec: Record<string, unknown> }).spec.volumes).toBeUndefined();
    expect((spec.template as { spec: Record<string, unknown> }).spec.enableServiceLinks).toBeUndefined();
    expect(obj.metadata?.generation).toBe(1);
    expect((obj as unknown as { status?: unknown }).status).toBeUndefined();
  });

  it('leaves Recreate without rolling parameters', () => {
    const { obj } = create(deployments, valid({ strategy: { type: 'Recreate' } }));
    expect((obj as unknown as { spec: { strategy: unknown } }).spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('Deployment validation', () => {
  it.each([
    [
      'no selector (the reference example)',
      deployment({ template: template() }),
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    [
      'selector not matching',
      deployment({ selector: { matchLabels: { app: 'api' } }, template: template() }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    [
      'empty selector',
      deployment({ selector: {}, template: template() }),
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    ],
    ['negative replicas', valid({ replicas: -1 }), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'restartPolicy Never',
      valid({ template: template({ app: 'web' }, { restartPolicy: 'Never' }) }),
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'maxSurge and maxUnavailable both 0',
      valid({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'percentages 0% and 0%',
      valid({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '0%', maxUnavailable: '0%' } } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0%: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'a bad percentage',
      valid({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25', maxUnavailable: 1 } } }),
      [
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: 25: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    ],
    [
      'maxUnavailable over 100%',
      valid({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '150%' } } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 150%: must not be greater than 100%'],
    ],
    [
      'Recreate with rollingUpdate',
      valid({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    ['unknown strategy', valid({ strategy: { type: 'BlueGreen' } }), ['spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"']],
    [
      'progress deadline not above minReadySeconds',
      valid({ minReadySeconds: 600 }),
      ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
    ],
    [
      'bad template label',
      deployment({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web', 'bad key!': 'x' }) }),
      [
        `spec.template.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      ],
    ],
    [
      'selector expressions',
      deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'In' }] }, template: template() }),
      [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ],
    ],
    ['matchExpressions that match', deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, template: template() }), []],
  ])('%s', (_, body, expected) => {
    expect(create(deployments, body).errors).toEqual(expected);
  });

  it('prints like kubectl for several causes', () => {
    const obj = create(deployments, deployment({ template: template() })).obj;
    const status = invalidStatus('Deployment.apps', 'web', strategyFor(deployments).validate(obj, context()));
    expect(status.message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
  });
});

describe('Deployment updates', () => {
  const stored = create(deployments, valid()).obj;
  const edit = (mutate: (d: { metadata: Record<string, unknown>; spec: Record<string, unknown> }) => void) => {
    const next = JSON.parse(JSON.stringify(stored));
    mutate(next);
    return update(deployments, next, stored);
  };

  it('bumps the generation on spec and annotation changes only', () => {
    expect(edit((d) => (d.spec.replicas = 3)).obj.metadata?.generation).toBe(2);
    expect(edit((d) => (d.metadata.annotations = { 'kubernetes.io/change-cause': 'x' })).obj.metadata?.generation).toBe(2);
    expect(edit((d) => (d.metadata.labels = { app: 'web', tier: 'fe' })).obj.metadata?.generation).toBe(1);
  });

  it('keeps the selector immutable', () => {
    const { errors } = edit((d) => {
      d.spec.selector = { matchLabels: { app: 'web2' } };
      (d.spec.template as { metadata: { labels: unknown } }).metadata.labels = { app: 'web2' };
    });
    expect(errors).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('keeps the status the controller wrote', () => {
    const withStatus = { ...JSON.parse(JSON.stringify(stored)), status: { replicas: 1, readyReplicas: 1 } };
    const next = { ...JSON.parse(JSON.stringify(stored)), status: { replicas: 99 } };
    expect((update(deployments, next, withStatus).obj as unknown as { status: unknown }).status).toEqual({ replicas: 1, readyReplicas: 1 });
  });
});
