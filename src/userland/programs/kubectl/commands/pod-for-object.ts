/**
 * Which pod `kubectl exec|attach|logs TYPE/NAME` talks to. A pod is itself; a Deployment,
 * ReplicaSet, StatefulSet, DaemonSet, Job, ReplicationController or Service stands for the pods
 * its selector matches, and kubectl takes the first of them in its own order:
 *
 * - exec and attach want the most *active* pod: scheduled, Running, Ready, Ready the longest,
 *   fewest restarts, oldest (podutils.ActivePods, reversed);
 * - logs wants the best pod to *read*: scheduled, Running (then Unknown, then Pending), Ready,
 *   Ready the longest, most restarts, oldest (podutils.ByLogging), and says so on stderr when
 *   there was a choice (`Found 3 pods, using pod/…`).
 *
 * When nothing matches yet, kubectl watches for a matching pod until `--pod-running-timeout`.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { labelSelectorString } from '../../../../engine/api/tables/format';
import type { KubeObject } from '../../../../engine/api/types';
import { SysError, type Sys } from '../../../../engine/runtime/process';
import { collectionPath, KubectlError, objectPath, type ApiResource, type Kubectl } from '../framework';

export type PodPurpose = 'attach' | 'logs';

/** The kinds whose selector picks pods (polymorphichelpers.SelectorsForObject). */
const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/** `deploy/myapp` or `pods myapp` (TYPE NAME) or a bare pod name: the kind and the name. */
function* targetOf(k: Kubectl, words: readonly string[]): Sys<{ resource: ApiResource; name: string }> {
  if (words.length === 2) return { resource: yield* k.resolve(words[0]!), name: words[1]! };
  const word = words[0]!;
  const slash = word.indexOf('/');
  if (slash < 0) return { resource: yield* k.resolve('pods'), name: word };
  return { resource: yield* k.resolve(word.slice(0, slash)), name: word.slice(slash + 1) };
}

/** The label selector of a workload or Service, in the form a list request takes; why not, otherwise. */
function selectorOf(resource: ApiResource, obj: KubeObject & { spec?: { selector?: unknown } }): string | Error {
  const selector = obj.spec?.selector;
  if (resource.kind === 'Service' || resource.kind === 'ReplicationController') {
    const map = (selector ?? {}) as Record<string, string>;
    if (resource.kind === 'Service' && Object.keys(map).length === 0) {
      return new Error(`invalid service '${obj.metadata?.name}': Service is defined without a selector`);
    }
    return labelSelectorString({ matchLabels: map }) ?? '';
  }
  if (WORKLOADS.has(resource.kind)) {
    const text = labelSelectorString(selector as LabelSelector | undefined);
    return text ?? new Error('invalid label selector');
  }
  // Go names the object's type: *v1.ConfigMap.
  return new Error(`selector for *${resource.version}.${resource.kind} not implemented`);
}

/**
 * The pod `words` (a POD, TYPE/NAME, or TYPE NAME) stands for. A missing object is the server's
 * NotFound (`deployments.apps "x" not found`), thrown as the client's ApiStatusError.
 */
export function* podForObject(k: Kubectl, words: readonly string[], purpose: PodPurpose): Sys<Pod> {
  const client = yield* k.client();
  const namespace = yield* k.namespace();
  const { resource, name } = yield* targetOf(k, words);
  const obj = yield* client.call<KubeObject & { spec?: { selector?: unknown } }>({ method: 'GET', path: objectPath(resource, namespace, name) });
  if (resource.kind === 'Pod') return obj as Pod;
  const selector = selectorOf(resource, obj);
  if (selector instanceof Error) {
    const type = `*${resource.version}.${resource.kind}`;
    throw new KubectlError(purpose === 'logs' ? `cannot get the logs from ${type}: ${selector.message}` : `cannot attach to ${type}: ${selector.message}`);
  }
  const pods = yield* matchingPods(k, namespace, selector);
  const chosen = [...pods].sort(purpose === 'logs' ? byLogging : byActivity)[0]!;
  if (purpose === 'logs' && pods.length > 1) yield* k.err(`Found ${pods.length} pods, using pod/${chosen.metadata?.name}\n`);
  return chosen;
}

/** The pods the selector matches; when there are none yet, waits for one (GetPodList). */
function* matchingPods(k: Kubectl, namespace: string, labelSelector: string): Sys<Pod[]> {
  const client = yield* k.client();
  const path = collectionPath(yield* k.resolve('pods'), namespace);
  const list = yield* client.call<{ items: Pod[]; metadata?: { resourceVersion?: string } }>({ method: 'GET', path, query: { labelSelector } });
  if (list.items.length > 0) return list.items;
  const reader = yield* client.watch({ method: 'GET', path, query: { labelSelector, resourceVersion: list.metadata?.resourceVersion ?? '' } });
  // --pod-running-timeout: 1m for exec and attach, 20s for logs.
  const deadline = k.proc.now() + k.flags.durationMs('pod-running-timeout');
  try {
    for (;;) {
      const event = yield* reader.next(Math.max(0, deadline - k.proc.now()));
      if (!event) break;
      if (event.type === 'ADDED' || event.type === 'MODIFIED') return [event.object as Pod];
    }
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
  } finally {
    reader.close();
  }
  throw new KubectlError('timed out waiting for the condition');
}

const isReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const readySince = (p: Pod): number => Date.parse(p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime ?? '') || 0;
const restarts = (p: Pod): number => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
const created = (p: Pod): number => Date.parse(p.metadata?.creationTimestamp ?? '') || 0;
const scheduled = (p: Pod): boolean => Boolean(p.spec?.nodeName);
/** Earlier first, a missing time (0) last: Go's afterOrZero as an ascending order. */
const earlierFirst = (a: number, b: number): number => (a === 0 || b === 0 ? (a === 0 ? 1 : 0) - (b === 0 ? 1 : 0) : a - b);

/**
 * Most active first. Both orders share their steps and differ in the phases' ranking and in which
 * way restarts count; a comparator returning 0 leaves the server's (name) order.
 */
function compare(a: Pod, b: Pod, phaseRank: Readonly<Record<string, number>>, fewerRestartsFirst: boolean): number {
  if (scheduled(a) !== scheduled(b)) return scheduled(a) ? -1 : 1;
  const pa = phaseRank[a.status?.phase ?? ''] ?? phaseRank.other!;
  const pb = phaseRank[b.status?.phase ?? ''] ?? phaseRank.other!;
  if (pa !== pb) return pa - pb;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (isReady(a) && readySince(a) !== readySince(b)) return earlierFirst(readySince(a), readySince(b));
  if (restarts(a) !== restarts(b)) return fewerRestartsFirst ? restarts(a) - restarts(b) : restarts(b) - restarts(a);
  return earlierFirst(created(a), created(b));
}

/** sort.Reverse(ActivePods): an unknown phase counts as Pending there. */
export const byActivity = (a: Pod, b: Pod): number => compare(a, b, { Running: 0, Unknown: 1, Pending: 2, other: 2 }, true);
/** ByLogging: an unknown phase (Succeeded, Failed) ranks with Running. */
export const byLogging = (a: Pod, b: Pod): number => compare(a, b, { Running: 0, Unknown: 1, Pending: 2, other: 0 }, false);
