/** Endpoints and EndpointSlices: the first three addresses, then ` + N more...`. */
import type { Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { AGE_COLUMN, NAME_COLUMN, column, columns, type Printer, type RowContext } from './columns';
import { joinHostPort, listWithMore } from './format';

const MAX_SHOWN = 3;

/**
 * ENDPOINTS: ready addresses as `ip:port`, one per (port × address) in subset order, at most
 * three, then ` + N more...`; bare IPs for a subset without ports; `<none>` with no subsets.
 * A subset holding only not-ready addresses yields an empty cell, as on a real cluster.
 */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets;
  if (!subsets || subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX_SHOWN) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX_SHOWN) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - MAX_SHOWN} more...` : joined;
}

export const endpointsPrinter: Printer<Endpoints> = {
  columns: columns(
    NAME_COLUMN,
    column('Endpoints', 'string', 'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.'),
    AGE_COLUMN,
  ),
  cells: (ep: Endpoints, ctx: RowContext) => [ep.metadata?.name ?? '', formatEndpoints(ep), ctx.age(ep.metadata?.creationTimestamp)],
};

/** PORTS of a slice: port numbers, else the port name, else `*`; `<unset>` when there are none. */
export function formatSlicePorts(slice: EndpointSlice): string {
  const list: string[] = [];
  let count = 0;
  for (const p of slice.ports ?? []) {
    if (list.length < MAX_SHOWN) list.push(p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'));
    count++;
  }
  return listWithMore(list, count, MAX_SHOWN);
}

/** ENDPOINTS of a slice: every address of every endpoint, ready or not. */
export function formatSliceEndpoints(slice: EndpointSlice): string {
  const list: string[] = [];
  let count = 0;
  for (const e of slice.endpoints ?? []) {
    for (const a of e.addresses ?? []) {
      if (list.length < MAX_SHOWN) list.push(a);
      count++;
    }
  }
  return listWithMore(list, count, MAX_SHOWN);
}

export const endpointSlicePrinter: Printer<EndpointSlice> = {
  columns: columns(
    NAME_COLUMN,
    column('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.'),
    column('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.'),
    column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'),
    AGE_COLUMN,
  ),
  cells: (s: EndpointSlice, ctx: RowContext) => [
    s.metadata?.name ?? '',
    s.addressType ?? '',
    formatSlicePorts(s),
    formatSliceEndpoints(s),
    ctx.age(s.metadata?.creationTimestamp),
  ],
};
