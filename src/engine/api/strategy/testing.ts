/** Helpers for the strategy tests: a context over an in-memory list of stored objects. */
import { clone } from '../clone';
import { fieldErrorText, type FieldError } from '../errors';
import { resourceFor, type ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { Rng } from '../../sim/rng';
import type { StrategyContext } from './contract';
import { strategyFor } from './index';

export function resource(group: string, plural: string): ResourceInfo {
  const r = resourceFor(group, plural);
  if (!r) throw new Error(`no resource ${group}/${plural}`);
  return r;
}

export function context(stored: { resource: ResourceInfo; obj: KubeObject }[] = [], seed = 1): StrategyContext {
  return {
    rng: new Rng(seed),
    now: '2024-01-09T10:22:01Z',
    store: {
      list: (r, ns) => stored.filter((s) => s.resource === r && (ns === undefined || s.obj.metadata?.namespace === ns)).map((s) => s.obj),
      get: (r, ns, name) => stored.find((s) => s.resource === r && s.obj.metadata?.namespace === ns && s.obj.metadata?.name === name)?.obj,
    },
  };
}

export const texts = (errs: FieldError[]): string[] => errs.map(fieldErrorText);

/** Runs the create path a strategy sees: defaults, prepareForCreate, validate. */
export function create(r: ResourceInfo, obj: unknown, ctx = context()): { obj: KubeObject; errors: string[] } {
  const o = clone(obj) as unknown as KubeObject;
  const s = strategyFor(r);
  s.applyDefaults(o, ctx);
  s.prepareForCreate?.(o, ctx);
  return { obj: o, errors: texts(s.validate(o, ctx)) };
}

/** The update path: defaults, prepareForUpdate, validateUpdate. */
export function update(r: ResourceInfo, obj: unknown, old: KubeObject, ctx = context(), subresource?: string): { obj: KubeObject; errors: string[] } {
  const o = clone(obj) as unknown as KubeObject;
  const s = strategyFor(r);
  s.applyDefaults(o, ctx);
  s.prepareForUpdate?.(o, old, ctx, subresource);
  return { obj: o, errors: texts(s.validateUpdate(o, old, ctx)) };
}
