/**
 * The page's projection of the cluster, kept current the way any controller keeps its cache: an
 * informer per kind (list, then watch). Every change becomes a view (views.ts) waiting to go out;
 * once a frame the worker takes them as one batch. An object changed five times in a frame goes
 * out once, as it is now; one created and deleted in the same frame goes out as a delete.
 */
import { resourceFor } from '../engine/api/resources';
import type { KubeObject } from '../engine/api/types';
import { SharedInformers } from '../engine/client/informer';
import type { Client } from '../engine/client/types';
import { VIEWS } from './to-view';
import { changeKey, viewKey, type ObjectChange, type ViewKind } from './views';

/** Where each kind is served: [API group, plural]. */
export const RESOURCES: Record<ViewKind, [string, string]> = {
  Node: ['', 'nodes'],
  Pod: ['', 'pods'],
  Service: ['', 'services'],
  Endpoints: ['', 'endpoints'],
  Deployment: ['apps', 'deployments'],
  ReplicaSet: ['apps', 'replicasets'],
  Event: ['', 'events'],
};

export class Projection {
  private readonly informers: SharedInformers;
  /** Changes not yet taken, by kind and key; insertion order is the order they happened in. */
  private pending = new Map<string, ObjectChange>();

  /** `now`: the simulated time, stamped on each change (the diagrams' history draws it there). */
  constructor(
    client: Client,
    private readonly now: () => number,
  ) {
    this.informers = new SharedInformers(client);
    for (const kind of Object.keys(RESOURCES) as ViewKind[]) {
      const [group, plural] = RESOURCES[kind];
      const toView = VIEWS[kind] as (obj: KubeObject) => ReturnType<(typeof VIEWS)[typeof kind]>;
      this.informers.for(resourceFor(group, plural)!).addHandlers({
        add: (obj) => this.put(toView(obj)),
        update: (_old, obj) => this.put(toView(obj)),
        delete: (obj) => {
          const key = viewKey({ namespace: obj.metadata?.namespace ?? '', name: obj.metadata?.name ?? '' });
          this.pending.set(changeKey(kind, key), { op: 'delete', kind, key, at: this.now() });
        },
      });
    }
    // The initial list arrives as one batch of puts: the page starts from nothing.
    this.informers.start();
  }

  private put(view: ReturnType<(typeof VIEWS)[ViewKind]>): void {
    this.pending.set(changeKey(view.kind, viewKey(view)), { op: 'put', view, at: this.now() });
  }

  /** The changes since the last call, oldest first; undefined when nothing changed. */
  take(): ObjectChange[] | undefined {
    if (this.pending.size === 0) return undefined;
    const changes = [...this.pending.values()];
    this.pending = new Map();
    return changes;
  }

  stop(): void {
    this.informers.stop();
  }
}
