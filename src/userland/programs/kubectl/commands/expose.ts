/**
 * `kubectl expose TYPE NAME`: a Service for the pods of a Deployment, ReplicaSet, RC, Pod or Service,
 * with the selector, ports and labels copied from it unless the flags say otherwise.
 */
import type { Sys } from '../../../../engine/runtime/process';
import { ApiStatusError, errorText, type Kubectl, type KubectlCommand } from '../framework';
import { HINTS, hintLine } from '../generate/hints';
import { withOverrides } from '../generate/overrides';
import { serviceForExpose } from '../generate/service';
import { createObject, DRY_RUN_FLAG, fetchObjects, OUTPUT_FLAG, writeOptions, type Found } from './create';

const text = (name: string, usage: string) => ({ name, type: 'string', default: "''", usage }) as const;

export const expose: KubectlCommand = {
  name: 'expose',
  short: 'Give a deployment, pod or service a new service in front of it',
  examples: `# A service named nginx in front of the nginx-deploy deployment
kubectl expose deployment nginx-deploy --name=nginx --port=80 --target-port=80 --protocol=TCP

# Reach myapp from outside the cluster through a port on every node
kubectl expose deployment myapp --port=80 --type=NodePort

# Expose a single pod
kubectl expose pod pod-demo --port=80 --name=pod-demo-svc`,
  long: 'Create a service that sends traffic to the pods of an existing object. The service selects the pods with the object\'s own selector (or its labels, for a pod), and takes its port from the object when you give none.',
  use: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: [
    text('protocol', 'The protocol of the new service\'s port: TCP (default), UDP or SCTP.'),
    text('port', 'The port the service listens on; taken from the exposed object when it names one.'),
    text('type', 'The kind of service: ClusterIP (default), NodePort, LoadBalancer or ExternalName.'),
    text('load-balancer-ip', 'For a LoadBalancer service, the IP address to ask the cloud for.'),
    text('selector', 'The label selector of the new service (key=value,...); taken from the exposed object when empty.'),
    { name: 'labels', short: 'l', type: 'string', default: "''", usage: 'Labels for the new service itself (key=value,...).' },
    text('target-port', 'The container port (number or name) the service sends traffic to; the service port when empty.'),
    text('external-ip', 'An extra IP address, outside the cluster\'s control, on which the service also accepts traffic.'),
    text('name', 'The name of the new service; the exposed object\'s name when empty.'),
    text('session-affinity', 'ClientIP sends each client to the same pod every time; None (default) spreads requests.'),
    text('cluster-ip', 'The cluster IP the service should have; empty picks one, None makes it headless.'),
    text('overrides', 'JSON merged into the generated service before it is sent, for fields without a flag.'),
    { name: 'field-manager', type: 'string', default: "'kubectl-expose'", usage: 'The name recorded in the object as the owner of the fields this command sets.' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  *run(k, args) {
    const dryRun = yield* writeOptions(k);
    const f = k.flags;
    let found: Found[];
    try {
      found = yield* fetchObjects(k, args);
    } catch (e) {
      const pod = e instanceof ApiStatusError && e.reason === 'NotFound' ? yield* podMadeByRun(k, args) : undefined;
      if (!pod) throw e;
      yield* k.err(errorText(e, k.path) + hintLine(HINTS.exposeRunPod(pod), k.proc.isatty(2)));
      return 1;
    }
    for (const { object } of found) {
      let service = serviceForExpose(object, {
        name: f.string('name'),
        port: f.string('port'),
        targetPort: f.string('target-port'),
        protocol: f.string('protocol'),
        type: f.string('type'),
        selector: f.string('selector'),
        labels: f.string('labels'),
        externalIP: f.string('external-ip'),
        loadBalancerIP: f.string('load-balancer-ip'),
        sessionAffinity: f.string('session-affinity'),
        clusterIP: f.string('cluster-ip'),
      });
      if (f.string('overrides')) service = withOverrides(service, f.string('overrides'));
      yield* createObject(k, service, dryRun, 'exposed');
    }
    return 0;
  },
};

/**
 * The tutorial's `expose deployment nginx-deploy` after `kubectl run nginx-deploy`: run made a
 * Deployment before v1.18 and makes a Pod now. The pod's name when that is what happened.
 */
function* podMadeByRun(k: Kubectl, args: readonly string[]): Sys<string | undefined> {
  const [type = '', name = ''] = args.length === 1 ? args[0]!.split('/') : args;
  if (!/^(deployments?|deploy)(\.apps)?$/.test(type) || name === '') return undefined;
  const client = yield* k.client();
  const pod = yield* client.request({ method: 'GET', path: `/api/v1/namespaces/${yield* k.namespace()}/pods/${name}` });
  const labels = (pod.body as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels;
  return pod.status === 200 && labels?.['run'] === name ? name : undefined;
}
