/**
 * What a pod asks for and what a node offers, in the units NodeResourcesFit compares.
 *
 * A pod's request is the sum over its containers, but at least the largest init container (init
 * containers run one at a time, before the others), plus the runtime's `overhead`. A container that
 * sets only a limit is treated as requesting its limit — the apiserver defaults requests that way.
 */
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { milliValue, value } from './quantity';

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources (`nvidia.com/gpu`, `hugepages-2Mi`, ...) by name. */
  scalar: Record<string, number>;
}

export const emptyResources = (): Resources => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} });

/** A request nobody may change: what podRequests returns, possibly shared between pods. */
export type PodResources = Readonly<Omit<Resources, 'scalar'>> & { readonly scalar: Readonly<Record<string, number>> };

// Most pods request nothing, or nothing extended: one frozen request / scalar map serves them all
// instead of two objects per pod kept by every NodeInfo. Frozen so a stray mutation throws.
const NO_SCALAR: Readonly<Record<string, number>> = Object.freeze({});
const NO_REQUESTS: PodResources = Object.freeze({ milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: NO_SCALAR });

function shared(r: Resources): PodResources {
  if (Object.keys(r.scalar).length > 0) return r;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0) return NO_REQUESTS;
  return { milliCPU: r.milliCPU, memory: r.memory, ephemeralStorage: r.ephemeralStorage, scalar: NO_SCALAR };
}

type Quantities = Readonly<Record<string, string | number>> | undefined;

function addQuantities(into: Resources, list: Quantities, sign = 1): void {
  if (!list) return;
  for (const [name, q] of Object.entries(list)) {
    switch (name) {
      case 'cpu':
        into.milliCPU += sign * milliValue(q);
        break;
      case 'memory':
        into.memory += sign * value(q);
        break;
      case 'ephemeral-storage':
        into.ephemeralStorage += sign * value(q);
        break;
      case 'pods':
        break;
      default:
        into.scalar[name] = (into.scalar[name] ?? 0) + sign * value(q);
    }
  }
}

/** requests, with limits standing in for any resource that has a limit but no request. */
function containerRequests(c: Container): Resources {
  const r = emptyResources();
  const requests = (c.resources?.requests ?? {}) as Record<string, string | number>;
  const limits = (c.resources?.limits ?? {}) as Record<string, string | number>;
  addQuantities(r, { ...limits, ...requests });
  return r;
}

function maxInto(into: Resources, other: PodResources): void {
  into.milliCPU = Math.max(into.milliCPU, other.milliCPU);
  into.memory = Math.max(into.memory, other.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, other.ephemeralStorage);
  for (const [k, v] of Object.entries(other.scalar)) into.scalar[k] = Math.max(into.scalar[k] ?? 0, v);
}

function addInto(into: Resources, other: PodResources, sign = 1): void {
  into.milliCPU += sign * other.milliCPU;
  into.memory += sign * other.memory;
  into.ephemeralStorage += sign * other.ephemeralStorage;
  for (const [k, v] of Object.entries(other.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + sign * v;
}

export { addInto as addResources };

/** The pod's effective request (`resource.PodRequests`). Read-only: it may be shared with other pods. */
export function podRequests(pod: Pod): PodResources {
  const total = emptyResources();
  for (const c of pod.spec?.containers ?? []) addInto(total, containerRequests(c));
  // Sidecars (init containers with restartPolicy Always) keep running, so they add up; a plain init
  // container only needs its request while it runs alone.
  const sidecars = emptyResources();
  for (const c of pod.spec?.initContainers ?? []) {
    const r = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      addInto(total, r);
      addInto(sidecars, r);
    } else {
      addInto(r, sidecars);
      maxInto(total, r);
    }
  }
  addQuantities(total, pod.spec?.overhead as Quantities);
  return shared(total);
}

/** Scoring pretends a container without requests asks for 100m CPU and 200Mi (upstream `GetNonzeroRequests`). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function nonZeroRequests(pod: Pod): { milliCPU: number; memory: number } {
  let milliCPU = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = containerRequests(c);
    milliCPU += r.milliCPU || DEFAULT_MILLI_CPU_REQUEST;
    memory += r.memory || DEFAULT_MEMORY_REQUEST;
  }
  return { milliCPU, memory };
}

/** What the node can give to pods: `status.allocatable`, or `capacity` when the kubelet reported no allocatable. */
export interface Allocatable extends Resources {
  pods: number;
}

export const DEFAULT_MAX_PODS = 110;

export function nodeAllocatable(node: Node): Allocatable {
  const source = (node.status?.allocatable ?? node.status?.capacity ?? {}) as Record<string, string | number>;
  const r = emptyResources();
  addQuantities(r, source);
  const pods = source['pods'] === undefined ? DEFAULT_MAX_PODS : value(source['pods']);
  return { ...r, pods };
}
