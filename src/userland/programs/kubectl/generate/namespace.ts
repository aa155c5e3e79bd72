/** The Namespace `kubectl create namespace NAME` sends. */
import type { Namespace } from 'kubernetes-types/core/v1';
import { clientObjectMeta } from './meta';

export function namespaceForCreate(name: string): Namespace {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: clientObjectMeta(name), spec: {}, status: {} };
}
