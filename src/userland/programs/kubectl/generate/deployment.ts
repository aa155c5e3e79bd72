/** The Deployment `kubectl create deployment NAME --image=… [--replicas] [--port] [-- command]` sends. */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Container } from 'kubernetes-types/core/v1';
import { KubectlError } from '../framework/errors';
import { containerNameForImage } from './image';
import { clientObjectMeta } from './meta';

export interface CreateDeploymentSpec {
  name: string;
  images: readonly string[];
  replicas?: number;
  /** `--port`: only the first container gets it. */
  port?: number;
  command?: readonly string[];
  /** Five characters for container names made unique (see `containerNameForImage`). */
  randomSuffix: () => string;
}

export function deploymentForCreate(spec: CreateDeploymentSpec): Deployment {
  const command = spec.command ?? [];
  if (spec.images.length > 1 && command.length > 0) throw new KubectlError('cannot specify multiple --image options and command');
  // Labels and selector are the same single `app=<name>`, so the template always matches.
  const labels = { app: spec.name };
  const containers = spec.images.map((image, i): Container => {
    const container: Container = { name: containerNameForImage(image, spec.randomSuffix), image };
    if (command.length > 0) container.command = [...command];
    if (i === 0 && spec.port !== undefined && spec.port >= 0) container.ports = [{ containerPort: spec.port }];
    container.resources = {};
    return container;
  });
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: clientObjectMeta(spec.name, labels),
    spec: {
      replicas: spec.replicas ?? 1,
      selector: { matchLabels: { ...labels } },
      template: { metadata: clientObjectMeta(undefined, { ...labels }), spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}
