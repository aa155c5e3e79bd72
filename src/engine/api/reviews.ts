/**
 * "Review" kinds are questions, not objects: `kubectl auth can-i` POSTs a SelfSubjectAccessReview
 * and reads the answer from its status; nothing is stored. The playground's learner is the kubeadm
 * admin (`kubernetes-admin`, group `kubeadm:cluster-admins`, bound to cluster-admin), so every
 * access question is answered yes.
 */
import { fail } from './context';
import { safeCopy } from './decode';
import { badRequest } from './errors';
import type { ResourceInfo } from './resources';
import type { ApiResponse, KubeObject } from './types';

export const ADMIN_USER = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

const ALLOWED_BY_CLUSTER_ADMIN = {
  allowed: true,
  reason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
};

/** The status each review kind answers with. */
const ANSWERS: Record<string, (spec: Record<string, unknown>) => unknown> = {
  SelfSubjectAccessReview: () => ALLOWED_BY_CLUSTER_ADMIN,
  // Asking about another user: only the admin is known to this cluster.
  SubjectAccessReview: (spec) => (spec.user === ADMIN_USER.username ? ALLOWED_BY_CLUSTER_ADMIN : { allowed: false }),
  LocalSubjectAccessReview: (spec) => (spec.user === ADMIN_USER.username ? ALLOWED_BY_CLUSTER_ADMIN : { allowed: false }),
  SelfSubjectRulesReview: () => ({
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    incomplete: false,
  }),
  SelfSubjectReview: () => ({ userInfo: ADMIN_USER }),
  // No service-account tokens are issued, so none can be valid.
  TokenReview: () => ({ authenticated: false, error: 'token not recognized' }),
};

export const isReview = (resource: ResourceInfo): boolean => resource.kind in ANSWERS;

export function answerReview(resource: ResourceInfo, body: unknown): ApiResponse {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return fail(badRequest(`${resource.kind} in version "${resource.version}" cannot be handled as a ${resource.kind}: the body is not an object`));
  }
  const review = safeCopy(body) as KubeObject & { spec?: Record<string, unknown>; status?: unknown };
  review.apiVersion = `${resource.group}/${resource.version}`;
  review.kind = resource.kind;
  review.metadata = { ...review.metadata, creationTimestamp: null as unknown as undefined };
  review.status = ANSWERS[resource.kind]!(review.spec ?? {});
  return { status: 201, body: review };
}
