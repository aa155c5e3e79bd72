/**
 * Which watch event woke a component: the dashed arrows of the creation sequence.
 *
 * Every component learns of changes through its watches, but most of what it is told leads to
 * nothing (the scheduler sees each status update of a pod it has long placed). So a delivery about
 * one of the sequence's objects is only held, per watching client; it is drawn when the component
 * next acts on that object, its owner or one of its children — the scheduler binding the pod it was
 * told of, the kubelet asking containerd for the pod's sandbox, the ReplicaSet controller creating
 * pods for the ReplicaSet it was told of. A component is not woken by the echo of its own write.
 */
import type { WatchDelivery } from '../engine/api/watch';
import { resourceForKind } from '../engine/api/resources';
import type { KubeObject } from '../engine/api/types';

/** A watch event drawn as an arrow from the apiserver to the component it woke. */
export interface WatchNotice {
  readonly kind: 'watch';
  readonly at: number;
  /** The order things were observed in (a notice is drawn before the call it led to). */
  readonly seq: number;
  /** The component woken (its lane). */
  readonly to: string;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly resource: string;
  readonly namespace?: string;
  readonly name: string;
}

/** What the sequence knows of one of its objects. */
interface SequenceObject {
  /** The component that last wrote it: its own watch echoes that write back. */
  writer?: string;
  /** Its controller's key (a Pod's ReplicaSet, a ReplicaSet's Deployment). */
  owner?: string;
  /** A Pod's images, as its spec names them: how a PullImage (which names no pod) is placed. */
  images?: readonly string[];
  /** A Pod's node, once its kubelet asked for its sandbox. */
  node?: string;
}

interface Held {
  readonly key: string;
  readonly owner: string | undefined;
  readonly writer: string | undefined;
  readonly notice: Omit<WatchNotice, 'to'>;
}

/** `pods/default/web`: one object of the sequence. */
export const objectKey = (resource: string, namespace: string | undefined, name: string): string => `${resource}/${namespace ?? ''}/${name}`;

/**
 * The client whose watches tell a component: the controllers share the controller-manager's
 * informers, the scheduler writes as `default-scheduler` but watches as `kube-scheduler`.
 */
export function watchClientOf(caller: string): string {
  if (caller.endsWith('-controller')) return 'kube-controller-manager';
  if (caller === 'scheduler') return 'kube-scheduler';
  return caller;
}

/** The key of an object's controlling owner, from its ownerReferences. */
export function ownerKey(object: KubeObject | undefined): string | undefined {
  const metadata = object?.metadata;
  const ref = metadata?.ownerReferences?.find((r) => r.controller) ?? metadata?.ownerReferences?.[0];
  const resource = ref && resourceForKind(ref.apiVersion, ref.kind);
  return resource && objectKey(resource.plural, metadata?.namespace, ref.name);
}

/** A Pod's images, init containers first. */
export function imagesOf(object: KubeObject | undefined): string[] | undefined {
  const spec = (object as { spec?: { initContainers?: { image?: string }[]; containers?: { image?: string }[] } } | undefined)?.spec;
  if (!spec?.containers) return undefined;
  return [...(spec.initContainers ?? []), ...spec.containers].flatMap((c) => (c.image ? [c.image] : []));
}

/** The objects of one sequence and the watch events held for them; a new sequence starts a new one. */
export class Wakes {
  private readonly objects = new Map<string, SequenceObject>();
  private readonly held = new Map<string, Map<string, Held>>();

  /** A call of the sequence wrote `key` (creating, binding, updating, deleting it). */
  wrote(key: string, writer: string, object?: KubeObject): void {
    const known = this.objects.get(key) ?? {};
    this.objects.set(key, { ...known, writer, owner: ownerKey(object) ?? known.owner, images: imagesOf(object) ?? known.images });
  }

  has(key: string): boolean {
    return this.objects.has(key);
  }

  /** The kubelet of `node` asked for the pod's sandbox: the pod is there. */
  placed(key: string, node: string): void {
    const known = this.objects.get(key);
    if (known) known.node = node;
  }

  /** The pod of the sequence on `node` whose spec names `image`, for a PullImage there. */
  podPulling(node: string, image: string): string | undefined {
    for (const [key, object] of this.objects) if (object.node === node && object.images?.includes(image)) return key;
    return undefined;
  }

  /** A delivery: held when it concerns an object of the sequence (the newest per client and object). */
  delivered(delivery: WatchDelivery, seq: number): void {
    const { client, resource, event } = delivery;
    if (client === undefined || (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED')) return;
    const { name, namespace } = event.object.metadata ?? {};
    if (name === undefined) return;
    const key = objectKey(resource.plural, namespace, name);
    const object = this.objects.get(key);
    if (!object) return;
    let forClient = this.held.get(client);
    if (!forClient) this.held.set(client, (forClient = new Map()));
    const notice = { kind: 'watch' as const, at: delivery.at, seq, type: event.type, resource: resource.plural, ...(namespace !== undefined ? { namespace } : {}), name };
    forClient.set(key, { key, owner: object.owner, writer: object.writer, notice });
  }

  /**
   * `caller` acts on `key`: the newest held event written by someone else about that object, about
   * a child of it (a Pod of the ReplicaSet whose status is updated) or, when it is being created,
   * about its owner (the ReplicaSet its Pods are created for) is what woke it (undefined when none).
   * Everything that matched is used up.
   */
  woke(caller: string, key: string, creating: boolean): WatchNotice | undefined {
    const forClient = this.held.get(watchClientOf(caller));
    if (!forClient) return undefined;
    const owner = creating ? this.objects.get(key)?.owner : undefined;
    let newest: Held | undefined;
    for (const held of forClient.values()) {
      const related = held.key === key || held.owner === key || (owner !== undefined && held.key === owner);
      if (held.writer === caller || !related) continue;
      forClient.delete(held.key);
      if (!newest || held.notice.seq > newest.notice.seq) newest = held;
    }
    return newest && { ...newest.notice, to: caller };
  }
}
