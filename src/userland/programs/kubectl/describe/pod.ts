/** `kubectl describe pod`: identity, placement, status, containers, conditions, volumes, events. */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Sys } from '../../../../engine/runtime/process';
import { corePath } from './context';
import { writeContainers, writeTolerations, writeVolumes } from './containers';
import { searchEvents, writeEvents } from './events';
import { controlledBy, type Describer } from './meta';
import { DescribeWriter, rfc1123z, since, writeAnnotations, writeLabels } from './writer';

export const describePod: Describer = function* (ctx, namespace, name): Sys<string> {
  const pod = yield* ctx.client.call<Pod>({ method: 'GET', path: `${corePath('pods', namespace)}/${name}` });
  // Events of a pod are matched by name, namespace and uid (a mirror pod's events name its static pod).
  const mirror = pod.metadata?.annotations?.['kubernetes.io/config.mirror'];
  const events = yield* searchEvents(ctx, { name, namespace, uid: mirror ?? pod.metadata?.uid });
  return podText(pod, events, ctx.now);
};

export function podText(pod: Pod, events: Parameters<typeof writeEvents>[1], now: number): string {
  const w = new DescribeWriter();
  const { metadata: meta = {}, spec = { containers: [] }, status = {} } = pod;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, `Node:\t${spec.nodeName ? `${spec.nodeName}/${status.hostIP ?? ''}` : '<none>'}\n`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  if (!status.podIPs?.length) {
    w.write(0, 'IPs:\t<none>\n');
  } else {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const controller = controlledBy(meta);
  if (controller) w.write(0, `Controlled By:\t${controller}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.initContainers?.length) writeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? [], pod);
  writeContainers(w, 'Containers', spec.containers, status.containerStatuses ?? [], pod);
  if (spec.readinessGates?.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const condition = status.conditions?.find((c) => c.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${condition?.status ?? '<none>'} \n`);
    }
  }
  if (status.conditions?.length) {
    // Each cell ends in a space, hence kubectl's wide gap before Status.
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, spec.volumes);
  w.write(0, `QoS Class:\t${status.qosClass ?? qosClass(pod)}\n`);
  writeLabels(w, 'Node-Selectors', spec.nodeSelector);
  writeTolerations(w, 'Tolerations', spec.tolerations);
  writeEvents(w, events, now);
  return w.toString();
}

/** Guaranteed when every container's requests equal its limits, BestEffort when none has any. */
function qosClass(pod: Pod): string {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const has = (c: (typeof containers)[number]): boolean => Object.keys(c.resources?.requests ?? {}).length + Object.keys(c.resources?.limits ?? {}).length > 0;
  if (!containers.some(has)) return 'BestEffort';
  const guaranteed = containers.every((c) => {
    const limits = c.resources?.limits ?? {};
    const requests = { ...limits, ...(c.resources?.requests ?? {}) };
    return ['cpu', 'memory'].every((r) => limits[r] !== undefined && String(requests[r]) === String(limits[r]));
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
