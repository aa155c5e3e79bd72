/**
 * A new pod from a ReplicaSet's template (upstream `GetPodFromTemplate`): the template's labels,
 * annotations, finalizers and spec; `generateName: <rs-name>-` so the apiserver appends five random
 * characters (`nginx-7854ff8877-x8bp4`); and an owner reference marking the ReplicaSet as the pod's
 * controller, which is how the garbage collector later knows to delete the pod with its ReplicaSet.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { clone } from '../../api/clone';

export function controllerRefTo(owner: { apiVersion?: string; kind?: string; metadata?: { name?: string; uid?: string } }, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? apiVersion,
    kind: owner.kind ?? kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function podFromTemplate(rs: ReplicaSet): Pod {
  const template = rs.spec?.template;
  const meta = template?.metadata;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata?.name ?? ''}-`,
      namespace: rs.metadata?.namespace,
      labels: meta?.labels ? { ...meta.labels } : undefined,
      annotations: meta?.annotations ? { ...meta.annotations } : undefined,
      finalizers: meta?.finalizers ? [...meta.finalizers] : undefined,
      ownerReferences: [controllerRefTo(rs, 'apps/v1', 'ReplicaSet')],
    },
    spec: template?.spec ? (clone(template.spec) as Pod['spec']) : { containers: [] },
  };
  return pod;
}
