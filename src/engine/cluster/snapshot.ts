/**
 * A cluster saved as plain JSON, and brought back. Running processes cannot be frozen, so a
 * snapshot keeps what a real cluster keeps on disk through a power cut: etcd (every stored object,
 * with its uid, timestamps and resourceVersion), each node's root filesystem changes and its image
 * cache. Restoring is a reboot of every node at once: the control plane answers from the stored
 * objects, and each kubelet finds its pods and starts their containers again.
 *
 * A snapshot may come from a file a learner picked, so `validateSnapshot` checks every part and
 * says in a sentence what is wrong before anything is built from it.
 */
import { decodeObject } from '../api/decode';
import { failed, qualifiedKind } from '../api/context';
import { invalid } from '../api/errors';
import { resourceFor } from '../api/resources';
import { strategyFor } from '../api/strategy';
import type { StrategyContext } from '../api/strategy/contract';
import type { KubeObject } from '../api/types';
import { Clock } from '../sim/clock';
import { Rng } from '../sim/rng';
import { Cluster, type ClusterOptions } from './cluster';
import { captureDisk, type SavedDisk, type SavedEntry } from './snapshot-files';
import { defaultLayout } from './layout';

export const SNAPSHOT_FORMAT = 'kubeplay-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotObject {
  /** The resource it is stored under: '' and `pods`, `apps` and `deployments`. */
  group: string;
  plural: string;
  object: KubeObject;
}

export interface SnapshotNode {
  name: string;
  /** The images in its containerd (normalised references): a reboot does not pull them again. */
  images: string[];
  disk: SavedDisk;
}

export interface ClusterSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  seed: number;
  /** Worker nodes beside master01 (the default layout). */
  workers: number;
  /** The wall-clock instant simulated time 0 stands for. */
  epochMs: number;
  /** Simulated time when it was taken: the restored clock goes on from here. */
  simTimeMs: number;
  /** The store's last resourceVersion: the restored store continues after it. */
  resourceVersion: number;
  objects: SnapshotObject[];
  nodes: SnapshotNode[];
}

export function takeSnapshot(cluster: Cluster): ClusterSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    seed: cluster.seed,
    workers: cluster.nodes.length - 1,
    epochMs: cluster.clock.epochMs,
    simTimeMs: cluster.clock.now(),
    resourceVersion: cluster.api.store.resourceVersion,
    objects: cluster.api.store.dump().map(({ resource, object }) => ({ group: resource.group, plural: resource.plural, object })),
    nodes: cluster.nodes.map(({ name }) => {
      const machine = cluster.machines.get(name)!;
      return { name, images: machine.containerd.images.listImages().map((image) => image.ref), disk: captureDisk(machine.host.fs) };
    }),
  };
}

/** A new cluster from a (validated) snapshot: every node boots at once, as after a power cut. */
export function restoreCluster(snapshot: ClusterSnapshot, options: Pick<ClusterOptions, 'settleMs' | 'timing'> = {}): Cluster {
  return Cluster.create({ ...options, seed: snapshot.seed, workers: snapshot.workers, epochMs: snapshot.epochMs, restore: snapshot });
}

// ---- validation -----------------------------------------------------------------------------

export type Validated = { ok: true; snapshot: ClusterSnapshot } | { ok: false; reason: string };

/** More workers than this is no snapshot this page wrote (the layout numbers nodes up to here). */
const MAX_WORKERS = 1000;

class Invalid extends Error {}

const fail = (reason: string): never => {
  throw new Invalid(reason);
};

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

type Kind = 'number' | 'text' | 'list' | 'object';
const KIND_NAMES: Record<Kind, string> = { number: 'a number', text: 'text', list: 'a list', object: 'an object' };
const isKind = (v: unknown, kind: Kind): boolean =>
  kind === 'number' ? typeof v === 'number' && Number.isFinite(v)
  : kind === 'text' ? typeof v === 'string'
  : kind === 'list' ? Array.isArray(v)
  : typeof v === 'object' && v !== null && !Array.isArray(v);

/** The field's value, or a sentence saying it is missing or of the wrong type. */
function field(obj: Record<string, unknown>, key: string, kind: Kind, where: string): unknown {
  const v = obj[key];
  if (v === undefined) fail(`the field "${where}${key}" is missing`);
  if (!isKind(v, kind)) fail(`the field "${where}${key}" should be ${KIND_NAMES[kind]}, not ${typeName(v)}`);
  return v;
}

function wholeNumber(obj: Record<string, unknown>, key: string, where: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = field(obj, key, 'number', where) as number;
  if (!Number.isInteger(v) || v < min || v > max) fail(`the field "${where}${key}" should be a whole number from ${min} to ${max}, not ${v}`);
  return v;
}

/** JSON.parse keeps a `"__proto__"` key as data; anything that copies the object later might not. */
function refuseProtoKeys(value: unknown, where: string): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => refuseProtoKeys(v, `${where}[${i}]`));
    return;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') fail(`it contains a "__proto__" key${where ? ` in ${where}` : ''}, which a snapshot never has`);
    refuseProtoKeys((value as Record<string, unknown>)[key], where ? `${where}.${key}` : key);
  }
}

/** Checks everything a restore relies on; the reason is a phrase for "could not be read (…)". */
export function validateSnapshot(input: unknown): Validated {
  try {
    return { ok: true, snapshot: checkSnapshot(input) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: e.message };
    throw e;
  }
}

function checkSnapshot(input: unknown): ClusterSnapshot {
  if (!isKind(input, 'object') || (input as Record<string, unknown>).format !== SNAPSHOT_FORMAT) {
    fail(`this is not a kubeplay snapshot (it has no "format": "${SNAPSHOT_FORMAT}")`);
  }
  const s = input as Record<string, unknown>;
  refuseProtoKeys(s, '');
  const version = field(s, 'version', 'number', '') as number;
  if (version > SNAPSHOT_VERSION) fail(`it was saved by a newer kubeplay (snapshot version ${version}; this page reads version ${SNAPSHOT_VERSION})`);
  if (version !== SNAPSHOT_VERSION) fail(`it was saved by an older kubeplay (snapshot version ${version}) that this page can no longer read`);
  const seed = wholeNumber(s, 'seed', '', 0, 0xffffffff);
  const workers = wholeNumber(s, 'workers', '', 0, MAX_WORKERS);
  const epochMs = wholeNumber(s, 'epochMs', '', 0, 8.64e15);
  const simTimeMs = field(s, 'simTimeMs', 'number', '') as number;
  if (simTimeMs < 0) fail(`the field "simTimeMs" should not be negative`);
  const resourceVersion = wholeNumber(s, 'resourceVersion', '', 1);
  const context = validationContext(epochMs, simTimeMs);
  const objects = (field(s, 'objects', 'list', '') as unknown[]).map((o, i) => checkObject(o, i, resourceVersion, context));
  const seen = new Set<string>();
  for (const { group, plural, object } of objects) {
    const key = `${group}/${plural}/${object.metadata?.namespace ?? ''}/${object.metadata!.name}`;
    if (seen.has(key)) fail(`${describeObject(group, plural, object)} is in it twice`);
    seen.add(key);
  }
  const expected = defaultLayout(workers).map((n) => n.name);
  const nodes = (field(s, 'nodes', 'list', '') as unknown[]).map((n, i) => checkNode(n, i));
  const names = nodes.map((n) => n.name);
  if (names.join() !== expected.join()) fail(`its nodes (${names.join(', ') || 'none'}) are not the cluster's ${expected.join(', ')}`);
  return { format: SNAPSHOT_FORMAT, version, seed, workers, epochMs, simTimeMs, resourceVersion, objects, nodes };
}

const describeObject = (group: string, plural: string, obj: KubeObject): string => {
  const ns = obj.metadata?.namespace;
  return `the ${plural}${group ? `.${group}` : ''} object ${ns ? `${ns}/` : ''}${obj.metadata?.name ?? '(no name)'}`;
};

/** What the apiserver would accept, plus what only a stored object has (uid, version). */
function checkObject(input: unknown, i: number, resourceVersion: number, context: StrategyContext): SnapshotObject {
  const where = `objects[${i}].`;
  if (!isKind(input, 'object')) fail(`the field "objects[${i}]" should be an object, not ${typeName(input)}`);
  const entry = input as Record<string, unknown>;
  const group = field(entry, 'group', 'text', where) as string;
  const plural = field(entry, 'plural', 'text', where) as string;
  const raw = field(entry, 'object', 'object', where) as KubeObject;
  const resource = resourceFor(group, plural) ?? fail(`${where.slice(0, -1)} is of a kind this cluster does not have (${plural}${group ? `.${group}` : ''})`);
  const what = describeObject(group, plural, raw);
  const decoded = decodeObject(resource, raw, 'Strict');
  if (failed(decoded)) return fail(`${what} is not valid: ${decoded.message}`);
  const obj = decoded.obj;
  const meta = obj.metadata ?? {};
  if (!meta.name) fail(`${where}object has no name`);
  if (resource.namespaced !== Boolean(meta.namespace)) fail(`${what} ${resource.namespaced ? 'has no namespace' : 'should have no namespace'}`);
  if (typeof meta.uid !== 'string' || meta.uid === '') fail(`${what} has no uid`);
  const rv = Number(meta.resourceVersion);
  if (!/^[1-9][0-9]*$/.test(meta.resourceVersion ?? '') || rv > resourceVersion) fail(`${what} has a resourceVersion outside 1..${resourceVersion}`);
  const errors = strategyFor(resource).validate(obj, context);
  if (errors.length > 0) fail(`${what} is not valid: ${invalid(qualifiedKind(resource), meta.name!, errors).message}`);
  return { group, plural, object: raw };
}

/** Validation only reads: no other objects, no random draws that matter. */
const validationContext = (epochMs: number, simTimeMs: number): StrategyContext => ({
  rng: new Rng(0),
  store: { list: () => [], get: () => undefined },
  now: new Clock(epochMs).timestamp(simTimeMs),
});

function checkNode(input: unknown, i: number): SnapshotNode {
  const where = `nodes[${i}].`;
  if (!isKind(input, 'object')) fail(`the field "nodes[${i}]" should be an object, not ${typeName(input)}`);
  const n = input as Record<string, unknown>;
  const name = field(n, 'name', 'text', where) as string;
  const images = (field(n, 'images', 'list', where) as unknown[]).map((image, j) => {
    if (typeof image !== 'string') fail(`the field "${where}images[${j}]" should be text, not ${typeName(image)}`);
    return image as string;
  });
  const disk = field(n, 'disk', 'object', where) as Record<string, unknown>;
  const removed = (field(disk, 'removed', 'list', `${where}disk.`) as unknown[]).map((p, j) => checkPath(p, `${where}disk.removed[${j}]`));
  const entries = (field(disk, 'entries', 'list', `${where}disk.`) as unknown[]).map((e, j) => checkEntry(e, `${where}disk.entries[${j}].`));
  return { name, images, disk: { removed, entries } };
}

function checkPath(p: unknown, where: string): string {
  if (typeof p !== 'string') return fail(`the field "${where}" should be text, not ${typeName(p)}`);
  const parts = p.split('/');
  if (p === '/' || parts[0] !== '' || parts.slice(1).some((c) => c === '' || c === '.' || c === '..')) fail(`the path "${p}" in ${where} is not a plain absolute path`);
  return p;
}

function checkEntry(input: unknown, where: string): SavedEntry {
  if (!isKind(input, 'object')) fail(`the field "${where.slice(0, -1)}" should be an object, not ${typeName(input)}`);
  const e = input as Record<string, unknown>;
  const path = checkPath(field(e, 'path', 'text', where), `${where}path`);
  const type = field(e, 'type', 'text', where) as string;
  if (type !== 'file' && type !== 'dir' && type !== 'symlink') return fail(`the field "${where}type" should be file, dir or symlink, not ${type}`);
  const entry: SavedEntry = {
    path,
    type,
    mode: wholeNumber(e, 'mode', where, 0, 0o7777),
    uid: wholeNumber(e, 'uid', where, 0, 0xffffffff),
    gid: wholeNumber(e, 'gid', where, 0, 0xffffffff),
    mtime: field(e, 'mtime', 'number', where) as number,
  };
  if (type === 'file') entry.data = field(e, 'data', 'text', where) as string;
  if (type === 'symlink') entry.target = field(e, 'target', 'text', where) as string;
  return entry;
}
