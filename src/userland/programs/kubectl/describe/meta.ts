/** What describers have in common: their signature and the owner line. */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Sys } from '../../../../engine/runtime/process';
import type { DescribeContext } from './context';

/** Fetches one object (and what its description shows alongside) and returns the description. */
export type Describer = (ctx: DescribeContext, namespace: string, name: string) => Sys<string>;

/** `ReplicaSet/nginx-7854ff8877`: the controlling owner, if any. */
export function controlledBy(meta: ObjectMeta): string {
  const owner = meta.ownerReferences?.find((o) => o.controller);
  return owner ? `${owner.kind}/${owner.name}` : '';
}
