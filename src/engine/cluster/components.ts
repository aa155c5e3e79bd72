/**
 * Which control loops run where, as data. kube-controller-manager runs many controllers in one
 * process sharing one set of informers; the scheduler and every kubelet run on their own.
 */
import type { Controller, ControllerContext } from '../controllers/framework/context';
import { DaemonSetController } from '../controllers/daemonset/controller';
import { DeploymentController } from '../controllers/deployment/controller';
import { EndpointsController } from '../controllers/endpoints/controller';
import { EndpointSliceController } from '../controllers/endpointslice/controller';
import { EndpointSliceMirroringController } from '../controllers/endpointslicemirroring/controller';
import { GarbageCollector } from '../controllers/garbagecollector/controller';
import { NamespaceController } from '../controllers/namespace/controller';
import { NodeLifecycleController } from '../controllers/nodelifecycle/controller';
import { TaintEvictionController } from '../controllers/nodelifecycle/eviction';
import { ReplicaSetController } from '../controllers/replicaset/controller';
import { RootCACertPublisher } from '../controllers/rootcacertpublisher/controller';
import { ServiceAccountsController } from '../controllers/serviceaccounts/controller';

export interface ControllerFactory {
  /** The component name: the user agent of its client and the source of its events. */
  component: string;
  create(ctx: ControllerContext): Controller;
}

export const CONTROLLER_MANAGER: readonly ControllerFactory[] = [
  { component: 'deployment-controller', create: (ctx) => new DeploymentController(ctx) },
  { component: 'replicaset-controller', create: (ctx) => new ReplicaSetController(ctx) },
  { component: 'daemonset-controller', create: (ctx) => new DaemonSetController(ctx) },
  { component: 'endpoint-controller', create: (ctx) => new EndpointsController(ctx) },
  { component: 'endpoint-slice-controller', create: (ctx) => new EndpointSliceController(ctx) },
  { component: 'endpointslice-mirroring-controller', create: (ctx) => new EndpointSliceMirroringController(ctx) },
  { component: 'garbage-collector-controller', create: (ctx) => new GarbageCollector(ctx) },
  { component: 'namespace-controller', create: (ctx) => new NamespaceController(ctx) },
  { component: 'node-controller', create: (ctx) => new NodeLifecycleController(ctx) },
  { component: 'taint-eviction-controller', create: (ctx) => new TaintEvictionController(ctx) },
  { component: 'serviceaccount-controller', create: (ctx) => new ServiceAccountsController(ctx) },
  { component: 'root-ca-cert-publisher', create: (ctx) => new RootCACertPublisher(ctx) },
];
