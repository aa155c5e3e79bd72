/**
 * What the apiserver forwards to the node side: `pods/<name>/log`, `exec` and `attach` go to the
 * kubelet that runs the pod, as the real apiserver proxies them to that node's kubelet on port
 * 10250. Exec and attach answer 101 Switching Protocols with the live session as the body (see
 * `upgraded` in api/gateway.ts); the request's `command` holds the argv as a JSON array, the
 * in-process stand-in for the repeated `command=` parameters of the real URL.
 */
import { badRequest, notFound } from '../../api/errors';
import { upgraded } from '../../api/gateway';
import type { ApiResponse, PodStreamHandlers } from '../../api/types';
import type { Kubelet } from '../kubelet';

/** The argv of an exec request: a JSON array, or (from a plain URL) a single word. */
function commandOf(command: string | undefined): string[] {
  if (command === undefined) return [];
  if (!command.startsWith('[')) return [command];
  try {
    const argv: unknown = JSON.parse(command);
    return Array.isArray(argv) ? argv.map(String) : [];
  } catch {
    return [];
  }
}

export function podStreamHandlers(kubelets: () => Iterable<Kubelet>): PodStreamHandlers {
  const kubeletOf = (namespace: string, pod: string): Kubelet | undefined => [...kubelets()].find((k) => k.hasPod(namespace, pod));
  const missing = (pod: string): ApiResponse<never> => ({ status: 404, body: notFound('pods', pod) });
  return {
    log(namespace, pod, query) {
      return kubeletOf(namespace, pod)?.logs(namespace, pod, query) ?? missing(pod);
    },
    exec(namespace, pod, query) {
      const kubelet = kubeletOf(namespace, pod);
      if (!kubelet) return missing(pod);
      const argv = commandOf(query.command);
      if (argv.length === 0) return { status: 400, body: badRequest('you must specify at least 1 command') };
      return upgraded(kubelet.exec(namespace, pod, query.container, argv, { tty: query.tty === 'true', stdin: query.stdin === 'true' }));
    },
    attach(namespace, pod, query) {
      const kubelet = kubeletOf(namespace, pod);
      return kubelet ? upgraded(kubelet.attach(namespace, pod, query.container)) : missing(pod);
    },
  };
}
