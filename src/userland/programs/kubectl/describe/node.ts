/**
 * `kubectl describe node`: roles, labels, taints, the kubelet's lease, conditions, addresses,
 * capacity, system info, the pods on the node with their share of its allocatable resources,
 * and the node's events.
 */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import type { Sys } from '../../../../engine/runtime/process';
import { corePath, listItems } from './context';
import { searchEvents, writeEvents } from './events';
import type { Describer } from './meta';
import { addQuantity, formatQuantity, parseQuantity, ZERO, type Quantity } from './quantity';
import { DescribeWriter, rfc1123z, since, writeAnnotations, writeLabels } from './writer';

export const describeNode: Describer = function* (ctx, _namespace, name): Sys<string> {
  const node = yield* ctx.client.call<Node>({ method: 'GET', path: `${corePath('nodes')}/${name}` });
  const leaseAnswer = yield* ctx.client.request({ method: 'GET', path: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}` });
  const lease = leaseAnswer.status === 200 ? (leaseAnswer.body as Lease) : undefined;
  const pods = yield* listItems<Pod>(ctx, corePath('pods'), { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` });
  // A node's events carry one of two uids: the controllers use the node's, the kubelet its name.
  const byUid = yield* searchEvents(ctx, { kind: 'Node', name, namespace: '', uid: node.metadata?.uid });
  const byName = yield* searchEvents(ctx, { kind: 'Node', name, namespace: '', uid: name });
  const events = byUid && byName ? [...byUid, ...byName] : (byUid ?? byName);

  const w = new DescribeWriter();
  const { metadata: meta = {}, spec = {}, status = {} } = node;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Roles:\t${roles(meta.labels ?? {})}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}\n`);
  const taints = [...(spec.taints ?? [])].sort((a, b) => (`${a.effect},${a.key}` < `${b.effect},${b.key}` ? -1 : 1));
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.write(0, '<none>\n');
  taints.forEach((t, i) => w.write(0, `${i > 0 ? '\t' : ''}${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`));
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(0, `  ${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    if (Object.keys(list ?? {}).length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const r of Object.keys(list!).sort()) w.write(0, `  ${r}:\t${list![r]}\n`);
  }
  const info = status.nodeInfo;
  w.write(0, 'System Info:\n');
  const infoLines: [string, string | undefined][] = [
    ['Machine ID', info?.machineID], ['System UUID', info?.systemUUID], ['Boot ID', info?.bootID], ['Kernel Version', info?.kernelVersion],
    ['OS Image', info?.osImage], ['Operating System', info?.operatingSystem], ['Architecture', info?.architecture],
    ['Container Runtime Version', info?.containerRuntimeVersion], ['Kubelet Version', info?.kubeletVersion], ['Kube-Proxy Version', info?.kubeProxyVersion],
  ];
  for (const [key, value] of infoLines) w.write(0, `  ${key}:\t${value ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  writePodResources(w, pods, { ...status.capacity, ...status.allocatable }, ctx.now);
  writeEvents(w, events, ctx.now);
  return w.toString();
};

/** `control-plane`, from `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`. */
function roles(labels: Record<string, string>): string {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith('node-role.kubernetes.io/') && key.length > 'node-role.kubernetes.io/'.length) found.add(key.slice('node-role.kubernetes.io/'.length));
    else if (key === 'kubernetes.io/role' && value) found.add(value);
  }
  return [...found].sort().join(',') || '<none>';
}

type Resources = Record<string, Quantity>;

/** A pod's requests and limits: its containers summed, at least the largest init container. */
function podResources(pod: Pod): { requests: Resources; limits: Resources } {
  const sum = (containers: readonly Container[], which: 'requests' | 'limits'): Resources => {
    const total: Resources = {};
    for (const c of containers) for (const [r, q] of Object.entries(c.resources?.[which] ?? {})) total[r] = addQuantity(total[r] ?? ZERO, parseQuantity(q));
    return total;
  };
  const result = { requests: sum(pod.spec?.containers ?? [], 'requests'), limits: sum(pod.spec?.containers ?? [], 'limits') };
  for (const init of pod.spec?.initContainers ?? []) {
    for (const which of ['requests', 'limits'] as const) {
      for (const [r, q] of Object.entries(init.resources?.[which] ?? {})) {
        const quantity = parseQuantity(q);
        if (quantity.value > (result[which][r]?.value ?? 0)) result[which][r] = quantity;
      }
    }
  }
  return result;
}

/** `100m (5%)`: a quantity and its whole percentage of what the node can allocate. */
function share(q: Quantity | undefined, allocatable: string | number | undefined): string {
  const total = parseQuantity(allocatable).value;
  const percent = total > 0 && q ? Math.trunc((q.value / total) * 100) : 0;
  return `${formatQuantity(q ?? ZERO)} (${percent}%)`;
}

function writePodResources(w: DescribeWriter, pods: readonly Pod[], allocatable: Record<string, string | number>, now: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const requests: Resources = {};
  const limits: Resources = {};
  for (const pod of pods) {
    const r = podResources(pod);
    for (const [name, q] of Object.entries(r.requests)) requests[name] = addQuantity(requests[name] ?? ZERO, q);
    for (const [name, q] of Object.entries(r.limits)) limits[name] = addQuantity(limits[name] ?? ZERO, q);
    const cells = [share(r.requests.cpu, allocatable.cpu), share(r.limits.cpu, allocatable.cpu), share(r.requests.memory, allocatable.memory), share(r.limits.memory, allocatable.memory)];
    w.write(1, `${pod.metadata?.namespace}\t${pod.metadata?.name}\t\t${cells.join('\t')}\t${since(pod.metadata?.creationTimestamp, now)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const hugePages = Object.keys(allocatable).filter((r) => r.startsWith('hugepages-')).sort();
  for (const r of ['cpu', 'memory', 'ephemeral-storage', ...hugePages]) {
    w.write(1, `${r}\t${share(requests[r], allocatable[r])}\t${share(limits[r], allocatable[r])}\n`);
  }
}
