/**
 * A pod's QoS class (upstream `qos.GetPodQOS`), stored in `status.qosClass` when the pod is
 * created: Guaranteed when every container limits cpu and memory and requests equal limits,
 * BestEffort when nothing asks for cpu or memory at all, Burstable otherwise.
 */
import { asArray, asObject, type Json } from './object';
import { parseQuantity } from './validation/quantity';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

/** Adds the positive cpu/memory quantities of `list` into `into`; returns the names it found. */
function add(into: Map<string, bigint>, list: Json | undefined): Set<string> {
  const found = new Set<string>();
  for (const name of QOS_RESOURCES) {
    const q = parseQuantity(list?.[name]);
    if (!q || q.milli <= 0n) continue;
    found.add(name);
    into.set(name, (into.get(name) ?? 0n) + q.milli);
  }
  return found;
}

export function podQosClass(spec: Json | undefined): QosClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const containers = [...asArray(spec?.containers), ...asArray(spec?.initContainers)];
  for (const c of containers) {
    const resources = asObject(asObject(c)?.resources);
    add(requests, asObject(resources?.requests));
    const limited = add(limits, asObject(resources?.limits));
    if (!QOS_RESOURCES.every((r) => limited.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
