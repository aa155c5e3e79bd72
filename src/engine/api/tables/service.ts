/** `kubectl get services`: TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S) as printService computes them. */
import type { LoadBalancerStatus, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { IngressLoadBalancerStatus } from 'kubernetes-types/networking/v1';
import { AGE_COLUMN, NAME_COLUMN, column, columns, type Printer, type RowContext } from './columns';
import { byteOrder, formatLabels } from './format';

/** Beyond this many characters a load-balancer address is cut to 13 + `...` (non-wide only). */
const LOAD_BALANCER_WIDTH = 16;

export const SERVICE_COLUMNS = columns(
  NAME_COLUMN,
  column(
    'Type',
    'string',
    'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.',
  ),
  column('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
  column(
    'External-IP',
    'string',
    'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
  ),
  column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
  AGE_COLUMN,
  column(
    'Selector',
    'string',
    'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify.',
    1,
  ),
);

/**
 * Load-balancer ingress points: IP, else hostname, de-duplicated and sorted (the server keeps them
 * in a string set), comma-joined; cut to 13 characters + `...` unless wide. The apiserver always
 * builds Tables in wide mode, so kubectl never sees the cut form.
 */
export function loadBalancerStatusString(status: LoadBalancerStatus | IngressLoadBalancerStatus | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of status?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  const r = [...set].sort(byteOrder).join(',');
  return !wide && r.length > LOAD_BALANCER_WIDTH ? r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...' : r;
}

/** EXTERNAL-IP: externalIPs or `<none>`; for LoadBalancer the ingress points or `<pending>`; the externalName. */
export function serviceExternalIP(svc: Service, wide = true): string {
  const spec = svc.spec ?? {};
  const externalIPs = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatusString(svc.status?.loadBalancer, wide);
      if (externalIPs.length > 0) return (lb ? [...lb.split(','), ...externalIPs] : externalIPs).join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** PORT(S): `80/TCP`, `80:32444/TCP` with a node port, comma-joined; `<none>` without ports. */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  if (!ports || ports.length === 0) return '<none>';
  let out = '';
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i]!;
    if (i > 0) out += ',';
    out += p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`;
  }
  return out;
}

/**
 * CLUSTER-IP: the first of clusterIPs (`None` for headless), `<none>` when unset. The real server
 * keeps clusterIP and clusterIPs in sync on write; reading clusterIP as a fallback covers objects
 * stored before that sync.
 */
export function clusterIP(svc: Service): string {
  return svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '<none>';
}

export const servicePrinter: Printer<Service> = {
  columns: SERVICE_COLUMNS,
  cells(svc: Service, ctx: RowContext): unknown[] {
    return [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      clusterIP(svc),
      serviceExternalIP(svc, true),
      servicePorts(svc.spec?.ports),
      ctx.age(svc.metadata?.creationTimestamp),
      formatLabels(svc.spec?.selector),
    ];
  },
};
