/**
 * Node maintenance: `cordon` / `uncordon` set or clear `spec.unschedulable` (the scheduler then
 * leaves the node alone), and `drain` cordons the node, then evicts its pods through the
 * `pods/<name>/eviction` subresource — or deletes them when the server has no such subresource —
 * and waits until each is gone, so that their controllers recreate them on other nodes.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { sys, type Sys } from '../../../../engine/runtime/process';
import { ApiStatusError, UsageError, type Kubectl, type KubectlCommand } from '../framework';
import { dryRunSuffix, type DryRun } from '../generate/dry-run';
import { drainVerdict, planDrain, type Verdict } from '../generate/drain';
import { DRY_RUN_FLAG, dryRunOf, fetchObjects, patchObject, type Found } from './create';

/** How often drain looks whether evicted pods are gone (kubectl polls each second). */
const POLL_MS = 1000;

const SELECTOR_FLAG = { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'The nodes whose labels match this selector (=, == and != only), e.g. -l disktype=ssd.' } as const;

/** The nodes named on the command line, or selected with `-l`. */
function* nodesOf(k: Kubectl, command: string, args: readonly string[]): Sys<Found[]> {
  const selector = k.flags.string('selector');
  if (args.length === 0 && !selector) throw new UsageError(`USAGE: ${command} NODE [flags]`);
  return yield* fetchObjects(k, ['nodes', ...args], selector ? { selector } : {});
}

/** Sets `spec.unschedulable`; prints `node/x cordoned`, or `already cordoned` when nothing changes. */
function* setSchedulable(k: Kubectl, target: Found, unschedulable: boolean, dryRun: DryRun): Sys<void> {
  const verb = unschedulable ? 'cordoned' : 'uncordoned';
  const name = target.object.metadata?.name ?? '';
  if (!!(target.object as Node).spec?.unschedulable === unschedulable) {
    yield* k.out(`node/${name} already ${verb}\n`);
    return;
  }
  if (dryRun !== 'client') {
    const query: Record<string, string> = dryRun === 'server' ? { dryRun: 'All' } : {};
    yield* patchObject(k, target, 'strategic', { spec: { unschedulable: unschedulable ? true : null } }, query);
  }
  yield* k.out(`node/${name} ${verb}${dryRunSuffix(dryRun)}\n`);
}

function schedulingCommand(name: 'cordon' | 'uncordon', short: string): KubectlCommand {
  return {
    name,
    short,
    long: name === 'cordon'
      ? 'Mark nodes unschedulable: the scheduler puts no new pods there, and the pods already there keep running.'
      : 'Mark nodes schedulable again, so the scheduler may place new pods on them.',
    examples: name === 'cordon' ? '# No new pods on worker01\nkubectl cordon worker01' : '# worker01 takes new pods again\nkubectl uncordon worker01',
    use: `${name} NODE [options]`,
    flags: [DRY_RUN_FLAG, SELECTOR_FLAG],
    *run(k, args) {
      const dryRun = yield* dryRunOf(k);
      for (const node of yield* nodesOf(k, name, args)) yield* setSchedulable(k, node, name === 'cordon', dryRun);
      return 0;
    },
  };
}

export const cordon = schedulingCommand('cordon', 'Keep new pods off a node');
export const uncordon = schedulingCommand('uncordon', 'Let new pods onto a node again');

/** Does the server serve `pods/eviction`? (kubectl asks discovery for the core group version.) */
function* evictionSupported(k: Kubectl): Sys<boolean> {
  const list = yield* (yield* k.client()).request({ method: 'GET', path: '/api/v1' });
  return list.status === 200 && ((list.body as { resources?: { name: string }[] }).resources ?? []).some((r) => r.name === 'pods/eviction');
}

/** Each pod's verdict; a DaemonSet-managed pod whose DaemonSet is gone is judged by that. */
function* verdictsOf(k: Kubectl, pods: readonly Pod[]): Sys<Verdict[]> {
  const client = yield* k.client();
  const f = k.flags;
  const options = { ignoreDaemonSets: f.bool('ignore-daemonsets'), deleteEmptyDirData: f.bool('delete-emptydir-data'), force: f.bool('force') };
  const verdicts: Verdict[] = [];
  for (const pod of pods) {
    const owner = pod.metadata?.ownerReferences?.find((r) => r.controller && r.kind === 'DaemonSet');
    let gone: string | undefined;
    if (owner) {
      const ds = yield* client.request({ method: 'GET', path: `/apis/apps/v1/namespaces/${pod.metadata?.namespace}/daemonsets/${owner.name}` });
      if (ds.status === 404) gone = (ds.body as { message?: string }).message ?? '';
    }
    verdicts.push(drainVerdict(pod, options, gone));
  }
  return verdicts;
}

/** Evicts (or deletes) each pod, then waits until all are gone, printing each as it goes. */
function* removePods(k: Kubectl, pods: readonly Pod[], dryRun: DryRun): Sys<void> {
  const client = yield* k.client();
  const evict = yield* evictionSupported(k);
  const grace = k.flags.int('grace-period');
  const deleteOptions = grace >= 0 ? { gracePeriodSeconds: grace } : {};
  const query: Record<string, string> = dryRun === 'server' ? { dryRun: 'All' } : {};
  const pending: { pod: Pod; path: string }[] = [];
  for (const pod of pods) {
    const { name = '', namespace = '' } = pod.metadata ?? {};
    const path = `/api/v1/namespaces/${namespace}/pods/${encodeURIComponent(name)}`;
    if (evict) yield* k.out(`evicting pod ${namespace}/${name}${dryRunSuffix(dryRun)}\n`);
    if (dryRun === 'client') continue;
    const response = evict
      ? yield* client.request({
          method: 'POST',
          path: `${path}/eviction`,
          query,
          body: { kind: 'Eviction', apiVersion: 'policy/v1', metadata: { name, namespace }, deleteOptions },
        })
      : yield* client.request({ method: 'DELETE', path, query, body: { kind: 'DeleteOptions', apiVersion: 'v1', ...deleteOptions } });
    if (response.status === 404) continue;
    if (response.status >= 400) throw new ApiStatusError(response.body as ApiStatusError['status']);
    if (dryRun === 'none') pending.push({ pod, path });
    else yield* k.out(`pod/${name} ${evict ? 'evicted' : 'deleted'}${dryRunSuffix(dryRun)}\n`);
  }
  while (pending.length > 0) {
    yield* sys.sleep(POLL_MS);
    for (const entry of [...pending]) {
      const now = yield* client.request({ method: 'GET', path: entry.path });
      // Gone, or already replaced by a new pod of the same name (a StatefulSet's).
      if (now.status !== 404 && (now.body as Pod).metadata?.uid === entry.pod.metadata?.uid) continue;
      pending.splice(pending.indexOf(entry), 1);
      yield* k.out(`pod/${entry.pod.metadata?.name} ${evict ? 'evicted' : 'deleted'}\n`);
    }
  }
}

/** Cordons the node and removes its pods; false (after kubectl's messages) when pods refuse. */
function* drainNode(k: Kubectl, node: Found, dryRun: DryRun): Sys<boolean> {
  const name = node.object.metadata?.name ?? '';
  yield* setSchedulable(k, node, true, dryRun);
  const client = yield* k.client();
  const podSelector = k.flags.string('pod-selector');
  const list = yield* client.call<{ items: Pod[] }>({
    method: 'GET',
    path: '/api/v1/pods',
    query: { fieldSelector: `spec.nodeName=${name}`, ...(podSelector ? { labelSelector: podSelector } : {}) },
  });
  const plan = planDrain(list.items, yield* verdictsOf(k, list.items));
  if (plan.errors.length > 0) {
    // kubectl reports the refusal, names the node left undrained, then lists each reason.
    const aggregate = plan.errors.length === 1 ? plan.errors[0] : `[${plan.errors.join(', ')}]`;
    yield* k.err(`error: unable to drain node ${JSON.stringify(name)} due to error:${aggregate}, continuing command...\n`);
    yield* k.err(`There are pending nodes to be drained:\n ${name}\n${plan.errors.join('\n')}\n`);
    return false;
  }
  if (plan.warnings) yield* k.err(`Warning: ${plan.warnings}\n`);
  yield* removePods(k, plan.remove, dryRun);
  yield* k.out(`node/${name} drained${dryRunSuffix(dryRun)}\n`);
  return true;
}

export const drain: KubectlCommand = {
  name: 'drain',
  short: 'Empty a node before maintenance',
  long: 'Cordon a node, then evict its pods so their controllers recreate them on other nodes. Pods of daemon sets, pods without a controller and pods with emptyDir data stop the drain unless the matching flag allows them.',
  examples: `# Move everything off worker01, leaving its daemon set pods
kubectl drain worker01 --ignore-daemonsets

# Afterwards, let it take pods again
kubectl uncordon worker01`,
  use: 'drain NODE [options]',
  flags: [
    { name: 'force', type: 'bool', default: 'false', usage: 'Go on even when pods have no controller to recreate them elsewhere (they are lost).' },
    { name: 'ignore-daemonsets', type: 'bool', default: 'false', usage: 'Leave pods of daemon sets on the node instead of refusing to drain.' },
    { name: 'delete-emptydir-data', type: 'bool', default: 'false', usage: 'Go on even when pods keep data in emptyDir volumes (the data is lost).' },
    { name: 'grace-period', type: 'int', default: '-1', usage: 'Seconds each pod gets to stop; -1 uses the pod\'s own setting.' },
    { name: 'pod-selector', type: 'string', default: "''", usage: 'Evict only the pods whose labels match this selector.' },
    SELECTOR_FLAG,
    DRY_RUN_FLAG,
  ],
  *run(k, args) {
    const dryRun = yield* dryRunOf(k);
    const nodes = yield* nodesOf(k, 'drain', args);
    let failed = false;
    for (const node of nodes) if (!(yield* drainNode(k, node, dryRun))) failed = true;
    return failed ? 1 : 0;
  },
};

