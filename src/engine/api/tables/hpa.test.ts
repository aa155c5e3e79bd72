import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { describe, expect, it } from 'vitest';
import { formatHpaMetrics, hpaPrinter } from './hpa';
import { at, rowContext } from './testkit';

const cpu = (target?: number): MetricSpec => ({
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', ...(target !== undefined ? { averageUtilization: target } : {}) } },
});
const cpuNow = (current?: number): MetricStatus => ({
  type: 'Resource',
  resource: { name: 'cpu', current: current !== undefined ? { averageUtilization: current } : {} },
});

describe('HPA TARGETS', () => {
  it.each<[string, MetricSpec[] | undefined, MetricStatus[] | undefined, string]>([
    ['no metrics', undefined, undefined, '<none>'],
    ['cpu before the first scrape', [cpu(50)], undefined, 'cpu: <unknown>/50%'],
    ['cpu measured', [cpu(50)], [cpuNow(12)], 'cpu: 12%/50%'],
    ['no utilization target', [cpu()], [cpuNow(12)], 'cpu: 12%/<auto>'],
    [
      'average value',
      [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }],
      [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '52Mi' } } }],
      'memory: 52Mi/100Mi',
    ],
    [
      'pods metric',
      [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '10' } } }],
      undefined,
      '<unknown>/10',
    ],
    [
      'external average',
      [{ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } }],
      [{ type: 'External', external: { metric: { name: 'queue' }, current: { averageValue: '6262500m' } } }],
      '6262500m/30 (avg)',
    ],
    [
      'object value',
      [{ type: 'Object', object: { metric: { name: 'hits' }, describedObject: { kind: 'Service', name: 's' }, target: { type: 'Value', value: '5' } } }],
      undefined,
      '<unknown>/5',
    ],
    ['three metrics', [cpu(50), cpu(60), cpu(70)], [cpuNow(1), cpuNow(2), cpuNow(3)], 'cpu: 1%/50%, cpu: 2%/60% + 1 more...'],
  ])('%s', (_, specs, statuses, want) => {
    expect(formatHpaMetrics(specs, statuses)).toBe(want);
  });
});

describe('HPA row', () => {
  it('prints REFERENCE MINPODS MAXPODS REPLICAS', () => {
    const hpa: HorizontalPodAutoscaler = {
      metadata: { name: 'php-apache', creationTimestamp: at(0) },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10, metrics: [cpu(50)] },
      status: { currentReplicas: 1, desiredReplicas: 1 },
    };
    expect(hpaPrinter.cells(hpa, rowContext(60_000))).toEqual(['php-apache', 'Deployment/php-apache', 'cpu: <unknown>/50%', '1', 10, 1, '60s']);
    const unset = { ...hpa, spec: { ...hpa.spec!, minReplicas: undefined } };
    expect(hpaPrinter.cells(unset, rowContext(60_000))[3]).toBe('<unset>');
    expect(hpaPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
  });
});
