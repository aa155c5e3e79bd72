/**
 * Which kubeconfig kubectl reads and what it says: `--kubeconfig` (only that file, which must
 * exist), else the files of `$KUBECONFIG` merged (the first to name a thing wins), else
 * `~/.kube/config`; then the context (`--context` or current-context), its cluster and user, and
 * the server URL (`-s/--server` wins). With nothing configured kubectl talks to localhost:8080.
 */
import { load } from 'js-yaml';
import type { Proc } from '../../../../engine/runtime/process';
import { KubectlError } from './errors';

export interface NamedEntry {
  name: string;
  [key: string]: unknown;
}

/** A kubeconfig document, as loaded (fields kubectl does not know are kept for `config view`). */
export interface KubeconfigDoc {
  apiVersion?: string;
  kind?: string;
  clusters?: NamedEntry[] | null;
  contexts?: NamedEntry[] | null;
  users?: NamedEntry[] | null;
  'current-context'?: string;
  preferences?: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** The merged document (`config view`). */
  readonly doc: KubeconfigDoc;
  /** The files that were read, in order (`-v=6` logs each). */
  readonly files: readonly string[];
  readonly contextName: string;
  readonly namespace: string;
  /** `https://192.168.1.130:6443` or `http://localhost:8080`. */
  readonly server: string;
  /** Whether `namespace` came from `-n` (not from the context). */
  readonly explicitNamespace: boolean;
}

export interface ConfigOverrides {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
}

export const DEFAULT_SERVER = 'http://localhost:8080';

function readDoc(proc: Proc, path: string): KubeconfigDoc {
  const text = proc.fs.readFile(path);
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new KubectlError(`error loading config file "${path}": ${why}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new KubectlError(`error loading config file "${path}": couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  return doc as KubeconfigDoc;
}

const exists = (proc: Proc, path: string): boolean => {
  try {
    return proc.fs.stat(path).type === 'file';
  } catch {
    return false;
  }
};

/** Merges documents the way clientcmd does: for each named entry and each field, the first file wins. */
function merge(docs: readonly KubeconfigDoc[]): KubeconfigDoc {
  const merged: KubeconfigDoc = { apiVersion: 'v1', kind: 'Config', preferences: {} };
  for (const key of ['clusters', 'contexts', 'users'] as const) {
    const seen = new Map<string, NamedEntry>();
    for (const doc of docs) for (const entry of doc[key] ?? []) if (entry && !seen.has(entry.name)) seen.set(entry.name, entry);
    merged[key] = seen.size > 0 ? [...seen.values()] : null;
  }
  merged['current-context'] = docs.map((d) => d['current-context']).find((c) => c) ?? '';
  return merged;
}

const entry = (list: NamedEntry[] | null | undefined, name: string): Record<string, unknown> | undefined => {
  const found = (list ?? []).find((e) => e.name === name);
  const inner = found?.[Object.keys(found).find((k) => k !== 'name') ?? ''];
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : undefined;
};

export function loadKubeconfig(proc: Proc, overrides: ConfigOverrides): ResolvedConfig {
  let files: string[];
  if (overrides.kubeconfig) {
    if (!exists(proc, overrides.kubeconfig)) throw new KubectlError(`stat ${overrides.kubeconfig}: no such file or directory`);
    files = [overrides.kubeconfig];
  } else if (proc.env.KUBECONFIG) {
    files = proc.env.KUBECONFIG.split(':').filter((p) => p && exists(proc, p));
  } else {
    const home = proc.env.HOME ?? '/root';
    const path = `${home === '/' ? '' : home}/.kube/config`;
    files = exists(proc, path) ? [path] : [];
  }
  const doc = merge(files.map((f) => readDoc(proc, f)));
  const contextName = overrides.context ?? doc['current-context'] ?? '';
  const context = entry(doc.contexts, contextName);
  if (overrides.context && !context) throw new KubectlError(`context was not found for specified context: ${overrides.context}`);
  const cluster = entry(doc.clusters, overrides.cluster ?? String(context?.cluster ?? ''));
  const namespace = overrides.namespace || String(context?.namespace ?? '') || 'default';
  const server = overrides.server || String(cluster?.server ?? '') || DEFAULT_SERVER;
  return { doc, files, contextName, namespace, server: withScheme(server), explicitNamespace: Boolean(overrides.namespace) };
}

/** `-s 10.0.0.1:6443` means https (`http` only when said): as client-go's DefaultServerURL. */
function withScheme(server: string): string {
  return /^[a-z]+:\/\//i.test(server) ? server.replace(/\/+$/, '') : `https://${server.replace(/\/+$/, '')}`;
}

/** Host and port of the server URL, the default port from the scheme. */
export function serverAddress(server: string): { scheme: string; host: string; port: number; hostPort: string } {
  const match = /^([a-z]+):\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?/i.exec(server);
  const scheme = match?.[1]?.toLowerCase() ?? 'https';
  const host = match?.[2] ?? 'localhost';
  const port = match?.[3] ? Number(match[3]) : scheme === 'http' ? 80 : 443;
  return { scheme, host, port, hostPort: match?.[3] ? `${host}:${port}` : host };
}
