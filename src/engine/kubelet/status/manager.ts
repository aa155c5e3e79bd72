/**
 * The kubelet's status manager, reduced to its write. When the status it computed differs from
 * what it last saw, it reads the pod, and PATCHes the `status` subresource with what changed since
 * that read (pkg/util/pod PatchPodStatus): a strategic merge patch — conditions merged by type,
 * with `$setElementOrder` — carrying the pod's uid as a precondition. A patch has no
 * resourceVersion, so it never conflicts; what others wrote meanwhile (the node controller marking
 * the pod not ready, a label added) is in the read, and the new status is built on top of it.
 */
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import { createStrategicMergePatch } from '../../api/patch';
import { resourceFor } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { Client } from '../../client/types';
import { sameCanonicalJson } from '../../sim/names';

const PODS = resourceFor('', 'pods')!;

/**
 * The patch from `old` to `status` (a two-way strategic merge patch of two pods that have only a
 * status, the new one also the uid), or undefined when it would change nothing but the uid.
 */
export function podStatusPatch(uid: string, old: PodStatus | undefined, status: PodStatus): Record<string, unknown> | undefined {
  const patch = createStrategicMergePatch({ status: old ?? {} } as KubeObject, { metadata: { uid }, status } as KubeObject, PODS);
  return Object.keys(patch).length === 1 ? undefined : patch;
}

/**
 * Writes `build(current status)` for `target` unless nothing changed. `stored` gets every newer
 * version of the pod this learns of (the written one, or the one read).
 */
export function writePodStatus(client: Client, target: Pod, build: (previous: PodStatus | undefined) => PodStatus, stored: (pod: Pod) => void): void {
  if (sameCanonicalJson(target.status, build(target.status))) return;
  const { namespace, name, uid } = target.metadata!;
  const read = client.get<Pod>(PODS, namespace, name!);
  // Gone, or deleted and created again under the same name: not the pod this status is about.
  if (!read.ok || read.value.metadata?.uid !== uid) return;
  const patch = podStatusPatch(uid!, read.value.status, build(read.value.status));
  const written = patch && client.patch<Pod>(PODS, namespace, name!, 'strategic', patch, { subresource: 'status' });
  stored(written?.ok ? written.value : read.value);
}
