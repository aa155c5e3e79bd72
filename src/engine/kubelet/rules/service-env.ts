/**
 * The environment variables a container gets for Services (kubelet `getServiceEnvVarMap` and
 * `envvars.FromServices`): the Docker-links era convention that lets a program find `nginx` as
 * `$NGINX_SERVICE_HOST:$NGINX_SERVICE_PORT` without DNS. Every Service with a ClusterIP in the
 * pod's namespace contributes (unless `enableServiceLinks: false`), and the `kubernetes` Service
 * of the `default` namespace always does.
 *
 * For a Service `my-web` on 10.96.3.7 with port 80/TCP named `http`:
 *   MY_WEB_SERVICE_HOST=10.96.3.7          MY_WEB_PORT=tcp://10.96.3.7:80
 *   MY_WEB_SERVICE_PORT=80                 MY_WEB_PORT_80_TCP=tcp://10.96.3.7:80
 *   MY_WEB_SERVICE_PORT_HTTP=80            MY_WEB_PORT_80_TCP_PROTO=tcp
 *                                          MY_WEB_PORT_80_TCP_PORT=80
 *                                          MY_WEB_PORT_80_TCP_ADDR=10.96.3.7
 */
import type { Service } from 'kubernetes-types/core/v1';

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/** Services the kubelet always exports, from the `default` namespace. */
const MASTER_SERVICES = new Set(['kubernetes']);

/** `my-web` → `MY_WEB`; a leading digit gets an underscore in front. */
export function envVariableName(name: string): string {
  const upper = name.replace(/[.-]/g, '_').toUpperCase();
  return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}

const hasClusterIP = (s: Service): boolean => {
  const ip = s.spec?.clusterIP;
  return ip !== undefined && ip !== '' && ip !== 'None';
};

/**
 * The services whose variables a pod in `namespace` gets, sorted by name (Go ranges over a map,
 * so the real order varies; a fixed one keeps `env` output stable).
 */
export function servicesForPod(services: readonly Service[], namespace: string, enableServiceLinks: boolean): Service[] {
  const byName = new Map<string, Service>();
  for (const s of services) {
    if (!hasClusterIP(s)) continue;
    const name = s.metadata?.name ?? '';
    const ns = s.metadata?.namespace ?? '';
    if (ns === 'default' && MASTER_SERVICES.has(name)) {
      if (!byName.has(name)) byName.set(name, s);
    } else if (ns === namespace && enableServiceLinks) {
      byName.set(name, s);
    }
  }
  return [...byName.values()].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
}

/** `envvars.FromServices`: the variables of each service, in upstream order. */
export function serviceEnvVars(services: readonly Service[]): EnvVar[] {
  const out: EnvVar[] = [];
  for (const s of services) {
    const ports = s.spec?.ports ?? [];
    if (!hasClusterIP(s) || ports.length === 0) continue;
    const ip = s.spec!.clusterIP!;
    const prefix = envVariableName(s.metadata?.name ?? '');
    out.push({ name: `${prefix}_SERVICE_HOST`, value: ip });
    out.push({ name: `${prefix}_SERVICE_PORT`, value: String(ports[0]!.port) });
    for (const p of ports) if (p.name) out.push({ name: `${prefix}_SERVICE_PORT_${envVariableName(p.name)}`, value: String(p.port) });
    // Docker-compatible link variables; IPv6 addresses are bracketed in URLs.
    const host = ip.includes(':') ? `[${ip}]` : ip;
    ports.forEach((p, i) => {
      const protocol = (p.protocol ?? 'TCP').toLowerCase();
      const url = `${protocol}://${host}:${p.port}`;
      if (i === 0) out.push({ name: `${prefix}_PORT`, value: url });
      const portPrefix = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
      out.push({ name: portPrefix, value: url });
      out.push({ name: `${portPrefix}_PROTO`, value: protocol });
      out.push({ name: `${portPrefix}_PORT`, value: String(p.port) });
      out.push({ name: `${portPrefix}_ADDR`, value: ip });
    });
  }
  return out;
}
