/**
 * The kubelet's volume manager, reduced to what a pod can see: before the sandbox is created every
 * volume of the pod is set up once — an emptyDir lives as long as the pod and is shared by its
 * containers — and each container then gets its mounts.
 *
 * ConfigMap, Secret, downwardAPI and projected volumes are written the way the kubelet's atomic
 * writer does: the files live in a timestamped directory `..2026_01_05_09_00_01.123456789`, a
 * `..data` link points at it and every top-level name is a link into `..data`. `ls` shows only
 * the keys; `ls -la` shows the links. They are always mounted read-only.
 *
 * A missing ConfigMap, Secret or ServiceAccount (not `optional`) fails the mount: the pod stays in
 * ContainerCreating with `FailedMount` events until it appears.
 */
import type { ConfigMap, Container, KeyToPath, Pod, Secret, Volume } from 'kubernetes-types/core/v1';
import type { MountConfig } from '../../runtime/cri/types';
import { emptyDirVolume, fileVolume, readOnlyVolume, type LayerSpec, type Tree } from '../../runtime/fs';
import { configMapNotFound, decodeSecretValue, secretNotFound, type ConfigSource } from './config-source';
import { podFieldValue } from './env';
import { LazyTree } from './lazy-tree';

/** 0644, the API default for `defaultMode`. */
const DEFAULT_MODE = 0o644;

export interface VolumeContext {
  readonly source: ConfigSource;
  /** Simulated ms now, for mtimes. */
  readonly now: number;
  /** The atomic writer's directory name, e.g. `..2026_01_05_09_00_01.3958263545`. */
  readonly dataDirName: string;
  /** Issues the projected service-account token for this pod. */
  readonly token: (serviceAccount: string, serviceAccountUID: string, expirationSeconds: number) => string;
  /** The node's own directories and files for hostPath (and, lacking storage, PVC) volumes. */
  readonly hostPath: (path: string, file: boolean) => Tree;
}

export type VolumeSetup =
  | { readonly ok: true; readonly volumes: ReadonlyMap<string, Tree> }
  | { readonly ok: false; readonly volume: string; readonly error: string };

/** `FailedMount` event text. */
export const failedMountMessage = (volume: string, error: string): string => `MountVolume.SetUp failed for volume "${volume}" : ${error}`;

/** Sets up every volume of the pod, or reports the first that cannot be mounted. */
export function setUpVolumes(pod: Pod, ctx: VolumeContext): VolumeSetup {
  const volumes = new Map<string, Tree>();
  for (const v of pod.spec?.volumes ?? []) {
    const tree = volumeTree(pod, v, ctx);
    if (typeof tree === 'string') return { ok: false, volume: v.name, error: tree };
    volumes.set(v.name, tree);
  }
  return { ok: true, volumes };
}

/** Whether the kubelet forces a volume read-only whatever the volumeMount says. */
export function isReadOnlyVolume(v: Volume): boolean {
  return v.configMap !== undefined || v.secret !== undefined || v.projected !== undefined || v.downwardAPI !== undefined;
}

/** The tree behind one volume, or the error that fails its mount. */
function volumeTree(pod: Pod, v: Volume, ctx: VolumeContext): Tree | string {
  const namespace = pod.metadata?.namespace ?? 'default';
  if (v.configMap) {
    const files = configMapFiles(ctx.source, namespace, v.configMap.name ?? '', v.configMap.items, v.configMap.optional === true);
    return typeof files === 'string' ? files : atomicVolume(files, v.configMap.defaultMode, ctx);
  }
  if (v.secret) {
    const files = secretFiles(ctx.source, namespace, v.secret.secretName ?? '', v.secret.items, v.secret.optional === true);
    return typeof files === 'string' ? files : atomicVolume(files, v.secret.defaultMode, ctx);
  }
  if (v.downwardAPI) {
    const files = new Map<string, FileEntry>();
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) files.set(item.path, { content: podFieldValue(pod, item.fieldRef.fieldPath, { hostIP: '', podIP: '' }) ?? '', mode: item.mode });
    }
    return atomicVolume(files, v.downwardAPI.defaultMode, ctx);
  }
  if (v.projected) return projectedVolume(pod, v, ctx);
  if (v.hostPath) return ctx.hostPath(v.hostPath.path, v.hostPath.type === 'File' || v.hostPath.type === 'FileOrCreate');
  if (v.persistentVolumeClaim) return ctx.hostPath(`/var/lib/kubelet/pvc/${namespace}/${v.persistentVolumeClaim.claimName}`, false);
  // emptyDir, and any volume type kubeplay does not model: a fresh directory for the pod.
  return emptyDirVolume(ctx.now);
}

interface FileEntry {
  content: string;
  mode?: number;
}

function pickKeys(data: Readonly<Record<string, string>>, items: readonly KeyToPath[] | undefined, kind: 'configmap' | 'secret'): Map<string, FileEntry> | string {
  const files = new Map<string, FileEntry>();
  if (!items || items.length === 0) {
    for (const key of Object.keys(data)) files.set(key, { content: data[key]! });
    return files;
  }
  for (const item of items) {
    if (!Object.hasOwn(data, item.key)) return `${kind} references non-existent ${kind === 'configmap' ? 'config' : 'secret'} key: ${item.key}`;
    files.set(item.path, { content: data[item.key]!, mode: item.mode });
  }
  return files;
}

function configMapFiles(source: ConfigSource, namespace: string, name: string, items: readonly KeyToPath[] | undefined, optional: boolean): Map<string, FileEntry> | string {
  const cm: ConfigMap | undefined = source.configMap(namespace, name);
  if (!cm) return optional ? new Map() : configMapNotFound(name);
  const data: Record<string, string> = { ...cm.data };
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) data[key] = decodeSecretValue(value);
  return pickKeys(data, items, 'configmap');
}

function secretFiles(source: ConfigSource, namespace: string, name: string, items: readonly KeyToPath[] | undefined, optional: boolean): Map<string, FileEntry> | string {
  const secret: Secret | undefined = source.secret(namespace, name);
  if (!secret) return optional ? new Map() : secretNotFound(name);
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) data[key] = decodeSecretValue(value);
  return pickKeys(data, items, 'secret');
}

/** The kube-api-access-xxxxx volume and its kin: several sources merged into one directory. */
function projectedVolume(pod: Pod, v: Volume, ctx: VolumeContext): Tree | string {
  const namespace = pod.metadata?.namespace ?? 'default';
  // Check what can fail now; build the (large, rarely read) contents only when a program looks.
  // Only the token is made late (it draws from the kubelet's rng when read); the rest is small,
  // and the lazy tree keeps just these parts, the directory name and the time — not the pod.
  const parts: (ReadonlyMap<string, FileEntry> | (() => ReadonlyMap<string, FileEntry>))[] = [];
  for (const s of v.projected?.sources ?? []) {
    if (s.serviceAccountToken) {
      const name = pod.spec?.serviceAccountName ?? 'default';
      const sa = ctx.source.serviceAccount(namespace, name);
      if (!sa) return `failed to fetch token: serviceaccounts "${name}" not found`;
      const { path, expirationSeconds = 3600 } = s.serviceAccountToken;
      parts.push(tokenFile(ctx.token, path, name, sa.metadata?.uid ?? '', expirationSeconds));
    } else if (s.configMap) {
      const files = configMapFiles(ctx.source, namespace, s.configMap.name ?? '', s.configMap.items, s.configMap.optional === true);
      if (typeof files === 'string') return files;
      parts.push(files);
    } else if (s.secret) {
      const files = secretFiles(ctx.source, namespace, s.secret.name ?? '', s.secret.items, s.secret.optional === true);
      if (typeof files === 'string') return files;
      parts.push(files);
    } else if (s.downwardAPI) {
      const items = s.downwardAPI.items ?? [];
      parts.push(new Map(items.map((i) => [i.path, { content: podFieldValue(pod, i.fieldRef?.fieldPath ?? '', { hostIP: '', podIP: '' }) ?? '', mode: i.mode }])));
    }
  }
  return mergedVolume(parts, v.projected?.defaultMode, ctx);
}

/**
 * The token file, issued when first read. A closure of its own, so that what waits for the read
 * is these few values and not the pod the volume was set up for.
 */
function tokenFile(token: VolumeContext['token'], path: string, serviceAccount: string, uid: string, expirationSeconds: number): () => ReadonlyMap<string, FileEntry> {
  return () => new Map([[path, { content: token(serviceAccount, uid, expirationSeconds) }]]);
}

function mergedVolume(parts: readonly (ReadonlyMap<string, FileEntry> | (() => ReadonlyMap<string, FileEntry>))[], defaultMode: number | undefined, ctx: VolumeContext): Tree {
  const { dataDirName, now } = ctx;
  return new LazyTree(() => atomicTree(new Map(parts.flatMap((part) => [...(typeof part === 'function' ? part() : part)])), defaultMode, dataDirName, now));
}

function atomicVolume(files: ReadonlyMap<string, FileEntry>, defaultMode: number | undefined, ctx: VolumeContext): Tree {
  const { dataDirName, now } = ctx;
  return new LazyTree(() => atomicTree(files, defaultMode, dataDirName, now));
}

/** The atomic writer's layout: files under `..<timestamp>`, `..data` → it, each top name → `..data/<name>`. */
function atomicTree(files: ReadonlyMap<string, FileEntry>, defaultMode: number | undefined, dir: string, now: number): Tree {
  const spec: Record<string, LayerSpec[string]> = { [`/${dir}`]: { dir: true } };
  const top = new Set<string>();
  for (const [path, f] of files) {
    spec[`/${dir}/${path}`] = { file: f.content, mode: f.mode ?? defaultMode ?? DEFAULT_MODE };
    top.add(path.split('/')[0]!);
  }
  spec['/..data'] = { symlink: dir };
  for (const name of top) spec[`/${name}`] = { symlink: `..data/${name}` };
  return readOnlyVolume(spec, now);
}

/** The files the kubelet writes per pod and bind-mounts into every container. */
export interface PodFiles {
  readonly hosts: Tree;
  readonly hostname: Tree;
  readonly resolvConf: Tree;
}

export function podFiles(hosts: string, hostname: string, resolvConf: string, now: number): PodFiles {
  return { hosts: fileVolume(hosts, now), hostname: fileVolume(`${hostname}\n`, now), resolvConf: fileVolume(resolvConf, now) };
}

/**
 * A container's mounts: its volumeMounts, then the pod's hosts/hostname/resolv.conf and its own
 * termination-message file — unless a volumeMount already covers that path.
 */
export function containerMounts(
  pod: Pod,
  container: Container,
  volumes: ReadonlyMap<string, Tree>,
  files: PodFiles,
  terminationLog: Tree,
): MountConfig[] {
  const byName = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  const mounts: MountConfig[] = [];
  for (const m of container.volumeMounts ?? []) {
    const volume = volumes.get(m.name);
    const spec = byName.get(m.name);
    if (!volume || !spec) continue;
    const readOnly = m.readOnly === true || isReadOnlyVolume(spec);
    mounts.push(m.subPath ? { containerPath: m.mountPath, volume, readOnly, subPath: m.subPath } : { containerPath: m.mountPath, volume, readOnly });
  }
  const taken = new Set(mounts.map((m) => m.containerPath));
  const add = (containerPath: string, volume: Tree): void => {
    if (!taken.has(containerPath)) mounts.push({ containerPath, volume });
  };
  add('/etc/hosts', files.hosts);
  add('/etc/hostname', files.hostname);
  add('/etc/resolv.conf', files.resolvConf);
  add(container.terminationMessagePath ?? '/dev/termination-log', terminationLog);
  return mounts;
}
