/**
 * What the apiserver forwards to the node side: `pods/<name>/log` goes to the kubelet that runs
 * the pod, as the real apiserver proxies it to that node's kubelet on port 10250. Exec and
 * attach need a streaming connection, which the synchronous API does not carry; the in-browser
 * kubectl calls `Kubelet.exec` instead.
 */
import { notFound } from '../../api/errors';
import type { PodStreamHandlers } from '../../api/types';
import type { Kubelet } from '../kubelet';

export function podStreamHandlers(kubelets: () => Iterable<Kubelet>): PodStreamHandlers {
  return {
    log(namespace, pod, query) {
      for (const kubelet of kubelets()) if (kubelet.hasPod(namespace, pod)) return kubelet.logs(namespace, pod, query);
      return { status: 404, body: notFound('pods', pod) };
    },
  };
}
