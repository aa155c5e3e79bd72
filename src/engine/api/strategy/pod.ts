/**
 * Pods. Besides the PodSpec defaults, creating a pod runs what real admission plugins add to
 * every pod: the ServiceAccount token volume and its mount (`kube-api-access-xxxxx`), the two
 * 300-second NoExecute tolerations, priority 0 — and the new status is `Pending` with a QoS class.
 * Pods have no `metadata.generation` in 1.30.
 */
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { generateName } from '../../sim/names';
import type { StrategyContext } from './contract';
import type { KindRules } from './generic';
import { hasOwn, put } from '../patch/safe';
import { asArray, asObject, ensureObject, fields, isObject, setDefault, type Json } from './object';
import { defaultPodSpec } from './podspec-defaults';
import { validatePodSpec } from './podspec-validation';
import { validatePodUpdate } from './pod-update';
import { podQosClass } from './qos';

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/** One hour plus seven seconds: the kubelet refreshes tokens before they expire. */
const TOKEN_EXPIRATION_SECONDS = 3607;
const DEFAULT_TOLERATION_SECONDS = 300;

function defaultPod(obj: KubeObject): void {
  const spec = ensureObject(fields(obj), 'spec');
  defaultPodSpec(spec);
  setDefault(spec, 'enableServiceLinks', true);
  // A negative grace period used to mean "immediately"; the apiserver stores 1 instead.
  if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0) spec.terminationGracePeriodSeconds = 1;
  // Requests default to limits (only on Pods: templates keep what the user wrote).
  for (const list of ['containers', 'initContainers']) {
    for (const c of asArray(spec[list])) {
      const resources = asObject(asObject(c)?.resources);
      const limits = asObject(resources?.limits);
      if (!resources || !limits) continue;
      const requests = ensureObject(resources, 'requests');
      for (const [name, q] of Object.entries(limits)) if (!hasOwn(requests, name)) put(requests, name, q);
    }
  }
}

/** ServiceAccount admission: name the account and mount its token into every container. */
function admitServiceAccount(spec: Json, ctx: StrategyContext): void {
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  const volumes = asArray(spec.volumes);
  const containers = [...asArray(spec.initContainers), ...asArray(spec.containers)].filter(isObject);
  const needsMount = containers.filter((c) => !asArray(c.volumeMounts).some((m) => asObject(m)?.mountPath === SERVICE_ACCOUNT_MOUNT_PATH));
  if (needsMount.length === 0) return;
  let volumeName = volumes.map((v) => asObject(v)?.name).find((n): n is string => typeof n === 'string' && n.startsWith(TOKEN_VOLUME_PREFIX));
  if (!volumeName) {
    volumeName = generateName(TOKEN_VOLUME_PREFIX, ctx.rng);
    spec.volumes = [...volumes, tokenVolume(volumeName)];
  }
  for (const c of needsMount) {
    c.volumeMounts = [...asArray(c.volumeMounts), { mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name: volumeName, readOnly: true }];
  }
}

function tokenVolume(name: string): Json {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

/**
 * DefaultTolerationSeconds admission: without these a pod would be evicted the moment its node
 * turns NotReady; with them it waits five minutes.
 */
function admitDefaultTolerations(spec: Json): void {
  const tolerations = asArray(spec.tolerations);
  const tolerates = (key: string): boolean =>
    tolerations.some((t) => {
      const o = asObject(t);
      if (!o) return false;
      const effectOk = !o.effect || o.effect === 'NoExecute';
      const keyOk = o.key === key || (!o.key && o.operator === 'Exists');
      return effectOk && keyOk;
    });
  const added: Json[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key)) added.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  if (added.length) spec.tolerations = [...tolerations, ...added];
}

/** Priority admission: no PriorityClass means priority 0 and the default preemption policy. */
function admitPriority(spec: Json): void {
  if (!spec.priorityClassName) {
    spec.priority = 0;
    setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  }
}

export function podRules(_resource: ResourceInfo): KindRules {
  return {
    hasStatus: true,
    initialStatus: (obj) => ({ phase: 'Pending', qosClass: podQosClass(asObject(fields(obj).spec)) }),
    defaults: defaultPod,
    prepareForCreate(obj, ctx) {
      const spec = ensureObject(fields(obj), 'spec');
      admitServiceAccount(spec, ctx);
      admitDefaultTolerations(spec);
      admitPriority(spec);
      const status = asObject(fields(obj).status);
      if (status) status.qosClass = podQosClass(spec);
      // Scheduling gates hold the pod back from the scheduler, and say so in a condition.
      if (status && asArray(spec.schedulingGates).length > 0) {
        status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null, lastTransitionTime: null }];
      }
    },
    prepareForUpdate(obj, _old, _ctx, subresource) {
      if (subresource !== 'status') {
        const spec = asObject(fields(obj).spec);
        if (spec) admitDefaultTolerations(spec);
      }
    },
    validate: (obj) => validatePodSpec(fields(obj).spec, 'spec'),
    validateUpdate: (obj, old) => validatePodUpdate(fields(obj), fields(old)),
  };
}
