/**
 * The object view's feed: while the page shows an object, the worker sends it as
 * `kubectl get -o yaml` prints it (kubectl's own YAML printer), cut in three so the page can set
 * `spec` and `status` side by side under the rest — again whenever it changes, until the page
 * closes the view. For a node it also says whether its kubelet runs (the map's Stop/Start).
 */
import { resourceForKind } from '../engine/api/resources';
import type { KubeObject } from '../engine/api/types';
import type { Client } from '../engine/client/types';
import { toYaml } from '../userland/programs/kubectl/printers/yaml';

/** The kinds the object view opens. */
export type ObjectKind = 'Node' | 'Pod' | 'Service' | 'Deployment' | 'ReplicaSet';

export interface ObjectRef {
  kind: ObjectKind;
  /** '' for nodes. */
  namespace: string;
  name: string;
}

/** `kubectl get -o yaml` of one object, in three parts: everything but spec and status (`apiVersion`, `kind`, `metadata`), `spec:` and `status:`. */
export interface ObjectText {
  head: string;
  spec: string;
  status: string;
}

/** What the page shows: the object (none once it is gone) and, for a node, its kubelet. */
export interface ObjectReport {
  text?: ObjectText;
  kubelet?: 'running' | 'stopped';
}

const API_VERSION: Record<ObjectKind, string> = { Node: 'v1', Pod: 'v1', Service: 'v1', Deployment: 'apps/v1', ReplicaSet: 'apps/v1' };

/** Concatenated, the three parts are exactly what `kubectl get -o yaml` prints (its keys are sorted: apiVersion, kind, metadata, spec, status). */
export function objectText(object: KubeObject): ObjectText {
  const { spec, status, ...head } = object as KubeObject & { spec?: unknown; status?: unknown };
  return { head: toYaml(head), spec: spec === undefined ? '' : toYaml({ spec }), status: status === undefined ? '' : toYaml({ status }) };
}

export interface ObjectSource {
  client: Client;
  /** Whether the named node's kubelet runs; undefined for a node without a machine. */
  kubeletRunning(node: string): boolean | undefined;
}

export class ObjectWatches {
  /** Open views by the page's request number, with what was last sent. */
  private readonly open = new Map<number, { ref: ObjectRef; sent?: string }>();

  constructor(private readonly source: ObjectSource) {}

  watch(request: number, ref: ObjectRef): void {
    this.open.set(request, { ref });
  }

  unwatch(request: number): void {
    this.open.delete(request);
  }

  /** The reports that differ from the last sent (all of them for views just opened). */
  take(): { request: number; report: ObjectReport }[] {
    const out: { request: number; report: ObjectReport }[] = [];
    for (const [request, watch] of this.open) {
      const { kind, namespace, name } = watch.ref;
      const got = this.source.client.get<KubeObject>(resourceForKind(API_VERSION[kind], kind)!, namespace || undefined, name);
      const object = got.ok ? got.value : undefined;
      const running = kind === 'Node' ? this.source.kubeletRunning(name) : undefined;
      const kubelet = running === undefined ? undefined : running ? 'running' : 'stopped';
      // The resourceVersion changes with every write: cheaper to compare than the YAML.
      const signature = `${object?.metadata?.resourceVersion ?? 'gone'}|${kubelet ?? ''}`;
      if (signature === watch.sent) continue;
      watch.sent = signature;
      out.push({ request, report: { ...(object ? { text: objectText(object) } : {}), ...(kubelet ? { kubelet } : {}) } });
    }
    return out;
  }
}
