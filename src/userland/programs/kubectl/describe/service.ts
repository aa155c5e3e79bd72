/** Services (addresses, ports and the endpoints behind each) and Endpoints objects. */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import { formatLabels } from '../../../../engine/api/tables/format';
import type { Sys } from '../../../../engine/runtime/process';
import { corePath } from './context';
import { searchEvents, writeEvents } from './events';
import type { Describer } from './meta';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';

/** At most three `ip:port` of the ports named `portName`, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: Endpoints | undefined, portName: string): string {
  const subsets = endpoints?.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const all: string[] = [];
  for (const ss of subsets) {
    const addresses = (ss.addresses ?? []).map((a) => a.ip);
    if (!ss.ports?.length) all.push(...addresses);
    for (const port of ss.ports ?? []) {
      if ((port.name ?? '') !== portName) continue;
      all.push(...addresses.map((ip) => (ip.includes(':') ? `[${ip}]:${port.port}` : `${ip}:${port.port}`)));
    }
  }
  const shown = all.slice(0, 3).join(',');
  return all.length > 3 ? `${shown} + ${all.length - 3} more...` : shown;
}

export const describeService: Describer = function* (ctx, namespace, name): Sys<string> {
  const svc = yield* ctx.client.call<Service>({ method: 'GET', path: `${corePath('services', namespace)}/${name}` });
  const answer = yield* ctx.client.request({ method: 'GET', path: `${corePath('endpoints', namespace)}/${name}` });
  const endpoints = answer.status === 200 ? (answer.body as Endpoints) : undefined;
  const events = yield* searchEvents(ctx, { kind: 'Service', name, namespace, uid: svc.metadata?.uid });

  const w = new DescribeWriter();
  const { metadata: meta = {}, spec = {}, status = {} } = svc;
  w.write(0, `Name:\t${meta.name}\n`);
  w.write(0, `Namespace:\t${meta.namespace}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  if (spec.clusterIPs?.length) w.write(0, `IPs:\t${spec.clusterIPs.join(',')}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = (status.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.join(', ')}\n`);
  for (const port of spec.ports ?? []) {
    const portName = port.name || '<unset>';
    const protocol = port.protocol ?? 'TCP';
    w.write(0, `Port:\t${portName}\t${port.port}/${protocol}\n`);
    w.write(0, `TargetPort:\t${port.targetPort ?? port.port}/${protocol}\n`);
    if (port.nodePort) w.write(0, `NodePort:\t${portName}\t${port.nodePort}/${protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpoints(endpoints, port.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  writeEvents(w, events, ctx.now);
  return w.toString();
};

export const describeEndpoints: Describer = function* (ctx, namespace, name): Sys<string> {
  const ep = yield* ctx.client.call<Endpoints>({ method: 'GET', path: `${corePath('endpoints', namespace)}/${name}` });
  const events = yield* searchEvents(ctx, { kind: 'Endpoints', name, namespace, uid: ep.metadata?.uid });

  const w = new DescribeWriter();
  w.write(0, `Name:\t${ep.metadata?.name}\n`);
  w.write(0, `Namespace:\t${ep.metadata?.namespace}\n`);
  writeLabels(w, 'Labels', ep.metadata?.labels);
  writeAnnotations(w, 'Annotations', ep.metadata?.annotations);
  w.write(0, 'Subsets:\n');
  for (const ss of ep.subsets ?? []) {
    const ips = (list: { ip: string }[] | undefined): string => (list ?? []).map((a) => a.ip).join(',') || '<none>';
    w.write(1, `Addresses:\t${ips(ss.addresses)}\n`);
    w.write(1, `NotReadyAddresses:\t${ips(ss.notReadyAddresses)}\n`);
    if (ss.ports?.length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ss.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(0, '\n');
  }
  writeEvents(w, events, ctx.now);
  return w.toString();
};
