/**
 * Deployments and ReplicaSets: replica counts, the pod template, conditions, the replica sets a
 * deployment owns (old and new) and the pods a replica set owns, by phase.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { formatSelector, labelSelectorString } from '../../../../engine/api/tables/format';
import type { Sys } from '../../../../engine/runtime/process';
import { sortedKeys } from '../printers/objects';
import { corePath, listItems, type DescribeContext } from './context';
import { writeContainers, writeTolerations, writeVolumes } from './containers';
import { searchEvents, writeEvents } from './events';
import { controlledBy, type Describer } from './meta';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';

const appsPath = (plural: string, namespace: string): string => `/apis/apps/v1/namespaces/${namespace}/${plural}`;

/** `Pod Template:` — labels, containers without state, volumes, node selectors, tolerations. */
export function writePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!template) return w.write(1, '<unset>');
  writeLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) writeAnnotations(w, '  Annotations', template.metadata?.annotations);
  const spec = template.spec ?? { containers: [] };
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) writeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ');
  writeContainers(w, 'Containers', spec.containers, undefined, undefined, '  ');
  writeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  writeLabels(w, '  Node-Selectors', spec.nodeSelector);
  writeTolerations(w, '  Tolerations', spec.tolerations);
}

/** The objects of a list path whose controlling owner is `uid`, selected by `selector`. */
function* owned<T extends { metadata?: { ownerReferences?: { controller?: boolean; uid: string }[] } }>(
  ctx: DescribeContext,
  path: string,
  selector: LabelSelector | undefined,
  uid: string | undefined,
): Sys<T[]> {
  const items = yield* listItems<T>(ctx, path, { labelSelector: labelSelectorString(selector) ?? '' });
  return items.filter((o) => o.metadata?.ownerReferences?.some((r) => r.controller && r.uid === uid));
}

export const describeDeployment: Describer = function* (ctx, namespace, name): Sys<string> {
  const d = yield* ctx.client.call<Deployment>({ method: 'GET', path: `${appsPath('deployments', namespace)}/${name}` });
  const replicaSets = yield* owned<ReplicaSet>(ctx, appsPath('replicasets', namespace), d.spec?.selector, d.metadata?.uid);
  const events = yield* searchEvents(ctx, { kind: 'Deployment', name, namespace, uid: d.metadata?.uid });

  const w = new DescribeWriter();
  const { metadata: meta = {}, spec = { selector: {}, template: {} }, status = {} } = d;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  const unavailable = status.unavailableReplicas ?? 0;
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${unavailable} unavailable\n`);
  const strategy = spec.strategy?.type ?? 'RollingUpdate';
  w.write(0, `StrategyType:\t${strategy}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  if (strategy === 'RollingUpdate') {
    const ru = spec.strategy?.rollingUpdate;
    w.write(0, `RollingUpdateStrategy:\t${ru?.maxUnavailable ?? '25%'} max unavailable, ${ru?.maxSurge ?? '25%'} max surge\n`);
  }
  writePodTemplate(w, spec.template);
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const isNew = (rs: ReplicaSet): boolean => sameTemplate(rs.spec?.template, spec.template);
  const newRS = replicaSets.find(isNew);
  const oldRSs = replicaSets.filter((rs) => rs !== newRS);
  if (replicaSets.length > 0) {
    w.write(0, `OldReplicaSets:\t${replicaSetList(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetList(newRS ? [newRS] : [])}\n`);
  }
  writeEvents(w, events, ctx.now);
  return w.toString();
};

/** `nginx-7854ff8877 (3/3 replicas created)`, comma-separated; `<none>` for none. */
const replicaSetList = (list: readonly ReplicaSet[]): string =>
  list.map((rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(', ') || '<none>';

/** The deployment's current template is its new replica set's, but for the pod-template-hash label. */
function sameTemplate(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined): string => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels['pod-template-hash'];
    return JSON.stringify(sortedKeys({ ...t, metadata: { ...t?.metadata, labels } }));
  };
  return strip(a) === strip(b);
}

export const describeReplicaSet: Describer = function* (ctx, namespace, name): Sys<string> {
  const rs = yield* ctx.client.call<ReplicaSet>({ method: 'GET', path: `${appsPath('replicasets', namespace)}/${name}` });
  const pods = yield* owned<Pod>(ctx, corePath('pods', namespace), rs.spec?.selector, rs.metadata?.uid);
  const events = yield* searchEvents(ctx, { kind: 'ReplicaSet', name, namespace, uid: rs.metadata?.uid });

  const w = new DescribeWriter();
  const { metadata: meta = {}, spec = { selector: {} }, status = { replicas: 0 } } = rs;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, 'Annotations', meta.annotations);
  const controller = controlledBy(meta);
  if (controller) w.write(0, `Controlled By:\t${controller}\n`);
  w.write(0, `Replicas:\t${status.replicas ?? 0} current / ${spec.replicas ?? 1} desired\n`);
  const phases = (phase: string): number => pods.filter((p) => p.status?.phase === phase).length;
  w.write(0, `Pods Status:\t${phases('Running')} Running / ${phases('Pending')} Waiting / ${phases('Succeeded')} Succeeded / ${phases('Failed')} Failed\n`);
  writePodTemplate(w, spec.template);
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  writeEvents(w, events, ctx.now);
  return w.toString();
};
