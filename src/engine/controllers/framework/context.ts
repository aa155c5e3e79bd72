/**
 * What every control-plane component is given when the cluster starts it — the simulated
 * equivalent of kube-controller-manager's ControllerContext.
 */
import type { Clock } from '../../sim/clock';
import type { Rng } from '../../sim/rng';
import type { Client, Informer } from '../../client/types';
import type { ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import type { EventRecorder, EventSource } from './recorder';

export interface InformerFactory {
  /** One shared informer per resource; it starts when the factory starts. */
  for<T extends KubeObject>(resource: ResourceInfo): Informer<T>;
}

export interface ControllerContext {
  clock: Clock;
  /** A generator of this component's own, forked from the cluster seed. */
  rng: Rng;
  /** A client whose user agent names the component (shown in diagrams and -v=6 logs). */
  client: Client;
  informers: InformerFactory;
  recorder(source: EventSource): EventRecorder;
}

/** A control loop: `start` registers informer handlers and any periodic work; nothing runs before. */
export interface Controller {
  readonly name: string;
  start(): void;
}
