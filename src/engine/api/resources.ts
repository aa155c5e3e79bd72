/**
 * Every kind the playground serves, as data: discovery (`kubectl api-resources`), URL routing,
 * short names (`po`, `deploy`, `svc`) and categories (`kubectl get all`) all read this one table.
 */

export interface ResourceInfo {
  /** Plural, lower case: the URL segment (`pods`, `deployments`). */
  plural: string;
  singular: string;
  kind: string;
  /** '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories: string[];
  /** Subresources served under `<plural>/<name>/<sub>`. */
  subresources: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function resource(
  group: string,
  version: string,
  kind: string,
  plural: string,
  options: Partial<Pick<ResourceInfo, 'namespaced' | 'shortNames' | 'verbs' | 'categories' | 'subresources'>> = {},
): ResourceInfo {
  return {
    plural,
    singular: kind.toLowerCase(),
    kind,
    group,
    version,
    namespaced: options.namespaced ?? true,
    shortNames: options.shortNames ?? [],
    verbs: options.verbs ?? ALL_VERBS,
    categories: options.categories ?? [],
    subresources: options.subresources ?? [],
  };
}

export const RESOURCES: readonly ResourceInfo[] = [
  resource('', 'v1', 'Binding', 'bindings', { verbs: ['create'] }),
  resource('', 'v1', 'ConfigMap', 'configmaps', { shortNames: ['cm'] }),
  resource('', 'v1', 'Endpoints', 'endpoints', { shortNames: ['ep'] }),
  resource('', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
  resource('', 'v1', 'LimitRange', 'limitranges', { shortNames: ['limits'] }),
  resource('', 'v1', 'Namespace', 'namespaces', {
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status', 'finalize'],
  }),
  resource('', 'v1', 'Node', 'nodes', { namespaced: false, shortNames: ['no'], subresources: ['status'] }),
  resource('', 'v1', 'Pod', 'pods', {
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'binding', 'log', 'exec', 'attach', 'eviction'],
  }),
  resource('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', { shortNames: ['pvc'], subresources: ['status'] }),
  resource('', 'v1', 'PersistentVolume', 'persistentvolumes', { namespaced: false, shortNames: ['pv'], subresources: ['status'] }),
  resource('', 'v1', 'PodTemplate', 'podtemplates'),
  resource('', 'v1', 'ReplicationController', 'replicationcontrollers', {
    shortNames: ['rc'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  resource('', 'v1', 'ResourceQuota', 'resourcequotas', { shortNames: ['quota'], subresources: ['status'] }),
  resource('', 'v1', 'Secret', 'secrets'),
  resource('', 'v1', 'ServiceAccount', 'serviceaccounts', { shortNames: ['sa'] }),
  resource('', 'v1', 'Service', 'services', {
    shortNames: ['svc'],
    categories: ['all'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status'],
  }),
  resource('admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', { namespaced: false }),
  resource('admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', {
    namespaced: false,
    subresources: ['status'],
  }),
  resource('admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', {
    namespaced: false,
  }),
  resource('admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', {
    namespaced: false,
  }),
  resource('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', {
    namespaced: false,
    shortNames: ['crd', 'crds'],
    subresources: ['status'],
  }),
  resource('apps', 'v1', 'ControllerRevision', 'controllerrevisions'),
  resource('authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', { namespaced: false, verbs: ['create'] }),
  resource('authentication.k8s.io', 'v1', 'TokenReview', 'tokenreviews', { namespaced: false, verbs: ['create'] }),
  resource('authorization.k8s.io', 'v1', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', { verbs: ['create'] }),
  resource('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', { namespaced: false, verbs: ['create'] }),
  resource('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', { namespaced: false, verbs: ['create'] }),
  resource('authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews', { namespaced: false, verbs: ['create'] }),
  resource('apps', 'v1', 'DaemonSet', 'daemonsets', { shortNames: ['ds'], categories: ['all'], subresources: ['status'] }),
  resource('apps', 'v1', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  resource('apps', 'v1', 'ReplicaSet', 'replicasets', { shortNames: ['rs'], categories: ['all'], subresources: ['status', 'scale'] }),
  resource('apps', 'v1', 'StatefulSet', 'statefulsets', {
    shortNames: ['sts'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  resource('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', {
    shortNames: ['hpa'],
    categories: ['all'],
    subresources: ['status'],
  }),
  resource('batch', 'v1', 'CronJob', 'cronjobs', { shortNames: ['cj'], categories: ['all'], subresources: ['status'] }),
  resource('batch', 'v1', 'Job', 'jobs', { categories: ['all'], subresources: ['status'] }),
  resource('certificates.k8s.io', 'v1', 'CertificateSigningRequest', 'certificatesigningrequests', {
    namespaced: false,
    shortNames: ['csr'],
    subresources: ['status', 'approval'],
  }),
  resource('coordination.k8s.io', 'v1', 'Lease', 'leases'),
  resource('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices'),
  resource('flowcontrol.apiserver.k8s.io', 'v1', 'FlowSchema', 'flowschemas', { namespaced: false, subresources: ['status'] }),
  resource('flowcontrol.apiserver.k8s.io', 'v1', 'PriorityLevelConfiguration', 'prioritylevelconfigurations', {
    namespaced: false,
    subresources: ['status'],
  }),
  resource('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', { namespaced: false }),
  resource('networking.k8s.io', 'v1', 'Ingress', 'ingresses', { shortNames: ['ing'], subresources: ['status'] }),
  resource('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', { shortNames: ['netpol'] }),
  resource('node.k8s.io', 'v1', 'RuntimeClass', 'runtimeclasses', { namespaced: false }),
  resource('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', { shortNames: ['pdb'], subresources: ['status'] }),
  resource('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', { namespaced: false }),
  resource('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', { namespaced: false }),
  resource('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings'),
  resource('rbac.authorization.k8s.io', 'v1', 'Role', 'roles'),
  resource('scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', { namespaced: false, shortNames: ['pc'] }),
  resource('storage.k8s.io', 'v1', 'CSIDriver', 'csidrivers', { namespaced: false }),
  resource('storage.k8s.io', 'v1', 'CSINode', 'csinodes', { namespaced: false }),
  resource('storage.k8s.io', 'v1', 'CSIStorageCapacity', 'csistoragecapacities'),
  resource('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', { namespaced: false, shortNames: ['sc'] }),
  resource('storage.k8s.io', 'v1', 'VolumeAttachment', 'volumeattachments', { namespaced: false, subresources: ['status'] }),
];

/**
 * Group versions a real 1.30 apiserver also serves for kinds kept above under another one:
 * events.k8s.io/v1 Events are the core Events seen through a newer schema, autoscaling/v1 is the
 * older version of HorizontalPodAutoscaler. Discovery lists them (api-versions, the group's
 * versions, their resource lists), so kubectl sees the groups a real cluster has; kubeplay does not
 * convert objects between versions, so requests for their objects answer 404.
 */
export const DISCOVERY_ONLY: readonly ResourceInfo[] = [
  resource('autoscaling', 'v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', {
    shortNames: ['hpa'],
    categories: ['all'],
    subresources: ['status'],
  }),
  resource('events.k8s.io', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
];

/** Everything discovery lists, served kinds first (a group's first version is its preferred one). */
export const LISTED_RESOURCES: readonly ResourceInfo[] = [...RESOURCES, ...DISCOVERY_ONLY];

/** `apps/v1` or `v1`. */
export const groupVersion = (r: Pick<ResourceInfo, 'group' | 'version'>): string =>
  r.group ? `${r.group}/${r.version}` : r.version;

/** `deployments.apps` or `pods`: how API errors name a resource. */
export const qualifiedResource = (r: Pick<ResourceInfo, 'plural' | 'group'>): string =>
  r.group ? `${r.plural}.${r.group}` : r.plural;

const byPlural = new Map(RESOURCES.map((r) => [`${r.group}/${r.plural}`, r]));
const byKind = new Map(RESOURCES.map((r) => [`${groupVersion(r)}/${r.kind}`, r]));

export function resourceFor(group: string, plural: string): ResourceInfo | undefined {
  return byPlural.get(`${group}/${plural}`);
}

/** Looks a kind up by apiVersion (`apps/v1`) and kind (`Deployment`), as manifests name it. */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return byKind.get(`${apiVersion}/${kind}`);
}

/** Base URL of a collection: `/api/v1/namespaces/default/pods`, `/apis/apps/v1/deployments`. */
export function collectionPath(r: ResourceInfo, namespace?: string): string {
  const root = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${root}/namespaces/${namespace}/${r.plural}` : `${root}/${r.plural}`;
}

export function objectPath(r: ResourceInfo, namespace: string | undefined, name: string, subresource?: string): string {
  const base = `${collectionPath(r, namespace)}/${name}`;
  return subresource ? `${base}/${subresource}` : base;
}
