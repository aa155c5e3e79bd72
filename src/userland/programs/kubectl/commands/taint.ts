/**
 * `kubectl taint nodes NAME key=value:Effect key-…` (or `-l`, `--all`): each node's new taints,
 * sent as the strategic patch from the node as it was to the node as it will be.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';
import { createStrategicMergePatch } from '../../../../engine/api/patch';
import { resourceFor } from '../../../../engine/api/resources';
import type { KubeObject } from '../../../../engine/api/types';
import { KubectlError, type KubectlCommand } from '../framework';
import { resultText } from '../generate/output';
import { isTaintArg, parseTaintChanges, updateTaints } from '../generate/taints';
import { DRY_RUN_FLAG, fetchObjects, OUTPUT_FLAG, patchObject, VALIDATE_FLAG, writeOptions, writeQuery } from './create';

const NODES = resourceFor('', 'nodes')!;

/** The nodes part and the taints part of the arguments (all nodes must come first). */
function splitArgs(args: readonly string[]): { resources: string[]; specs: string[] } {
  const resources: string[] = [];
  const specs: string[] = [];
  for (const arg of args) {
    if (isTaintArg(arg)) specs.push(arg);
    else if (specs.length > 0) throw new KubectlError(`all resources must be specified before taint changes: ${arg}`);
    else resources.push(arg);
  }
  return { resources, specs };
}

export const taint: KubectlCommand = {
  name: 'taint',
  short: 'Add or remove taints on nodes',
  long: `Add taints to nodes, or remove them. Pods are only placed on a tainted node if they tolerate the taint.

  *  Write a taint as KEY=VALUE:EFFECT (the value may be left out); add - after it to remove it.
  *  The effect is NoSchedule (no new pods), PreferNoSchedule (avoid if possible) or NoExecute (also evict running pods).
  *  Only nodes can be tainted.`,
  examples: `# Keep pods off worker01 unless they tolerate dedicated=gpu
kubectl taint nodes worker01 dedicated=gpu:NoSchedule

# Remove that taint again
kubectl taint nodes worker01 dedicated=gpu:NoSchedule-

# Remove every taint with the key dedicated
kubectl taint nodes worker01 dedicated-`,
  use: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'The nodes whose labels match this selector (=, == and != only).' },
    { name: 'overwrite', type: 'bool', default: 'false', usage: 'If true, a taint with the same key and effect gets the new value; otherwise that is an error.' },
    { name: 'all', type: 'bool', default: 'false', usage: 'Taint every node of the cluster.' },
    { name: 'field-manager', type: 'string', default: "'kubectl-taint'", usage: 'The name recorded in the object as the owner of the fields this command sets.' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    VALIDATE_FLAG,
  ],
  *run(k, args) {
    const f = k.flags;
    const dryRun = yield* writeOptions(k);
    const { resources, specs } = splitArgs(args);
    if (resources.length < 1) throw new KubectlError('one or more resources must be specified as <resource> <name>');
    if (specs.length < 1) throw new KubectlError('at least one taint update is required');
    const changes = parseTaintChanges(specs);
    const type = resources[0]!;
    if ((yield* k.resolve(type)).kind !== 'Node') throw new KubectlError(`invalid resource type ${type.toLowerCase()}, only node types are supported`);
    const selector = f.string('selector');
    const all = f.bool('all');
    if (all && selector) throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited");
    if (!all && !selector && resources.length < 2) throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");
    const found = yield* fetchObjects(k, all || selector ? [type] : resources, { ...(selector ? { selector } : {}), all });
    const query = writeQuery(k, dryRun);
    for (const target of found) {
      const node = target.object as Node;
      const update = updateTaints(node.metadata?.name ?? '', node.spec?.taints ?? [], changes, f.bool('overwrite'));
      const updated: Node = { ...node, spec: { ...node.spec, taints: update.taints as Taint[] } };
      if (update.taints.length === 0) delete (updated.spec as { taints?: unknown }).taints;
      const result: KubeObject = dryRun === 'client' ? updated : yield* patchObject(k, target, 'strategic', createStrategicMergePatch(node, updated, NODES), query);
      yield* k.out(resultText(f.string('output'), result, 'node', update.verb, dryRun));
    }
    return 0;
  },
};
