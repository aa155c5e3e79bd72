/**
 * `kubectl describe`'s describers, one per kind (kubectl's describerMap), and the generic one
 * for every other kind. Each fetches its object and returns the text kubectl prints.
 */
import type { ApiResource } from '../framework';
import { describeConfigMap } from './configmap';
import { genericDescriber } from './generic';
import type { Describer } from './meta';
import { describeNamespace } from './namespace';
import { describeNode } from './node';
import { describePod } from './pod';
import { describeEndpoints, describeService } from './service';
import { describeDeployment, describeReplicaSet } from './workloads';

export type { DescribeContext } from './context';
export type { Describer } from './meta';

const BY_KIND: Readonly<Record<string, Describer>> = {
  '/Pod': describePod,
  '/Service': describeService,
  '/Endpoints': describeEndpoints,
  '/Node': describeNode,
  '/Namespace': describeNamespace,
  '/ConfigMap': describeConfigMap,
  'apps/Deployment': describeDeployment,
  'apps/ReplicaSet': describeReplicaSet,
};

export const describerFor = (resource: ApiResource): Describer => BY_KIND[`${resource.group}/${resource.kind}`] ?? genericDescriber(resource);
