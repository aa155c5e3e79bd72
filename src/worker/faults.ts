/**
 * Fault injection from the cluster map, done the way it happens to a real cluster — the engine
 * then reacts as Kubernetes does, nothing here fakes a consequence:
 * - stopping a node's kubelet (`systemctl stop kubelet`): the machine and its containers keep
 *   running, but nothing reports for the node. After the node monitor grace period (40 s) the node
 *   lifecycle controller marks it NotReady (Unknown) and taints it unreachable; its pods turn not
 *   ready (Services stop sending to them); after their tolerationSeconds (300 s) they are evicted,
 *   and a Deployment's ReplicaSet creates replacements on the other nodes. The evicted pods stay
 *   Terminating until the kubelet is back to confirm.
 * - killing a container: SIGKILL to its main process (what the OOM killer or `kill -9` does). The
 *   kubelet sees it exit (137, Error) and restarts it by the pod's restartPolicy, counting
 *   restartCount up and backing off 10 s, 20 s, 40 s… when it keeps dying.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { resourceFor } from '../engine/api/resources';
import type { Cluster } from '../engine/cluster/cluster';

export type Fault =
  | { op: 'stop-kubelet'; node: string }
  | { op: 'start-kubelet'; node: string }
  | { op: 'kill-container'; namespace: string; pod: string; container: string };

/** A refusal is a sentence for the learner. */
export type FaultResult = { ok: true } | { ok: false; error: string };

const PODS = resourceFor('', 'pods')!;

export function injectFault(cluster: Cluster, fault: Fault): FaultResult {
  if (fault.op === 'kill-container') return killContainer(cluster, fault.namespace, fault.pod, fault.container);
  const kubelet = cluster.kubelets.get(fault.node);
  if (!kubelet) return { ok: false, error: `no node named ${fault.node}` };
  if (fault.op === 'stop-kubelet') kubelet.stop();
  else kubelet.start();
  return { ok: true };
}

function killContainer(cluster: Cluster, namespace: string, name: string, container: string): FaultResult {
  const got = cluster.client('kubeplay-ui').get<Pod>(PODS, namespace, name);
  if (!got.ok) return { ok: false, error: got.status.message ?? `pods "${name}" not found` };
  const pod = got.value;
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
  const machine = cluster.machines.get(pod.spec?.nodeName ?? '');
  // The runtime's id, as the kubelet reported it: `containerd://<id>`.
  const id = status?.state?.running ? status.containerID?.replace(/^containerd:\/\//, '') : undefined;
  const init = id === undefined ? undefined : machine?.containerd.runtime.namespaceOf(id)?.init;
  if (!init) return { ok: false, error: `container ${container} of pod ${name} is not running` };
  cluster.kernel.signal(init, 'SIGKILL');
  return { ok: true };
}
