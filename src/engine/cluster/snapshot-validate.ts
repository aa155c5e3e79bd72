/**
 * Is this a snapshot a cluster can be restored from? A snapshot may come from a file a learner
 * picked or from a damaged IndexedDB record, so every part a restore relies on is checked first.
 *
 * What is wrong comes back as a problem: a code and what it names (the field, the version, the
 * object). The engine has no language; the page words each problem in the learner's language
 * (src/ui/persist/problem-text.ts).
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
import { defaultLayout } from './layout';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type ClusterSnapshot, type SnapshotNode, type SnapshotObject } from './snapshot';
import type { SavedEntry } from './snapshot-files';

/** What a JSON value is, as a problem names it. */
export type ValueKind = 'number' | 'text' | 'list' | 'object' | 'null' | 'boolean' | 'other';

/** A stored object a problem is about: its resource (`pods`, `deployments.apps`) and `namespace/name`. */
export interface ObjectNamed {
  resource: string;
  namespace?: string;
  name?: string;
}

/**
 * Why a snapshot cannot be restored. `field` is a path into the snapshot (`objects[3].group`);
 * `message` is the apiserver's own text, in English as the apiserver prints it.
 */
export type SnapshotProblem =
  | { code: 'not-a-snapshot'; format: string }
  | { code: 'newer-version'; version: number; readable: number }
  | { code: 'older-version'; version: number }
  | { code: 'proto-key'; field: string }
  | { code: 'field-missing'; field: string }
  | { code: 'field-type'; field: string; expected: ValueKind; actual: ValueKind }
  | { code: 'field-range'; field: string; min: number; max: number; value: number }
  | { code: 'field-negative'; field: string }
  | { code: 'field-choice'; field: string; choices: string[]; value: string }
  | { code: 'path-not-plain'; field: string; path: string }
  | { code: 'unknown-resource'; field: string; resource: string }
  | { code: 'object-unnamed'; field: string }
  | { code: 'object-refused'; object: ObjectNamed; message: string }
  | { code: 'object-twice'; object: ObjectNamed }
  | { code: 'object-namespace'; object: ObjectNamed; namespaced: boolean }
  | { code: 'object-no-uid'; object: ObjectNamed }
  | { code: 'object-resource-version'; object: ObjectNamed; max: number }
  | { code: 'nodes-mismatch'; found: string[]; expected: string[] };

export type Validated = { ok: true; snapshot: ClusterSnapshot } | { ok: false; problem: SnapshotProblem };

/** More workers than this is no snapshot this page wrote (the layout numbers nodes up to here). */
const MAX_WORKERS = 1000;

class Invalid extends Error {
  constructor(readonly problem: SnapshotProblem) {
    super(problem.code);
  }
}

const fail = (problem: SnapshotProblem): never => {
  throw new Invalid(problem);
};

/** Checks everything a restore relies on. Never throws for bad input: it says what is wrong. */
export function validateSnapshot(input: unknown): Validated {
  try {
    return { ok: true, snapshot: checkSnapshot(input) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, problem: e.problem };
    throw e;
  }
}

function kindOf(v: unknown): ValueKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  switch (typeof v) {
    case 'string':
      return 'text';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    default:
      return 'other';
  }
}

type Expected = 'number' | 'text' | 'list' | 'object';
const isKind = (v: unknown, kind: Expected): boolean =>
  kind === 'number' ? typeof v === 'number' && Number.isFinite(v) : kindOf(v) === kind;

/** The field's value, or a problem saying it is missing or of the wrong type. */
function field(obj: Record<string, unknown>, key: string, kind: Expected, where: string): unknown {
  const v = obj[key];
  if (v === undefined) fail({ code: 'field-missing', field: `${where}${key}` });
  if (!isKind(v, kind)) fail({ code: 'field-type', field: `${where}${key}`, expected: kind, actual: kindOf(v) });
  return v;
}

function wholeNumber(obj: Record<string, unknown>, key: string, where: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = field(obj, key, 'number', where) as number;
  if (!Number.isInteger(value) || value < min || value > max) fail({ code: 'field-range', field: `${where}${key}`, min, max, value });
  return value;
}

/** JSON.parse keeps a `"__proto__"` key as data; anything that copies the object later might not. */
function refuseProtoKeys(value: unknown, where: string): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => refuseProtoKeys(v, `${where}[${i}]`));
    return;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') fail({ code: 'proto-key', field: where });
    refuseProtoKeys((value as Record<string, unknown>)[key], where ? `${where}.${key}` : key);
  }
}

function checkSnapshot(input: unknown): ClusterSnapshot {
  if (!isKind(input, 'object') || (input as Record<string, unknown>).format !== SNAPSHOT_FORMAT) fail({ code: 'not-a-snapshot', format: SNAPSHOT_FORMAT });
  const s = input as Record<string, unknown>;
  refuseProtoKeys(s, '');
  const version = field(s, 'version', 'number', '') as number;
  if (version > SNAPSHOT_VERSION) fail({ code: 'newer-version', version, readable: SNAPSHOT_VERSION });
  if (version !== SNAPSHOT_VERSION) fail({ code: 'older-version', version });
  const seed = wholeNumber(s, 'seed', '', 0, 0xffffffff);
  const workers = wholeNumber(s, 'workers', '', 0, MAX_WORKERS);
  const epochMs = wholeNumber(s, 'epochMs', '', 0, 8.64e15);
  const simTimeMs = field(s, 'simTimeMs', 'number', '') as number;
  if (simTimeMs < 0) fail({ code: 'field-negative', field: 'simTimeMs' });
  const resourceVersion = wholeNumber(s, 'resourceVersion', '', 1);
  const context = validationContext(epochMs, simTimeMs);
  const objects = (field(s, 'objects', 'list', '') as unknown[]).map((o, i) => checkObject(o, i, resourceVersion, context));
  const seen = new Set<string>();
  for (const { group, plural, object } of objects) {
    const key = `${group}/${plural}/${object.metadata?.namespace ?? ''}/${object.metadata!.name}`;
    if (seen.has(key)) fail({ code: 'object-twice', object: named(group, plural, object) });
    seen.add(key);
  }
  const expected = defaultLayout(workers).map((n) => n.name);
  const nodes = (field(s, 'nodes', 'list', '') as unknown[]).map((n, i) => checkNode(n, i));
  const found = nodes.map((n) => n.name);
  if (found.join() !== expected.join()) fail({ code: 'nodes-mismatch', found, expected });
  return { format: SNAPSHOT_FORMAT, version, seed, workers, epochMs, simTimeMs, resourceVersion, objects, nodes };
}

function named(group: string, plural: string, obj: KubeObject): ObjectNamed {
  const { namespace, name } = obj.metadata ?? {};
  return { resource: group ? `${plural}.${group}` : plural, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}) };
}

/** What the apiserver would accept, plus what only a stored object has (uid, version). */
function checkObject(input: unknown, i: number, resourceVersion: number, context: StrategyContext): SnapshotObject {
  const where = `objects[${i}].`;
  if (!isKind(input, 'object')) fail({ code: 'field-type', field: `objects[${i}]`, expected: 'object', actual: kindOf(input) });
  const entry = input as Record<string, unknown>;
  const group = field(entry, 'group', 'text', where) as string;
  const plural = field(entry, 'plural', 'text', where) as string;
  const raw = field(entry, 'object', 'object', where) as KubeObject;
  const resource = resourceFor(group, plural) ?? fail({ code: 'unknown-resource', field: `objects[${i}]`, resource: group ? `${plural}.${group}` : plural });
  const object = named(group, plural, raw);
  const decoded = decodeObject(resource, raw, 'Strict');
  if (failed(decoded)) return fail({ code: 'object-refused', object, message: decoded.message ?? '' });
  const meta = decoded.obj.metadata ?? {};
  if (!meta.name) fail({ code: 'object-unnamed', field: `${where}object` });
  if (resource.namespaced !== Boolean(meta.namespace)) fail({ code: 'object-namespace', object, namespaced: resource.namespaced });
  if (typeof meta.uid !== 'string' || meta.uid === '') fail({ code: 'object-no-uid', object });
  const rv = Number(meta.resourceVersion);
  if (!/^[1-9][0-9]*$/.test(meta.resourceVersion ?? '') || rv > resourceVersion) fail({ code: 'object-resource-version', object, max: resourceVersion });
  const errors = strategyFor(resource).validate(decoded.obj, context);
  if (errors.length > 0) fail({ code: 'object-refused', object, message: invalid(qualifiedKind(resource), meta.name!, errors).message ?? '' });
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
  if (!isKind(input, 'object')) fail({ code: 'field-type', field: `nodes[${i}]`, expected: 'object', actual: kindOf(input) });
  const n = input as Record<string, unknown>;
  const name = field(n, 'name', 'text', where) as string;
  const images = (field(n, 'images', 'list', where) as unknown[]).map((image, j) => {
    if (typeof image !== 'string') fail({ code: 'field-type', field: `${where}images[${j}]`, expected: 'text', actual: kindOf(image) });
    return image as string;
  });
  const disk = field(n, 'disk', 'object', where) as Record<string, unknown>;
  const removed = (field(disk, 'removed', 'list', `${where}disk.`) as unknown[]).map((p, j) => checkPath(p, `${where}disk.removed[${j}]`));
  const entries = (field(disk, 'entries', 'list', `${where}disk.`) as unknown[]).map((e, j) => checkEntry(e, `${where}disk.entries[${j}].`));
  return { name, images, disk: { removed, entries } };
}

function checkPath(p: unknown, where: string): string {
  if (typeof p !== 'string') return fail({ code: 'field-type', field: where, expected: 'text', actual: kindOf(p) });
  const parts = p.split('/');
  if (p === '/' || parts[0] !== '' || parts.slice(1).some((c) => c === '' || c === '.' || c === '..')) fail({ code: 'path-not-plain', field: where, path: p });
  return p;
}

const ENTRY_TYPES: readonly string[] = ['file', 'dir', 'symlink'] satisfies SavedEntry['type'][];

function checkEntry(input: unknown, where: string): SavedEntry {
  if (!isKind(input, 'object')) fail({ code: 'field-type', field: where.slice(0, -1), expected: 'object', actual: kindOf(input) });
  const e = input as Record<string, unknown>;
  const path = checkPath(field(e, 'path', 'text', where), `${where}path`);
  const type = field(e, 'type', 'text', where) as SavedEntry['type'];
  if (!ENTRY_TYPES.includes(type)) fail({ code: 'field-choice', field: `${where}type`, choices: [...ENTRY_TYPES], value: type });
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
