/**
 * Static pods: the kubelet of a kubeadm control-plane node runs etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler from manifests in /etc/kubernetes/manifests, on its
 * own — the apiserver cannot schedule the pods that make it run. So that they show up in
 * `kubectl get pods -n kube-system`, the kubelet publishes a read-only "mirror pod" for each,
 * named `<name>-<node>`, and keeps its status there. Deleting a mirror pod does not stop the
 * static pod: the kubelet simply creates the mirror again.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { clone } from '../api/clone';
import type { Mutable } from '../api/types';
import { defaultPodSpec } from '../api/strategy/podspec-defaults';
import { digestOf } from '../runtime/images/image-id';

export const CONFIG_MIRROR = 'kubernetes.io/config.mirror';
export const CONFIG_HASH = 'kubernetes.io/config.hash';

export const isMirrorPod = (pod: Pod): boolean => pod.metadata?.annotations?.[CONFIG_MIRROR] !== undefined;

/**
 * A manifest as the kubelet's file source turns it into a pod: named after the node, bound to it,
 * defaulted like an API pod, with a uid that is a hash of the manifest (also `config.hash`).
 */
export function staticPodFromManifest(manifest: Pod, nodeName: string, seenAt: string): Pod {
  const pod = clone(manifest) as Mutable<Pod>;
  const hash = digestOf(`${nodeName}\u0000file\u0000${JSON.stringify(manifest)}`).slice(0, 32);
  const spec = pod.spec!;
  defaultPodSpec(spec as unknown as Record<string, unknown>);
  spec.nodeName = nodeName;
  spec.enableServiceLinks ??= true;
  pod.apiVersion = 'v1';
  pod.kind = 'Pod';
  pod.metadata = {
    ...pod.metadata,
    name: `${pod.metadata?.name}-${nodeName}`,
    namespace: pod.metadata?.namespace ?? 'default',
    uid: hash,
    annotations: { ...pod.metadata?.annotations, [CONFIG_HASH]: hash, 'kubernetes.io/config.seen': seenAt, 'kubernetes.io/config.source': 'file' },
  };
  return pod;
}

/** The mirror pod the kubelet creates in the apiserver for a static pod, owned by the Node. */
export function mirrorPodOf(staticPod: Pod, node: Node): Pod {
  const meta = staticPod.metadata!;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      labels: meta.labels,
      annotations: { ...meta.annotations, [CONFIG_MIRROR]: meta.annotations![CONFIG_HASH]! },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata!.name!, uid: node.metadata!.uid!, controller: true }],
    },
    spec: staticPod.spec,
  };
}

/** Does this mirror pod belong to that static pod (same manifest)? */
export const mirrors = (mirror: Pod, staticPod: Pod): boolean => mirror.metadata?.annotations?.[CONFIG_MIRROR] === staticPod.metadata?.uid;
