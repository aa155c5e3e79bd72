/**
 * Which pods `kubectl drain` may remove from a node, by kubectl's filters in their order: a pod
 * is skipped or refused by the first filter that does not let it go, and the last verdict is
 * what counts (DaemonSet-managed → local storage (emptyDir) → no controller; mirror pods are
 * skipped; finished pods always go). Refusals become errors, permissions become warnings.
 */
import type { Pod } from 'kubernetes-types/core/v1';

export const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
export const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
export const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export interface DrainOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
}

export type Verdict =
  | { delete: true; warning?: string }
  | { delete: false; skip: true }
  | { delete: false; warning: string }
  | { delete: false; error: string };

/** `daemonSetGone` is the NotFound text when the pod's DaemonSet no longer exists. */
export function drainVerdict(pod: Pod, options: DrainOptions, daemonSetGone?: string): Verdict {
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const controller = pod.metadata?.ownerReferences?.find((r) => r.controller);
  let verdict: Verdict = { delete: true };
  const filters: (() => Verdict)[] = [
    () => {
      if (controller?.kind !== 'DaemonSet' || finished) return { delete: true };
      if (daemonSetGone !== undefined) return options.force ? { delete: true, warning: daemonSetGone } : { delete: false, error: daemonSetGone };
      return options.ignoreDaemonSets ? { delete: false, warning: DAEMONSET_WARNING } : { delete: false, error: DAEMONSET_FATAL };
    },
    () => (pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined ? { delete: false, skip: true } : { delete: true }),
    () => {
      if (!pod.spec?.volumes?.some((v) => v.emptyDir) || finished) return { delete: true };
      return options.deleteEmptyDirData ? { delete: true, warning: LOCAL_STORAGE_WARNING } : { delete: false, error: LOCAL_STORAGE_FATAL };
    },
    () => {
      if (finished || controller) return { delete: true };
      return options.force ? { delete: true, warning: UNMANAGED_WARNING } : { delete: false, error: UNMANAGED_FATAL };
    },
  ];
  for (const filter of filters) {
    verdict = filter();
    if (!verdict.delete) break;
  }
  return verdict;
}

const podName = (pod: Pod): string => `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;

/** Pods grouped by message, in the order the messages first appear. */
function grouped(entries: readonly { message: string; pod: Pod }[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const { message, pod } of entries) groups.set(message, [...(groups.get(message) ?? []), podName(pod)]);
  return [...groups];
}

export interface DrainPlan {
  /** The pods to evict or delete, in list order. */
  remove: Pod[];
  /** `deleting Pods that declare no controller: default/bare; ignoring …`, or '' */
  warnings: string;
  /** One text per refusal (`cannot delete Pods with local storage (…): default/x`). */
  errors: string[];
}

export function planDrain(pods: readonly Pod[], verdicts: readonly Verdict[]): DrainPlan {
  const warnings = grouped(pods.flatMap((pod, i) => { const v = verdicts[i]!; return 'warning' in v && v.warning ? [{ message: v.warning, pod }] : []; }));
  const errors = grouped(pods.flatMap((pod, i) => { const v = verdicts[i]!; return 'error' in v ? [{ message: v.error, pod }] : []; }));
  return {
    remove: pods.filter((_, i) => verdicts[i]!.delete),
    warnings: warnings.map(([message, names]) => `${message}: ${names.join(', ')}`).join('; '),
    // v1.30 puts "cannot delete" before every message — hence its doubled
    // "cannot delete cannot delete Pods that declare no controller".
    errors: errors.map(([message, names]) => `cannot delete ${message}: ${names.join(', ')}`),
  };
}
