export { ReplicaSetController, BURST_REPLICAS, type ReplicaSetControllerOptions } from './controller';
