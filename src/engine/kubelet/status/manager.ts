/**
 * The kubelet's status manager, reduced to its write: a pod's status goes to the apiserver through
 * the `status` subresource, only when it differs from what the apiserver has. A conflict means
 * the pod changed under us (the node controller marked it not ready, a label was added): read it
 * again, rebuild the status on top of that, and retry.
 */
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import { resourceFor } from '../../api/resources';
import type { Client } from '../../client/types';
import { sameCanonicalJson } from '../../sim/names';

const PODS = resourceFor('', 'pods')!;
const ATTEMPTS = 3;

/**
 * Writes `build(current status)` for `target` unless nothing changed. `stored` gets every newer
 * version of the pod this learns of (the written one, or the one read after a conflict).
 */
export function writePodStatus(client: Client, target: Pod, build: (previous: PodStatus | undefined) => PodStatus, stored: (pod: Pod) => void): void {
  let current = target;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const status = build(current.status);
    if (sameCanonicalJson(current.status, status)) return;
    const written = client.update<Pod>(PODS, { ...current, status }, { subresource: 'status' });
    if (written.ok) return stored(written.value);
    if (written.status.code !== 409) return;
    const latest = client.get<Pod>(PODS, current.metadata?.namespace, current.metadata!.name!);
    if (!latest.ok || latest.value.metadata?.uid !== current.metadata?.uid) return;
    stored(latest.value);
    current = latest.value;
  }
}
