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
  short: 'Update the taints on one or more nodes',
  long: 'Update the taints on one or more nodes.\n\n  * A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.\n  * The effect must be NoSchedule, PreferNoSchedule or NoExecute.\n  * Currently taint can only apply to node.',
  examples:
    "  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'\n  # If a taint with that key and effect already exists, its value is replaced as specified\n  kubectl taint nodes foo dedicated=special-user:NoSchedule\n\n" +
    "  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists\n  kubectl taint nodes foo dedicated:NoSchedule-\n\n  # Remove from node 'foo' all the taints with key 'dedicated'\n  kubectl taint nodes foo dedicated-",
  use: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [
    { name: 'selector', short: 'l', type: 'string', default: "''", usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)" },
    { name: 'overwrite', type: 'bool', default: 'false', usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
    { name: 'all', type: 'bool', default: 'false', usage: 'Select all nodes in the cluster' },
    { name: 'field-manager', type: 'string', default: "'kubectl-taint'", usage: 'Name of the manager used to track field ownership.' },
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
