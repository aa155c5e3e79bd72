/**
 * A kubeconfig that points kubectl at `kubeplay serve`: plain HTTP, no credentials (the simulated
 * apiserver trusts everyone, like a cluster with `--authorization-mode=AlwaysAllow`).
 */
import { dump } from 'js-yaml';

export interface KubeconfigOptions {
  server: string;
  clusterName?: string;
  namespace?: string;
}

export function kubeconfigYaml(options: KubeconfigOptions): string {
  const name = options.clusterName ?? 'kubeplay';
  const context: Record<string, string> = { cluster: name, user: name };
  if (options.namespace) context.namespace = options.namespace;
  return dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: options.server } }],
    users: [{ name, user: {} }],
    contexts: [{ name, context }],
    'current-context': name,
    preferences: {},
  });
}
