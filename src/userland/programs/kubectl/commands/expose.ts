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
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  examples: '  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000\n  kubectl expose deployment nginx --port=80 --target-port=8000',
  use: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: [
    text('protocol', "The network protocol for the service to be created. Default is 'TCP'."),
    text('port', 'The port that the service should serve on. Copied from the resource being exposed, if unspecified'),
    text('type', "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'."),
    text('load-balancer-ip', 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).'),
    text('selector', 'A label selector to use for this service. Only equality-based selector requirements are supported.'),
    { name: 'labels', short: 'l', type: 'string', default: "''", usage: 'Labels to apply to the service created by this call.' },
    text('target-port', 'Name or number for the port on the container that the service should direct traffic to. Optional.'),
    text('external-ip', 'Additional external IP address (not managed by Kubernetes) to accept for the service.'),
    text('name', 'The name for the newly created object.'),
    text('session-affinity', "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'"),
    text('cluster-ip', "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service."),
    text('overrides', 'An inline JSON override for the generated object.'),
    { name: 'field-manager', type: 'string', default: "'kubectl-expose'", usage: 'Name of the manager used to track field ownership.' },
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
