/** Which printer serves which resource, keyed `<group>/<plural>` like the resource table. */
import { controllerRevisionPrinter, leasePrinter } from './apps-misc';
import type { Printer } from './columns';
import { configMapPrinter, namespacePrinter, podTemplatePrinter, secretPrinter, serviceAccountPrinter } from './config';
import { endpointSlicePrinter, endpointsPrinter } from './endpoints';
import { eventPrinter } from './event';
import { hpaPrinter } from './hpa';
import { ingressPrinter } from './ingress';
import { nodePrinter } from './node';
import { podPrinter } from './pod';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac';
import { servicePrinter } from './service';
import {
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads';

// Roles, ClusterRoles and LimitRanges have no printer upstream either: they get NAME / CREATED AT.
const entries: [string, Printer<never>][] = [
  ['/pods', podPrinter],
  ['/services', servicePrinter],
  ['/endpoints', endpointsPrinter],
  ['/namespaces', namespacePrinter],
  ['/nodes', nodePrinter],
  ['/events', eventPrinter],
  ['/replicationcontrollers', replicationControllerPrinter],
  ['/configmaps', configMapPrinter],
  ['/secrets', secretPrinter],
  ['/serviceaccounts', serviceAccountPrinter],
  ['/podtemplates', podTemplatePrinter],
  ['apps/deployments', deploymentPrinter],
  ['apps/replicasets', replicaSetPrinter],
  ['apps/daemonsets', daemonSetPrinter],
  ['apps/statefulsets', statefulSetPrinter],
  ['apps/controllerrevisions', controllerRevisionPrinter],
  ['batch/jobs', jobPrinter],
  ['batch/cronjobs', cronJobPrinter],
  ['autoscaling/horizontalpodautoscalers', hpaPrinter],
  ['discovery.k8s.io/endpointslices', endpointSlicePrinter],
  ['networking.k8s.io/ingresses', ingressPrinter],
  ['rbac.authorization.k8s.io/rolebindings', roleBindingPrinter],
  ['rbac.authorization.k8s.io/clusterrolebindings', clusterRoleBindingPrinter],
  ['coordination.k8s.io/leases', leasePrinter],
];

export const apiServicePrinters: ReadonlyMap<string, Printer<never>> = new Map(entries);
