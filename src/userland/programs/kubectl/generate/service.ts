/**
 * Services kubectl builds on the client: `create service clusterip|nodeport NAME --tcp=…` and
 * `expose TYPE NAME`, which copies the selector, the ports and the labels from the exposed object.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodSpec, ReplicationController, Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../engine/api/types';
import { KubectlError } from '../framework/errors';
import { clientObjectMeta, parseLabelSpec, sortedRecord } from './meta';
import { atoi } from './pod';

/** Go's intstr.Parse: a number when the whole text is one, a port name otherwise. */
const intOrString = (text: string): number | string => (/^[+-]?\d+$/.test(text) ? Number(text) : text);

function newService(name: string, labels: Record<string, string> | undefined, spec: ServiceSpec): Service {
  return { kind: 'Service', apiVersion: 'v1', metadata: clientObjectMeta(name, labels), spec, status: { loadBalancer: {} } };
}

export interface CreateServiceSpec {
  type: 'ClusterIP' | 'NodePort';
  name: string;
  /** Each `--tcp` item: `port[:targetPort]`. */
  tcp: readonly string[];
  /** `--clusterip` (ClusterIP only); `None` makes a headless Service. */
  clusterIP?: string;
  /** `--node-port` (NodePort only): given to every port. */
  nodePort?: number;
}

/** Go's strconv.ParseUint with its error text, as `create service` reads `--tcp` ports. */
function parsePort(text: string): number {
  if (!/^\d+$/.test(text)) throw new KubectlError(`strconv.ParseUint: parsing "${text}": invalid syntax`);
  return Number(text);
}

export function serviceForCreate(spec: CreateServiceSpec): Service {
  if (spec.tcp.length === 0 && spec.clusterIP !== 'None') throw new KubectlError('at least one tcp port specifier must be provided');
  const ports = spec.tcp.map((item): ServicePort => {
    const [portText = '', targetText] = item.split(':');
    const port = parsePort(portText);
    const servicePort: ServicePort = {
      name: targetText === undefined ? portText : `${portText}-${targetText}`,
      protocol: 'TCP',
      port,
      targetPort: targetText === undefined ? port : intOrString(targetText),
    };
    if (spec.nodePort) servicePort.nodePort = spec.nodePort;
    return servicePort;
  });
  // Both kinds select the pods labelled `app=<name>`, as `create deployment` labels them.
  const labels = { app: spec.name };
  const serviceSpec: ServiceSpec = {};
  if (ports.length > 0) serviceSpec.ports = ports;
  serviceSpec.selector = { ...labels };
  if (spec.clusterIP) serviceSpec.clusterIP = spec.clusterIP;
  serviceSpec.type = spec.type;
  return newService(spec.name, labels, serviceSpec);
}

export interface ExposeSpec {
  name?: string;
  port?: string;
  targetPort?: string;
  protocol?: string;
  type?: string;
  selector?: string;
  labels?: string;
  externalIP?: string;
  loadBalancerIP?: string;
  sessionAffinity?: string;
  clusterIP?: string;
}

/** The kinds `kubectl expose` accepts, with where each keeps its pods' labels and template. */
function podSource(object: KubeObject): { selector: () => Record<string, string>; ports: () => ServicePortSource[] } {
  const selectorError = (reason: string) =>
    new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: ${reason}`);
  const fromTemplate = (spec: PodSpec | undefined) => () => containerPorts(spec);
  switch (object.kind) {
    case 'Pod': {
      const pod = object as Pod;
      return {
        selector: () => nonEmpty(pod.metadata?.labels) ?? fail(selectorError('the pod has no labels and cannot be exposed')),
        ports: fromTemplate(pod.spec),
      };
    }
    case 'Service': {
      const service = object as Service;
      return {
        selector: () => nonEmpty(service.spec?.selector) ?? fail(selectorError('the service has no pod selector set')),
        ports: () => (service.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' })),
      };
    }
    case 'ReplicationController': {
      const rc = object as ReplicationController;
      return { selector: () => nonEmpty(rc.spec?.selector) ?? {}, ports: fromTemplate(rc.spec?.template?.spec) };
    }
    case 'Deployment':
    case 'ReplicaSet': {
      const workload = object as Deployment | ReplicaSet;
      return {
        selector: () => {
          const selector = workload.spec?.selector;
          if (selector?.matchExpressions?.length) {
            throw selectorError(`couldn't convert expressions - "${JSON.stringify(selector.matchExpressions)}" to map-based selector format`);
          }
          return selector?.matchLabels ?? {};
        },
        ports: fromTemplate(workload.spec?.template?.spec),
      };
    }
    default:
      throw new KubectlError(`cannot expose a ${object.kind ?? 'object'}`);
  }
}

interface ServicePortSource {
  port: number;
  protocol: string;
}

function containerPorts(spec: PodSpec | undefined): ServicePortSource[] {
  return (spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })));
}

const nonEmpty = (map: Record<string, string> | undefined) => (map && Object.keys(map).length > 0 ? map : undefined);
const sorted = (map: Record<string, string>) => sortedRecord(Object.entries(map));
const fail = (error: Error): never => {
  throw error;
};

/** The Service `kubectl expose` creates for `object` (a Pod, Service, RC, Deployment or ReplicaSet). */
export function serviceForExpose(object: KubeObject, spec: ExposeSpec): Service {
  const source = podSource(object);
  const introspected = spec.selector ? undefined : sorted(source.selector());
  const objectPorts = source.ports();
  const protocols = new Map<number, string[]>();
  for (const { port, protocol } of objectPorts) protocols.set(port, [...(protocols.get(port) ?? []), protocol]);

  let portNumbers: number[];
  if (spec.port) portNumbers = [atoi(spec.port)];
  else {
    portNumbers = objectPorts.map((p) => p.port);
    if (portNumbers.length === 0 && spec.clusterIP !== 'None') throw new KubectlError("couldn't find port via --port flag or introspection");
  }

  const ports: ServicePort[] = [];
  portNumbers.forEach((port, i) => {
    const name = portNumbers.length > 1 ? `port-${i + 1}` : undefined;
    const known = protocols.get(port) ?? [];
    // One port per protocol when the object serves the same number over several (DNS on 53).
    if (!spec.protocol && known.length > 1) {
      for (const protocol of known) ports.push({ name: `port-${i + 1}-${protocol.toLowerCase()}`, protocol, port });
      return;
    }
    ports.push({ ...(name ? { name } : {}), protocol: spec.protocol || known[0] || 'TCP', port });
  });
  for (const p of ports) p.targetPort = spec.targetPort ? intOrString(spec.targetPort) : p.port;

  const selector = introspected ?? parseLabelSpec(spec.selector!);
  const serviceSpec: ServiceSpec = { ...(ports.length > 0 ? { ports } : {}), selector };
  if (spec.clusterIP) serviceSpec.clusterIP = spec.clusterIP;
  if (spec.type) serviceSpec.type = spec.type;
  if (spec.externalIP) serviceSpec.externalIPs = [spec.externalIP];
  if (spec.sessionAffinity) {
    if (spec.sessionAffinity !== 'None' && spec.sessionAffinity !== 'ClientIP') {
      throw new KubectlError(`unknown session affinity: ${spec.sessionAffinity}`);
    }
    serviceSpec.sessionAffinity = spec.sessionAffinity;
  }
  if (spec.type === 'LoadBalancer' && spec.loadBalancerIP) serviceSpec.loadBalancerIP = spec.loadBalancerIP;

  const objectLabels = nonEmpty(object.metadata?.labels);
  const labels = spec.labels ? parseLabelSpec(spec.labels) : objectLabels && sorted(objectLabels);
  // A Service name is a DNS-1035 label: at most 63 characters.
  const name = spec.name || (object.metadata?.name ?? '').slice(0, 63);
  return newService(name, labels, serviceSpec);
}
