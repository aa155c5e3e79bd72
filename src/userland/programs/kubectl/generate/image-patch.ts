/**
 * `kubectl set image TYPE NAME container=image …`: the containers each object's pod template ends
 * up with. The command turns the change into a strategic merge patch (an unchanged object gets an
 * empty patch, which kubectl skips without a word).
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { safeClone } from '../../../../engine/api/patch';
import type { KubeObject } from '../../../../engine/api/types';
import { KubectlError } from '../framework/errors';
import { checkImageReference } from './image';

/** `name=image` pairs in the order given; the name `*` means every container. */
export function parseImageChanges(args: readonly string[]): Map<string, string> {
  if (args.length === 0) throw new KubectlError('at least one image update is required');
  const changes = new Map<string, string>();
  for (const arg of args) {
    const at = arg.indexOf('=');
    const [name, image] = [arg.slice(0, at), arg.slice(at + 1)];
    if (at <= 0 || image === '') throw new KubectlError(`invalid image spec: ${arg}`);
    checkImageReference(image);
    changes.set(name, image);
  }
  return changes;
}

/** Where a kind keeps the pod spec it runs; undefined for kinds without pods. */
export function podSpecOf(object: KubeObject): PodSpec | undefined {
  const spec = (object as { spec?: Record<string, unknown> }).spec;
  switch (object.kind) {
    case 'Pod':
      return spec as PodSpec | undefined;
    case 'CronJob':
      return (spec?.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined)?.spec?.template?.spec;
    default:
      return (spec?.template as { spec?: PodSpec } | undefined)?.spec;
  }
}

/** A copy of `object` with the new images; throws for a named container it does not have. */
export function withImages<T extends KubeObject>(object: T, changes: ReadonlyMap<string, string>): T {
  const copy = safeClone(object);
  const spec = podSpecOf(copy);
  if (!spec) throw new KubectlError(`unable to find the pod template of ${object.kind}`);
  const containers: Container[] = [...(spec.initContainers ?? []), ...spec.containers];
  for (const [name, image] of changes) {
    const targets = name === '*' ? containers : containers.filter((c) => c.name === name);
    if (targets.length === 0) throw new KubectlError(`unable to find container named "${name}"`);
    for (const container of targets) container.image = image;
  }
  return copy;
}
