/**
 * Validation of a PodSpec (upstream `ValidatePodSpec` and the container, probe, volume, env,
 * resource and toleration checks under it), with the real paths and messages. Used for Pods and
 * for every pod template.
 */
import type { FieldError } from '../errors';
import { asArray, asObject, isObject, type Json } from './object';
import { VOLUME_SOURCE_KEYS } from './podspec-defaults';
import { child, duplicate, forbidden, index, invalid, invalidEach, key, notSupported, required } from './validation/field';
import { validateAnnotations, validateLabels } from './validation/metadata';
import {
  inclusiveRangeError,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  regexError,
} from './validation/names';
import { compareQuantity, formatQuantity, parseQuantity, QUANTITY_FORMAT_ERROR } from './validation/quantity';

export const NEGATIVE = 'must be greater than or equal to 0';
const MAX_INT32 = 2147483647;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, NEGATIVE)] : [];
}

/** Upstream `ValidatePortNumOrName`: a number in range or an IANA port name. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return invalidEach(path, port, isValidPortNum(port));
  if (typeof port === 'string') return invalidEach(path, port, isValidPortName(port));
  return [invalid(path, port ?? null, 'must be an integer or a string')];
}

const ENV_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_NAME_MSG = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";

function chDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!new RegExp(`^${ENV_NAME_FMT}$`).test(value)) errs.push(regexError(ENV_NAME_MSG, ENV_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  errs.push(...chDirPrefix(value));
  return errs;
}

// ---- containers ------------------------------------------------------------------------------

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const p = asObject(raw) ?? {};
    const ip = index(path, i);
    const name = str(p.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...invalidEach(child(ip, 'name'), name, msgs));
      else if (names.has(name)) errs.push(duplicate(child(ip, 'name'), name));
      else names.add(name);
    }
    if (!p.containerPort) errs.push(required(child(ip, 'containerPort')));
    else errs.push(...invalidEach(child(ip, 'containerPort'), p.containerPort, isValidPortNum(num(p.containerPort))));
    if (p.hostPort) errs.push(...invalidEach(child(ip, 'hostPort'), p.hostPort, isValidPortNum(num(p.hostPort))));
    const protocol = str(p.protocol);
    if (!protocol) errs.push(required(child(ip, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(ip, 'protocol'), protocol, PROTOCOLS));
  });
  return errs;
}

/** A probe or lifecycle hook must name exactly one action. */
function validateHandler(h: Json, path: string, kinds: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of kinds) {
    const action = asObject(h[kind]);
    if (!action) continue;
    const ap = child(path, kind);
    if (count > 0) {
      errs.push(forbidden(ap, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    if (kind === 'exec' && asArray(action.command).length === 0) errs.push(required(child(ap, 'command')));
    if (kind === 'httpGet') {
      if (!action.path) errs.push(required(child(ap, 'path')));
      errs.push(...validatePortNumOrName(action.port, child(ap, 'port')));
      const scheme = str(action.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(ap, 'scheme'), scheme, ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(action.port, child(ap, 'port')));
    if (kind === 'grpc') errs.push(...invalidEach(child(ap, 'port'), action.port, isValidPortNum(num(action.port))));
    if (kind === 'sleep' && num(action.seconds) < 0) errs.push(invalid(child(ap, 'seconds'), action.seconds, NEGATIVE));
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

function validateProbe(raw: unknown, path: string, kind: ProbeKind): FieldError[] {
  const p = asObject(raw);
  if (!p) return [];
  const errs = validateHandler(p, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(p[f], child(path, f)));
  }
  const tgps = p.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  // Only readiness may ask for several successes: liveness and startup act on the first one.
  if (kind !== 'readinessProbe' && p.successThreshold !== 1) errs.push(invalid(child(path, 'successThreshold'), p.successThreshold ?? 0, 'must be 1'));
  if (kind === 'readinessProbe' && tgps !== undefined && tgps !== null) {
    errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  }
  return errs;
}

function validateLifecycle(raw: unknown, path: string): FieldError[] {
  const l = asObject(raw);
  if (!l) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = asObject(l[hook]);
    if (h) errs.push(...validateHandler(h, child(path, hook), ['exec', 'httpGet', 'tcpSocket', 'sleep']));
  }
  return errs;
}

function validateEnv(env: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((raw, i) => {
    const e = asObject(raw) ?? {};
    const ep = index(path, i);
    const name = str(e.name);
    if (!name) errs.push(required(child(ep, 'name')));
    else errs.push(...invalidEach(child(ep, 'name'), name, isEnvVarName(name)));
    const from = asObject(e.valueFrom);
    if (from) {
      const fp = child(ep, 'valueFrom');
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => isObject(from[k]));
      if (sources.length !== 1) {
        errs.push(invalid(fp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      }
      if (e.value) errs.push(invalid(fp, '', 'may not be specified when `value` is not empty'));
      for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
        const r = asObject(from[ref]);
        if (!r) continue;
        if (!r.key) errs.push(required(child(child(fp, ref), 'key')));
        if (!r.name) errs.push(required(child(child(fp, ref), 'name')));
      }
      const fieldRef = asObject(from.fieldRef);
      if (fieldRef && !fieldRef.fieldPath) errs.push(required(child(child(fp, 'fieldRef'), 'fieldPath')));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown[], volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  mounts.forEach((raw, i) => {
    const m = asObject(raw) ?? {};
    const mp = index(path, i);
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(required(child(mp, 'name')));
    if (!volumes.has(name)) errs.push({ type: 'FieldValueNotFound', field: child(mp, 'name'), value: name });
    if (!mountPath) errs.push(required(child(mp, 'mountPath')));
    if (paths.has(mountPath)) errs.push(invalid(child(mp, 'mountPath'), mountPath, 'must be unique'));
    paths.add(mountPath);
    const subPath = str(m.subPath);
    if (subPath) {
      if (subPath.startsWith('/')) errs.push(invalid(child(mp, 'subPath'), subPath, 'must be a relative path'));
      if (subPath.split('/').includes('..')) errs.push(invalid(child(mp, 'subPath'), subPath, "must not contain '..'"));
    }
  });
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory',
  'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
/** cpu, memory and ephemeral storage may be requested below their limit; everything else must equal it. */
const overcommitAllowed = (name: string): boolean => STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith('kubernetes.io/');

function validateResourceName(name: string, path: string): FieldError[] {
  const errs = invalidEach(path, name, isQualifiedName(name));
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  }
  return errs;
}

function validateQuantity(name: string, value: unknown, path: string): FieldError[] {
  const q = parseQuantity(value);
  if (!q) return [invalid(path, String(value), QUANTITY_FORMAT_ERROR)];
  const errs: FieldError[] = [];
  if (q.milli < 0n) errs.push(invalid(path, formatQuantity(q), NEGATIVE));
  // Extended resources (GPUs, ...) come in whole units.
  if (name.includes('/') && !name.startsWith('kubernetes.io/') && q.milli % 1000n !== 0n) {
    errs.push(invalid(path, formatQuantity(q), 'must be an integer'));
  }
  return errs;
}

function validateResources(raw: unknown, path: string): FieldError[] {
  const r = asObject(raw);
  if (!r) return [];
  const errs: FieldError[] = [];
  const limits = asObject(r.limits) ?? {};
  const requests = asObject(r.requests) ?? {};
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  for (const name of Object.keys(limits)) {
    errs.push(...validateResourceName(name, key(limPath, name)), ...validateQuantity(name, limits[name], key(limPath, name)));
  }
  for (const name of Object.keys(requests)) {
    const rp = key(reqPath, name);
    errs.push(...validateResourceName(name, rp), ...validateQuantity(name, requests[name], rp));
    const request = parseQuantity(requests[name]);
    const limit = parseQuantity(limits[name]);
    if (!request) continue;
    if (limit) {
      const cmp = compareQuantity(request, limit);
      if (cmp !== 0 && !overcommitAllowed(name)) {
        errs.push(invalid(reqPath, formatQuantity(request), `must be equal to ${name} limit of ${formatQuantity(limit)}`));
      } else if (cmp > 0) {
        errs.push(invalid(reqPath, formatQuantity(request), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`));
      }
    } else if (!(name in limits) && !overcommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** What init and app containers share; `names` spans both lists (names are unique per pod). */
function validateContainerCommon(c: Json, volumes: Set<string>, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(child(path, 'name')));
  else errs.push(...invalidEach(child(path, 'name'), name, isDNS1123Label(name)));
  if (!str(c.image)) errs.push(required(child(path, 'image')));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (!MESSAGE_POLICIES.includes(tmp)) errs.push(notSupported(child(path, 'terminationMessagePolicy'), tmp, MESSAGE_POLICIES));
  errs.push(...validateContainerPorts(asArray(c.ports), child(path, 'ports')));
  errs.push(...validateEnv(asArray(c.env), child(path, 'env')));
  errs.push(...validateVolumeMounts(asArray(c.volumeMounts), volumes, child(path, 'volumeMounts')));
  const pull = str(c.imagePullPolicy);
  if (!pull) errs.push(required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(child(path, 'imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResources(c.resources, child(path, 'resources')));
  if (names.has(name)) errs.push(duplicate(child(path, 'name'), name));
  else names.add(name);
  return errs;
}

function validateContainers(containers: unknown[], volumes: Set<string>, names: Set<string>, path: string): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  containers.forEach((raw, i) => {
    const c = asObject(raw) ?? {};
    const cp = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, names, cp));
    errs.push(...validateLifecycle(c.lifecycle, child(cp, 'lifecycle')));
    errs.push(...validateProbe(c.livenessProbe, child(cp, 'livenessProbe'), 'livenessProbe'));
    errs.push(...validateProbe(c.readinessProbe, child(cp, 'readinessProbe'), 'readinessProbe'));
    errs.push(...validateProbe(c.startupProbe, child(cp, 'startupProbe'), 'startupProbe'));
    if (c.restartPolicy !== undefined) errs.push(forbidden(child(cp, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  return errs;
}

function validateInitContainers(containers: unknown[], volumes: Set<string>, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((raw, i) => {
    const c = asObject(raw) ?? {};
    const cp = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, names, cp));
    const sidecar = c.restartPolicy === 'Always';
    if (c.restartPolicy !== undefined && !sidecar) errs.push(notSupported(child(cp, 'restartPolicy'), c.restartPolicy, ['Always']));
    if (sidecar) {
      errs.push(...validateLifecycle(c.lifecycle, child(cp, 'lifecycle')));
      errs.push(...validateProbe(c.livenessProbe, child(cp, 'livenessProbe'), 'livenessProbe'));
      errs.push(...validateProbe(c.readinessProbe, child(cp, 'readinessProbe'), 'readinessProbe'));
      errs.push(...validateProbe(c.startupProbe, child(cp, 'startupProbe'), 'startupProbe'));
    } else {
      // A plain init container runs to completion once: hooks and probes make no sense.
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f] !== undefined) errs.push(forbidden(child(cp, f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

function checkHostPortConflicts(containers: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((rc, ci) => {
    asArray(asObject(rc)?.ports).forEach((rp, pi) => {
      const p = asObject(rp) ?? {};
      if (!p.hostPort) return;
      const id = `${str(p.hostIP)}/${str(p.protocol)}/${num(p.hostPort)}`;
      if (seen.has(id)) errs.push(duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), id));
      else seen.add(id);
    });
  });
  return errs;
}

// ---- volumes ---------------------------------------------------------------------------------

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateVolumeSource(v: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of VOLUME_SOURCE_KEYS) {
    if (v[kind] === undefined || v[kind] === null) continue;
    const sp = child(path, kind);
    if (count > 0) {
      errs.push(forbidden(sp, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const src = asObject(v[kind]) ?? {};
    switch (kind) {
      case 'hostPath':
        if (!src.path) errs.push(required(child(sp, 'path')));
        if (src.type !== undefined && !HOST_PATH_TYPES.includes(str(src.type))) errs.push(notSupported(child(sp, 'type'), src.type, HOST_PATH_TYPES));
        break;
      case 'secret':
        if (src.secretName !== undefined && !src.secretName) errs.push(required(child(sp, 'secretName')));
        else if (src.secretName) errs.push(...invalidEach(child(sp, 'secretName'), src.secretName, isDNS1123Subdomain(str(src.secretName))));
        break;
      case 'configMap':
        if (!src.name) errs.push(required(child(sp, 'name')));
        else errs.push(...invalidEach(child(sp, 'name'), src.name, isDNS1123Subdomain(str(src.name))));
        break;
      case 'persistentVolumeClaim':
        if (!src.claimName) errs.push(required(child(sp, 'claimName')));
        break;
      case 'nfs':
        if (!src.server) errs.push(required(child(sp, 'server')));
        if (!src.path) errs.push(required(child(sp, 'path')));
        break;
      case 'emptyDir': {
        const medium = str(src.medium);
        if (medium && medium !== 'Memory' && medium !== 'HugePages') errs.push(notSupported(child(sp, 'medium'), medium, ['', 'Memory', 'HugePages']));
        if (src.sizeLimit !== undefined) errs.push(...validateQuantity('ephemeral-storage', src.sizeLimit, child(sp, 'sizeLimit')));
        break;
      }
      default:
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** Returns the names of the valid volumes (mounts may only refer to those) and the errors. */
function validateVolumes(volumes: unknown[], path: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  volumes.forEach((raw, i) => {
    const v = asObject(raw) ?? {};
    const vp = index(path, i);
    const name = str(v.name);
    const el = validateVolumeSource(v, vp);
    if (!name) el.push(required(child(vp, 'name')));
    else el.push(...invalidEach(child(vp, 'name'), name, isDNS1123Label(name)));
    if (names.has(name)) el.push(duplicate(child(vp, 'name'), name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

// ---- tolerations -----------------------------------------------------------------------------

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!effect) return allowEmpty ? [] : [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((raw, i) => {
    const t = asObject(raw) ?? {};
    const tp = index(path, i);
    const k = str(t.key);
    const op = str(t.operator);
    if (k) errs.push(...invalidEach(child(tp, 'key'), k, isQualifiedName(k)));
    if (!k && op !== 'Exists') {
      errs.push(invalid(child(tp, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalid(child(tp, 'effect'), str(t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(str(t.value));
      if (msgs.length) errs.push(invalid(child(tp, 'operator'), str(t.value), msgs.join(';')));
    } else if (op === 'Exists') {
      if (str(t.value)) errs.push(invalid(child(tp, 'operator'), t, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(child(tp, 'operator'), op, ['Equal', 'Exists']));
    }
    errs.push(...validateTaintEffect(str(t.effect), true, child(tp, 'effect')));
  });
  return errs;
}

// ---- the spec --------------------------------------------------------------------------------

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

export function validateRestartPolicy(policy: unknown, path: string): FieldError[] {
  const p = str(policy);
  if (!p) return [required(path)];
  return RESTART_POLICIES.includes(p) ? [] : [notSupported(path, p, RESTART_POLICIES)];
}

export function validatePodSpec(raw: unknown, path: string): FieldError[] {
  const spec = asObject(raw) ?? {};
  const { names: volumes, errs } = validateVolumes(asArray(spec.volumes), child(path, 'volumes'));
  const containerNames = new Set<string>();
  errs.push(...validateContainers(asArray(spec.containers), volumes, containerNames, child(path, 'containers')));
  errs.push(...validateInitContainers(asArray(spec.initContainers), volumes, containerNames, child(path, 'initContainers')));
  errs.push(...checkHostPortConflicts([...asArray(spec.containers), ...asArray(spec.initContainers)], child(path, 'containers')));
  errs.push(...validateRestartPolicy(spec.restartPolicy, child(path, 'restartPolicy')));
  const dns = str(spec.dnsPolicy);
  if (!dns) errs.push(required(child(path, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(dns)) errs.push(notSupported(child(path, 'dnsPolicy'), dns, DNS_POLICIES));
  errs.push(...validateLabels(asObject(spec.nodeSelector) as Record<string, string> | undefined, child(path, 'nodeSelector')));
  const sa = str(spec.serviceAccountName);
  if (sa) errs.push(...invalidEach(child(path, 'serviceAccountName'), sa, isDNS1123Subdomain(sa)));
  const nodeName = str(spec.nodeName);
  if (nodeName) errs.push(...invalidEach(child(path, 'nodeName'), nodeName, isDNS1123Subdomain(nodeName)));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const f of ['hostname', 'subdomain']) {
    const v = str(spec[f]);
    if (v) errs.push(...invalidEach(child(path, f), v, isDNS1123Label(v)));
  }
  errs.push(...validateTolerations(asArray(spec.tolerations), child(path, 'tolerations')));
  const pcn = str(spec.priorityClassName);
  if (pcn) errs.push(...invalidEach(child(path, 'priorityClassName'), pcn, isDNS1123Subdomain(pcn)));
  const pp = spec.preemptionPolicy;
  if (pp !== undefined && pp !== null && pp !== 'PreemptLowerPriority' && pp !== 'Never') {
    errs.push(notSupported(child(path, 'preemptionPolicy'), pp, ['Never', 'PreemptLowerPriority']));
  }
  return errs;
}

/** A pod template: its labels and annotations, then its spec (upstream `ValidatePodTemplateSpec`). */
export function validatePodTemplateSpec(raw: unknown, path: string): FieldError[] {
  const t = asObject(raw) ?? {};
  const meta = asObject(t.metadata) ?? {};
  const errs = [
    // The template's ObjectMeta is embedded, so upstream reports `<path>.labels`, not `.metadata.labels`.
    ...validateLabels(asObject(meta.labels) as Record<string, string> | undefined, child(path, 'labels')),
    ...validateAnnotations(asObject(meta.annotations) as Record<string, string> | undefined, child(path, 'annotations')),
    ...validatePodSpec(t.spec, child(path, 'spec')),
  ];
  if (asArray(asObject(t.spec)?.ephemeralContainers).length > 0) {
    errs.push(forbidden(child(child(path, 'spec'), 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
