/**
 * Lesson checks: validating a check as written in a lesson, describing it, and evaluating it
 * against a cluster. Evaluation is pure over a small ClusterView, so the worker (over the live
 * simulated cluster) and tests (over a Cluster or plain objects) can each supply one.
 */
import type { Check, FileCheck, ObjectCheck } from './types';

/** An API object as the checks read it: only metadata is assumed, the rest is looked up. */
export interface KubeObject {
  readonly metadata: { readonly name: string; readonly labels?: Readonly<Record<string, string>> };
  readonly [field: string]: unknown;
}

/** What a check may read from the cluster. */
export interface ClusterView {
  /** The objects of a kind (`Pod`, `Service`, …) in a namespace. */
  list(kind: string, namespace: string): readonly KubeObject[];
  /** A file's content on a node's host, or undefined when there is no such file. */
  readFile(node: string, path: string): string | undefined;
}

export interface CheckOutcome {
  readonly passed: boolean;
  /** What was found, for the learner: why it passed or failed. */
  readonly detail: string;
}

/** The conditions an object check may state: which kinds have them, and where the value lives. */
const CONDITIONS = {
  phase: { kinds: ['Pod'], type: 'string', read: (o: KubeObject) => path(o, 'status', 'phase') },
  type: { kinds: ['Service'], type: 'string', read: (o: KubeObject) => path(o, 'spec', 'type') ?? 'ClusterIP' },
  availableReplicas: {
    kinds: ['Deployment'],
    type: 'number',
    read: (o: KubeObject) => path(o, 'status', 'availableReplicas') ?? 0,
  },
  restartCount: { kinds: ['Pod'], type: 'number', read: (o: KubeObject) => restarts(o) },
} as const;

type Condition = keyof typeof CONDITIONS;
const CONDITION_NAMES = Object.keys(CONDITIONS) as Condition[];
const OBJECT_KEYS = new Set<string>(['kind', 'namespace', 'name', 'selector', ...CONDITION_NAMES]);

export function isFileCheck(check: Check): check is FileCheck {
  return 'file' in check;
}

/** Checks a value read from a lesson's `check` block: a Check, or the reason it is not one. */
export function validateCheck(value: unknown): { check: Check } | { error: string } {
  if (!isRecord(value)) return { error: 'a check is a mapping such as {kind: Pod, name: web, phase: Running}' };
  if ('file' in value) return validateFileCheck(value);
  const unknown = Object.keys(value).filter((key) => !OBJECT_KEYS.has(key));
  if (unknown.length > 0) return { error: `unknown check field ${unknown.join(', ')} (known: ${[...OBJECT_KEYS].join(', ')}, file)` };
  const { kind, name, selector, namespace } = value;
  if (typeof kind !== 'string' || kind === '') return { error: 'a check needs a kind (Pod, Service, Deployment, …) or a file' };
  if ((name === undefined) === (selector === undefined)) return { error: `a ${kind} check needs exactly one of name and selector` };
  for (const [key, field] of Object.entries({ name, selector, namespace })) {
    if (field !== undefined && typeof field !== 'string') return { error: `${key} must be a string` };
  }
  if (typeof selector === 'string' && parseSelector(selector) === undefined) return { error: `selector ${selector} is not key=value[,key!=value…]` };
  for (const condition of CONDITION_NAMES.filter((c) => value[c] !== undefined)) {
    const rule = CONDITIONS[condition];
    if (!(rule.kinds as readonly string[]).includes(kind)) return { error: `${condition} applies to ${rule.kinds.join(', ')}, not ${kind}` };
    if (typeof value[condition] !== rule.type) return { error: `${condition} must be a ${rule.type}` };
  }
  return { check: value as unknown as ObjectCheck };
}

function validateFileCheck(value: Record<string, unknown>): { check: Check } | { error: string } {
  const file = value.file;
  if (Object.keys(value).length !== 1 || !isRecord(file)) return { error: 'a file check is {file: {node: NODE, path: PATH}} and nothing else' };
  const unknown = Object.keys(file).filter((key) => !['node', 'path', 'contains'].includes(key));
  if (unknown.length > 0) return { error: `unknown file check field ${unknown.join(', ')} (known: node, path, contains)` };
  if (typeof file.node !== 'string' || typeof file.path !== 'string') return { error: 'a file check needs node and path strings' };
  if (file.contains !== undefined && typeof file.contains !== 'string') return { error: 'contains must be a string' };
  return { check: value as unknown as FileCheck };
}

/** A one-line statement of what the check wants, e.g. `Pod nginx-deploy: phase Running`. */
export function describeCheck(check: Check): string {
  if (isFileCheck(check)) {
    const { node, path: file, contains } = check.file;
    return `file ${node}:${file}${contains === undefined ? '' : ` containing "${contains}"`}`;
  }
  const conditions = CONDITION_NAMES.filter((c) => check[c] !== undefined).map((c) => `${c} ${String(check[c])}`);
  const target = check.name ?? `-l ${check.selector}`;
  const namespace = check.namespace === undefined ? '' : ` -n ${check.namespace}`;
  return `${check.kind} ${target}${namespace}${conditions.length ? `: ${conditions.join(', ')}` : ' exists'}`;
}

export function evaluateCheck(check: Check, cluster: ClusterView): CheckOutcome {
  if (isFileCheck(check)) {
    const content = cluster.readFile(check.file.node, check.file.path);
    if (content === undefined) return { passed: false, detail: `no file ${check.file.path} on ${check.file.node}` };
    if (check.file.contains !== undefined && !content.includes(check.file.contains)) {
      return { passed: false, detail: `${check.file.path} does not contain "${check.file.contains}"` };
    }
    return { passed: true, detail: `${check.file.path} is on ${check.file.node}` };
  }
  const objects = cluster.list(check.kind, check.namespace ?? 'default').filter(matcher(check));
  if (objects.length === 0) {
    return { passed: false, detail: check.name !== undefined ? `no ${check.kind} named ${check.name}` : `no ${check.kind} matches ${check.selector}` };
  }
  for (const object of objects) {
    for (const condition of CONDITION_NAMES.filter((c) => check[c] !== undefined)) {
      const actual = CONDITIONS[condition].read(object);
      if (actual !== check[condition]) {
        return { passed: false, detail: `${check.kind} ${object.metadata.name}: ${condition} is ${String(actual ?? 'unset')}, want ${String(check[condition])}` };
      }
    }
  }
  return { passed: true, detail: objects.map((o) => `${check.kind} ${o.metadata.name}`).join(', ') + ' as expected' };
}

function matcher(check: ObjectCheck): (object: KubeObject) => boolean {
  if (check.name !== undefined) return (object) => object.metadata.name === check.name;
  const requirements = parseSelector(check.selector ?? '') ?? [];
  return (object) =>
    requirements.every(({ key, value, equal }) => (object.metadata.labels?.[key] === value) === equal);
}

interface Requirement {
  readonly key: string;
  readonly value: string;
  readonly equal: boolean;
}

/** `a=b,c==d,e!=f` → requirements; undefined when a term is not of that form. */
export function parseSelector(selector: string): Requirement[] | undefined {
  const requirements: Requirement[] = [];
  for (const term of selector.split(',')) {
    const match = /^\s*([A-Za-z0-9._/-]+)\s*(!=|==|=)\s*([A-Za-z0-9._-]*)\s*$/.exec(term);
    if (!match) return undefined;
    requirements.push({ key: match[1]!, value: match[3]!, equal: match[2] !== '!=' });
  }
  return requirements;
}

function restarts(pod: KubeObject): number {
  const statuses = path(pod, 'status', 'containerStatuses');
  if (!Array.isArray(statuses)) return 0;
  return statuses.reduce((sum: number, status: unknown) => sum + Number(path(status, 'restartCount') ?? 0), 0);
}

function path(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
