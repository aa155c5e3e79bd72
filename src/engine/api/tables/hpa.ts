/** `kubectl get hpa`: REFERENCE, TARGETS (`cpu: 12%/50%`), MINPODS, MAXPODS, REPLICAS. */
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { AGE_COLUMN, NAME_COLUMN, column, columns, type Printer, type RowContext } from './columns';

const MAX_METRICS = 2;

// Quantities arrive as strings already in canonical form; a missing one prints like Go's nil *Quantity.
const q = (v: string | number | undefined | null): string => (v === undefined || v === null ? '<nil>' : String(v));

function metricText(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External': {
      const target = spec.external?.target;
      if (target?.averageValue !== undefined) {
        const current = status?.external?.current?.averageValue;
        return `${current !== undefined ? q(current) : '<unknown>'}/${q(target.averageValue)} (avg)`;
      }
      return `${status?.external ? q(status.external.current?.value) : '<unknown>'}/${q(target?.value)}`;
    }
    case 'Pods':
      return `${status?.pods ? q(status.pods.current?.averageValue) : '<unknown>'}/${q(spec.pods?.target?.averageValue)}`;
    case 'Object': {
      const target = spec.object?.target;
      if (target?.averageValue !== undefined) {
        const current = status?.object?.current?.averageValue;
        return `${current !== undefined ? q(current) : '<unknown>'}/${q(target.averageValue)} (avg)`;
      }
      return `${status?.object ? q(status.object.current?.value) : '<unknown>'}/${q(target?.value)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const cur = spec.type === 'Resource' ? status?.resource : status?.containerResource;
      const name = src?.name ?? '';
      const target = src?.target;
      if (target?.averageValue !== undefined) {
        return `${name}: ${cur ? q(cur.current?.averageValue) : '<unknown>'}/${q(target.averageValue)}`;
      }
      const util = cur?.current?.averageUtilization;
      const current = util !== undefined ? `${util}%` : '<unknown>';
      const wanted = target?.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
      return `${name}: ${current}/${wanted}`;
    }
    default:
      return '<unknown type>';
  }
}

/** TARGETS: one `current/target` per metric, at most two, then ` + N more...`; `<none>` without metrics. */
export function formatHpaMetrics(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const list: string[] = [];
  for (let i = 0; i < specs.length && i < MAX_METRICS; i++) list.push(metricText(specs[i]!, statuses?.[i]));
  const joined = list.join(', ');
  return specs.length > MAX_METRICS ? `${joined} + ${specs.length - MAX_METRICS} more...` : joined;
}

export const hpaPrinter: Printer<HorizontalPodAutoscaler> = {
  columns: columns(
    NAME_COLUMN,
    column('Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
    column('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond.'),
    column('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down. It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.'),
    column('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
    column('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
    AGE_COLUMN,
  ),
  cells(hpa: HorizontalPodAutoscaler, ctx: RowContext): unknown[] {
    const ref = hpa.spec?.scaleTargetRef;
    const min = hpa.spec?.minReplicas;
    return [
      hpa.metadata?.name ?? '',
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHpaMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
      min !== undefined && min !== null ? String(min) : '<unset>',
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      ctx.age(hpa.metadata?.creationTimestamp),
    ];
  },
};
