/**
 * Defaults for a PodSpec, wherever it appears (a Pod, or the template of a Deployment, ReplicaSet,
 * DaemonSet, StatefulSet, Job or CronJob) — upstream `SetDefaults_PodSpec`, `_Container`, `_Probe`,
 * `_Volume` and friends. Pod-only defaults (enableServiceLinks, requests from limits) live in pod.ts.
 */
import { defaultPullPolicy } from '../../runtime/images/reference';
import { asArray, asObject, ensureObject, isObject, setDefault, type Json } from './object';

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral',
] as const;
export const VOLUME_SOURCE_KEYS: readonly string[] = VOLUME_SOURCES;

/** File mode 0644, which YAML shows as the decimal 420. */
const DEFAULT_MODE = 420;

export function defaultPodSpec(spec: Json): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  // `serviceAccount` is the deprecated spelling; the v1 API keeps both in step.
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of asArray(spec[list])) if (isObject(c)) defaultContainer(c);
  }
  for (const v of asArray(spec.volumes)) if (isObject(v)) defaultVolume(v);
}

function defaultContainer(c: Json): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(typeof c.image === 'string' ? c.image : '');
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  // `resources` is a struct, not a pointer, upstream: it is always serialized, `{}` when empty.
  setDefault(c, 'resources', {});
  for (const p of asArray(c.ports)) if (isObject(p)) setDefault(p, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = asObject(c[probe]);
    if (p) defaultProbe(p);
  }
  const lifecycle = asObject(c.lifecycle);
  if (lifecycle) for (const hook of ['postStart', 'preStop']) defaultHandler(asObject(lifecycle[hook]));
  for (const e of asArray(c.env)) {
    const fieldRef = asObject(asObject(asObject(e)?.valueFrom)?.fieldRef);
    if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
  }
}

function defaultProbe(p: Json): void {
  // initialDelaySeconds is not defaulted: 0 and "absent" are the same and stay absent.
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHandler(p);
}

function defaultHandler(h: Json | undefined): void {
  const httpGet = asObject(h?.httpGet);
  if (!httpGet) return;
  if (!httpGet.path) httpGet.path = '/';
  if (!httpGet.scheme) httpGet.scheme = 'HTTP';
}

function defaultVolume(v: Json): void {
  if (!VOLUME_SOURCES.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  for (const k of ['secret', 'configMap', 'projected', 'downwardAPI'] as const) {
    const src = asObject(v[k]);
    if (src) setDefault(src, 'defaultMode', DEFAULT_MODE);
  }
  const hostPath = asObject(v.hostPath);
  if (hostPath) setDefault(hostPath, 'type', '');
  for (const item of asArray(asObject(v.downwardAPI)?.items)) {
    const fieldRef = asObject(asObject(item)?.fieldRef);
    if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
  }
}

/**
 * A pod template as the apiserver returns it: `metadata.creationTimestamp: null` (an empty Go
 * timestamp inside the template's ObjectMeta) and the PodSpec defaults.
 */
export function defaultPodTemplate(template: Json): void {
  const meta = ensureObject(template, 'metadata');
  if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  defaultPodSpec(ensureObject(template, 'spec'));
}
