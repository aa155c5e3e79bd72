/**
 * NodeUnschedulable: a cordoned node (`kubectl cordon` sets `spec.unschedulable: true`) takes no new
 * pods — unless the pod tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint, as
 * DaemonSet pods do.
 */
import type { FilterPlugin } from '../framework';
import { rejected } from '../framework';
import { tolerates } from './tainttoleration';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, node) {
    if (!node.unschedulable) return undefined;
    if ((pod.pod.spec?.tolerations ?? []).some((t) => tolerates(t, UNSCHEDULABLE_TAINT))) return undefined;
    return rejected(this.name, 'UnschedulableAndUnresolvable', ERR_REASON_UNSCHEDULABLE);
  },
};
