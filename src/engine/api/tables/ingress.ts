/** `kubectl get ingress`: CLASS, HOSTS, ADDRESS, PORTS. */
import type { Ingress, IngressRule } from 'kubernetes-types/networking/v1';
import { AGE_COLUMN, NAME_COLUMN, column, columns, type Printer, type RowContext } from './columns';
import { loadBalancerStatusString } from './service';

/** HOSTS: up to three rule hosts, ` + N more...` (counting all rules), `*` when none names a host. */
export function ingressHosts(rules: readonly IngressRule[] | undefined): string {
  const list: string[] = [];
  let more = false;
  const all = rules ?? [];
  for (const rule of all) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const joined = list.join(',');
  return more ? `${joined} + ${all.length - 3} more...` : joined;
}

export const ingressPrinter: Printer<Ingress> = {
  columns: columns(
    NAME_COLUMN,
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE_COLUMN,
  ),
  cells: (ing: Ingress, ctx: RowContext) => [
    ing.metadata?.name ?? '',
    ing.spec?.ingressClassName ?? '<none>',
    ingressHosts(ing.spec?.rules),
    loadBalancerStatusString(ing.status?.loadBalancer, true),
    // PORTS says 80, plus 443 when any TLS block exists (with that exact ", " separator).
    ing.spec?.tls && ing.spec.tls.length > 0 ? '80, 443' : '80',
    ctx.age(ing.metadata?.creationTimestamp),
  ],
};
