/**
 * `kubectl cluster-info`: the control plane's address and the cluster services kube-system labels
 * `kubernetes.io/cluster-service=true`, in kubectl's colours (always on, as go-colortext writes them).
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { KubectlCommand } from '../framework';

const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';
const line = (name: string, url: string): string => `${GREEN}${name}${RESET} is running at ${YELLOW}${url}${RESET}\n`;

export const clusterInfo: KubectlCommand = {
  name: 'cluster-info',
  short: 'Show where the control plane and cluster services are',
  long: 'Print the address of the API server and of the services labelled kubernetes.io/cluster-service=true, such as CoreDNS.',
  examples: `# Where is the API server?
kubectl cluster-info`,
  use: 'cluster-info [flags] [options]',
  *run(k) {
    const client = yield* k.client();
    const footer = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    let services: Service[];
    try {
      yield* k.discovery();
      services = (yield* client.call<{ items: Service[] }>({
        method: 'GET',
        path: '/api/v1/namespaces/kube-system/services',
        query: { labelSelector: 'kubernetes.io/cluster-service=true' },
      })).items;
    } catch (e) {
      yield* k.out(footer);
      throw e;
    }
    let text = line('Kubernetes control plane', client.config.server);
    for (const svc of services) {
      const name = svc.metadata?.labels?.['kubernetes.io/name'] ?? svc.metadata?.name ?? '';
      const port = svc.spec?.ports?.[0]?.name;
      const target = port ? `${svc.metadata?.name}:${port}` : svc.metadata?.name;
      text += line(name, `${client.config.server}/api/v1/namespaces/kube-system/services/${target}/proxy`);
    }
    yield* k.out(text + footer);
    return 0;
  },
};
