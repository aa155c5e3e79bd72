/**
 * Services: defaults (ClusterIP, TCP, targetPort = port, traffic policies), the ClusterIP and
 * NodePort allocation of the real REST storage, and its validation. On update the apiserver keeps
 * what the client left out but was allocated before (a `kubectl apply` without `clusterIP`) and
 * drops what the new type no longer uses (node ports when going back to ClusterIP).
 */
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { sameCanonicalJson } from '../../sim/names';
import type { StrategyContext } from './contract';
import type { KindRules } from './generic';
import { asArray, asObject, ensureObject, fields, setDefault, type Json } from './object';
import {
  allocateClusterIP,
  allocateNodePort,
  inUse,
  ipInRange,
  isValidIP,
  NODE_PORT_MAX,
  NODE_PORT_MIN,
  SERVICE_CIDR,
  type InUse,
} from './service-alloc';
import { validatePortNumOrName } from './podspec-validation';
import { child, duplicate, forbidden, index, invalid, invalidEach, notSupported, required } from './validation/field';
import { duplicateGo } from './validation/golit';
import { validateLabels } from './validation/metadata';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum, nameIsDNS1035Label } from './validation/names';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const KUBELET_PORT = 10250;
const DEFAULT_CLIENT_IP_TIMEOUT = 10800;

type Spec = Json;
const specOf = (obj: KubeObject): Spec => ensureObject(fields(obj), 'spec');
const portsOf = (spec: Spec): Json[] => asArray(spec.ports).filter((p): p is Json => asObject(p) !== undefined);

const isHeadless = (spec: Spec): boolean => spec.clusterIP === 'None';
const needsClusterIP = (spec: Spec): boolean => spec.type !== 'ExternalName';
const needsNodePort = (spec: Spec): boolean =>
  spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
const externallyAccessible = (spec: Spec): boolean =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && asArray(spec.externalIPs).length > 0);
const same = sameCanonicalJson;

function defaultService(spec: Spec): void {
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = ensureObject(spec, 'sessionAffinityConfig');
    setDefault(ensureObject(cfg, 'clientIP'), 'timeoutSeconds', DEFAULT_CLIENT_IP_TIMEOUT);
  }
  setDefault(spec, 'type', 'ClusterIP');
  for (const p of portsOf(spec)) {
    setDefault(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec)) setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer') setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
}

/** Addresses, families and node ports for whatever the Service needs and does not have yet. */
function allocate(spec: Spec, used: InUse, ctx: StrategyContext): void {
  if (needsClusterIP(spec)) {
    if (!spec.clusterIP && asArray(spec.clusterIPs).length === 0) {
      const ip = allocateClusterIP(ctx.rng, used);
      if (ip) {
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      }
    }
    if (asArray(spec.ipFamilies).length === 0) spec.ipFamilies = ['IPv4'];
    // Headless without a selector may point anywhere, so it asks for every family the cluster has.
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = isHeadless(spec) && !asObject(spec.selector) ? 'RequireDualStack' : 'SingleStack';
  }
  if (needsNodePort(spec)) {
    // The same service port number over several protocols shares one node port.
    const byPort = new Map<unknown, number>();
    for (const p of portsOf(spec)) if (typeof p.nodePort === 'number' && p.nodePort) byPort.set(p.port, p.nodePort);
    for (const p of portsOf(spec)) {
      if (p.nodePort) continue;
      const port = byPort.get(p.port) ?? allocateNodePort(ctx.rng, used);
      if (port !== undefined) {
        p.nodePort = port;
        byPort.set(p.port, port);
      }
    }
  }
}

/** What the client did not resend but the old object had allocated (`patchAllocatedValues`). */
function patchAllocatedValues(spec: Spec, old: Spec): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP) spec.clusterIP = old.clusterIP;
    if (asArray(spec.clusterIPs).length === 0 && asArray(old.clusterIPs).length > 0) spec.clusterIPs = old.clusterIPs;
    if (asArray(spec.ipFamilies).length === 0 && old.ipFamilies) spec.ipFamilies = old.ipFamilies;
    if (!spec.ipFamilyPolicy && old.ipFamilyPolicy) spec.ipFamilyPolicy = old.ipFamilyPolicy;
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const used = (s: Spec): Set<number> => new Set(portsOf(s).map((p) => p.nodePort).filter((n): n is number => typeof n === 'number' && n > 0));
    const newUsed = used(spec);
    const both = new Set([...used(old)].filter((n) => newUsed.has(n)));
    const byName = new Map(portsOf(old).map((p) => [p.name ?? '', p.nodePort]));
    for (const p of portsOf(spec)) {
      if (p.nodePort) continue;
      const oldPort = byName.get(p.name ?? '');
      if (typeof oldPort === 'number' && oldPort > 0 && !both.has(oldPort)) p.nodePort = oldPort;
    }
  }
}

/** Keeps clusterIP and clusterIPs in step, guessing what an older client meant (`normalizeClusterIPs`). */
function normalizeClusterIPs(spec: Spec, old?: Spec): void {
  const ips = asArray(spec.clusterIPs);
  if (!old) {
    if (spec.clusterIP && ips.length === 0) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  if (asArray(old.clusterIPs).length > 0 && ips.length === 0 && old.clusterIP === spec.clusterIP) spec.clusterIPs = old.clusterIPs;
  if (old.clusterIP !== spec.clusterIP) {
    const sameIPs = same(old.clusterIPs, spec.clusterIPs);
    if (old.clusterIP && !spec.clusterIP) {
      if (sameIPs) delete spec.clusterIPs;
    } else if (sameIPs) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}

/** Fields the new type does not use, unless the user changed them too (`dropTypeDependentFields`). */
function dropTypeDependentFields(obj: Json, spec: Spec, old: Spec): void {
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (same(old.clusterIPs, spec.clusterIPs) && old.clusterIP === spec.clusterIP) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (same(old.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (same(old.ipFamilyPolicy, spec.ipFamilyPolicy)) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(spec)) {
    const nodePorts = (s: Spec): unknown => portsOf(s).map((p) => p.nodePort ?? 0);
    if (same(nodePorts(old), nodePorts(spec))) for (const p of portsOf(spec)) delete p.nodePort;
  }
  if (!externallyAccessible(spec) && same(old.externalTrafficPolicy, spec.externalTrafficPolicy)) delete spec.externalTrafficPolicy;
  if (spec.type !== 'LoadBalancer') {
    if (same(old.allocateLoadBalancerNodePorts, spec.allocateLoadBalancerNodePorts)) delete spec.allocateLoadBalancerNodePorts;
    const status = asObject(obj.status);
    if (status) status.loadBalancer = {};
  }
}

// ---- validation --------------------------------------------------------------------------------

function goServicePortKey(protocol: unknown, port: unknown): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(String(protocol ?? ''))}, AppProtocol:(*string)(nil), Port:${Number(port ?? 0)}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function validateServicePort(p: Json, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = typeof p.name === 'string' ? p.name : '';
  if (requireName && !name) errs.push(required(child(path, 'name')));
  else if (name) {
    errs.push(...invalidEach(child(path, 'name'), name, isDNS1123Label(name)));
    if (names.has(name)) errs.push(duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  errs.push(...invalidEach(child(path, 'port'), p.port ?? 0, isValidPortNum(typeof p.port === 'number' ? p.port : 0)));
  const protocol = typeof p.protocol === 'string' ? p.protocol : '';
  if (!protocol) errs.push(required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(path, 'protocol'), protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort, child(path, 'targetPort')));
  return errs;
}

/** Allocation problems with requested addresses and ports: the REST storage's own 422s. */
function allocationErrors(spec: Spec, used: InUse): FieldError[] {
  const errs: FieldError[] = [];
  if (needsClusterIP(spec)) {
    const ips = asArray(spec.clusterIPs).filter((ip): ip is string => typeof ip === 'string');
    for (const ip of ips) {
      if (ip === 'None' || !isValidIP(ip)) continue;
      if (!ipInRange(ip)) {
        errs.push(invalid('spec.clusterIPs', ips, `failed to allocate IP ${ip}: provided IP is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`));
      } else if (used.ips.has(ip)) {
        errs.push(invalid('spec.clusterIPs', ips, `failed to allocate IP ${ip}: provided IP is already allocated`));
      }
    }
  }
  if (needsNodePort(spec)) {
    portsOf(spec).forEach((p, i) => {
      const np = p.nodePort;
      if (typeof np !== 'number' || !np) return;
      const path = child(index('spec.ports', i), 'nodePort');
      if (np < NODE_PORT_MIN || np > NODE_PORT_MAX) {
        errs.push(invalid(path, np, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
      } else if (used.nodePorts.has(String(np))) {
        errs.push(invalid(path, np, 'provided port is already allocated'));
      }
    });
  }
  return errs;
}

export function validateServiceSpec(spec: Spec): FieldError[] {
  const errs: FieldError[] = [];
  const ports = portsOf(spec);
  const headless = isHeadless(spec);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  switch (spec.type) {
    case 'LoadBalancer':
      if (headless) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
      ports.forEach((p, i) => {
        if (p.port === KUBELET_PORT) errs.push(invalid(index('spec.ports', i), p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
      });
      if (headless) errs.push(invalid('spec.clusterIP', 'None', "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (headless) errs.push(invalid('spec.clusterIP', 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if (asArray(spec.clusterIPs).length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (asArray(spec.ipFamilies).length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      // A trailing dot marks a fully qualified name.
      const cname = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : '';
      if (cname) errs.push(...invalidEach('spec.externalName', cname, isDNS1123Subdomain(cname)));
      else errs.push(required('spec.externalName'));
      break;
    }
    default:
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (asObject(spec.selector)) errs.push(...validateLabels(asObject(spec.selector) as Record<string, string>, 'spec.selector'));
  const affinity = spec.sessionAffinity;
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (affinity === 'None' && spec.sessionAffinityConfig) errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  if (affinity === 'ClientIP') {
    const timeout = asObject(asObject(spec.sessionAffinityConfig)?.clientIP)?.timeoutSeconds;
    if (typeof timeout !== 'number' || timeout <= 0 || timeout > 86400) {
      errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout ?? 0, 'must be greater than 0 and less than 86400'));
    }
  }
  errs.push(...validateClusterIPFields(spec));
  asArray(spec.externalIPs).forEach((ip, i) => {
    if (typeof ip !== 'string' || !isValidIP(ip)) errs.push(invalid(index('spec.externalIPs', i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (!spec.type) errs.push(required('spec.type'));
  else if (!TYPES.includes(String(spec.type))) errs.push(notSupported('spec.type', spec.type, TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const k = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(k)) errs.push(duplicate(index('spec.ports', i), p.nodePort));
    nodePorts.add(k);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${p.protocol}/${p.port}`;
    if (portKeys.has(k)) errs.push(duplicateGo(index('spec.ports', i), goServicePortKey(p.protocol, p.port)));
    portKeys.add(k);
  });
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) errs.push(invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!spec.externalTrafficPolicy) {
    errs.push(required('spec.externalTrafficPolicy'));
  } else if (spec.externalTrafficPolicy !== 'Cluster' && spec.externalTrafficPolicy !== 'Local') {
    errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, ['Cluster', 'Local']));
  }
  const itp = spec.internalTrafficPolicy;
  if (itp == null) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') errs.push(required('spec.internalTrafficPolicy'));
  } else if (itp !== 'Cluster' && itp !== 'Local') {
    errs.push(notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  }
  return errs;
}

function validateClusterIPFields(spec: Spec): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = asArray(spec.clusterIPs);
  // Older clients set only clusterIP, newer ones both; either way they must agree.
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errs.push(invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length > 0) {
    errs.push(invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) errs.push(invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      return;
    }
    if (typeof ip !== 'string' || !isValidIP(ip)) errs.push(invalid(index('spec.clusterIPs', i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  const policy = spec.ipFamilyPolicy;
  if (policy != null && !['SingleStack', 'PreferDualStack', 'RequireDualStack'].includes(String(policy))) {
    errs.push(notSupported('spec.ipFamilyPolicy', policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  asArray(spec.ipFamilies).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(index('spec.ipFamilies', i), f, ['IPv4', 'IPv6']));
  });
  return errs;
}

/** Once given, a ClusterIP stays (unless the Service becomes or stops being ExternalName). */
function validateClusterIPsUpdate(spec: Spec, old: Spec): FieldError[] {
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(old)) return [];
  const now = asArray(spec.clusterIPs);
  const before = asArray(old.clusterIPs);
  if (now.length === 0 && before.length > 0) return [invalid('spec.clusterIPs[0]', now, 'primary clusterIP can not be unset')];
  if (before.some((ip, i) => i < now.length && ip !== now[i])) return [invalid('spec.clusterIPs[0]', now, 'may not change once set')];
  return [];
}

export function serviceRules(resource: ResourceInfo): KindRules {
  const used = (ctx: StrategyContext, self: KubeObject): InUse => inUse(ctx.store.list(resource), self);
  return {
    nameFn: nameIsDNS1035Label,
    hasStatus: true,
    initialStatus: () => ({ loadBalancer: {} }),
    defaults: (obj) => defaultService(specOf(obj)),
    prepareForCreate(obj, ctx) {
      const spec = specOf(obj);
      normalizeClusterIPs(spec);
      allocate(spec, used(ctx, obj), ctx);
    },
    prepareForUpdate(obj, old, ctx, subresource) {
      if (subresource === 'status') return;
      const spec = specOf(obj);
      const oldSpec = asObject(fields(old).spec) ?? {};
      dropTypeDependentFields(fields(obj), spec, oldSpec);
      patchAllocatedValues(spec, oldSpec);
      normalizeClusterIPs(spec, oldSpec);
      allocate(spec, used(ctx, obj), ctx);
    },
    validate(obj, ctx) {
      const spec = asObject(fields(obj).spec) ?? {};
      return [...allocationErrors(spec, used(ctx, obj)), ...validateServiceSpec(spec)];
    },
    validateUpdate: (obj, old) => validateClusterIPsUpdate(asObject(fields(obj).spec) ?? {}, asObject(fields(old).spec) ?? {}),
  };
}
