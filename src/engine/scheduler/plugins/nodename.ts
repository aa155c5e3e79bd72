/**
 * NodeName: a pod that already names its node (`spec.nodeName`) fits only there. Such pods normally
 * bypass the scheduler entirely — the kubelet of that node just runs them — but the check keeps the
 * filter set complete, as upstream's.
 */
import type { FilterPlugin } from '../framework';
import { rejected } from '../framework';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  preFilter: (pod) => !!pod.pod.spec?.nodeName,
  filter(pod, node) {
    const wanted = pod.pod.spec?.nodeName;
    if (!wanted || wanted === node.name) return undefined;
    return rejected(this.name, 'UnschedulableAndUnresolvable', ERR_REASON_NODE_NAME);
  },
};
