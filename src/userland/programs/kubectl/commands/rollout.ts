/**
 * `kubectl rollout status|history|undo|pause|resume|restart` for Deployments (the texts of
 * reference §5.5). `status` follows the Deployment until its rollout is over.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { sys, type Sys } from '../../../../engine/runtime/process';
import { collectionPath, KubectlError, kindPrefix, type Kubectl, type KubectlCommand } from '../framework';
import { historyText, revisions, rolloutStatus, undoPlan } from '../generate/rollout';
import { fetchObjects, patchObject, type Found } from './create';

const POLL_MS = 1000;

/** The one Deployment the arguments name (`deployment web` or `deployment/web`). */
function* deploymentOf(k: Kubectl, args: readonly string[], viewer: string): Sys<Found> {
  const [found] = yield* fetchObjects(k, args);
  if (!found) throw new KubectlError('required resource not specified');
  if (found.object.kind !== 'Deployment') {
    throw new KubectlError(viewer === 'status' ? `no status viewer has been implemented for ${found.object.kind}` : `no ${viewer} viewer has been implemented for "${found.object.kind}"`);
  }
  return found;
}

function* replicaSetsOf(k: Kubectl, d: Deployment): Sys<ReplicaSet[]> {
  const client = yield* k.client();
  const rs = yield* k.resolve('replicasets.apps');
  const selector = Object.entries(d.spec?.selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`).join(',');
  const list = yield* client.call<{ items: ReplicaSet[] }>({ method: 'GET', path: collectionPath(rs, d.metadata?.namespace), query: { labelSelector: selector } });
  return list.items;
}

const name = (found: Found) => `${kindPrefix(found.resource)}/${found.object.metadata?.name ?? ''}`;

const status: KubectlCommand = {
  name: 'status',
  short: 'Follow a rollout until it is done',
  long: 'Report the progress of a deployment\'s rollout, line by line, until every pod runs the new version.',
  examples: `# Watch myapp roll out its new image
kubectl rollout status deployment myapp

# Report once and return
kubectl rollout status deployment/myapp --watch=false`,
  use: 'status (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [
    { name: 'watch', short: 'w', type: 'bool', default: 'true', usage: 'Keep reporting until the rollout finishes (false: report once).' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'Give up watching after this long (e.g. 2m); 0s waits for ever.' },
  ],
  *run(k, args) {
    let found = yield* deploymentOf(k, args, 'status');
    let last = '';
    for (;;) {
      const { message, done } = rolloutStatus(found.object as Deployment);
      if (message !== last) yield* k.out(`${message}\n`);
      last = message;
      if (done || !k.flags.bool('watch')) return 0;
      yield* sys.sleep(POLL_MS);
      [found] = (yield* fetchObjects(k, args)) as [Found];
    }
  },
};

const history: KubectlCommand = {
  name: 'history',
  short: 'List the revisions of a deployment',
  long: 'List the revisions a deployment has rolled out, or show the pod template of one of them.',
  examples: `# The revisions of myapp, with what caused each
kubectl rollout history deployment myapp`,
  use: 'history (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [{ name: 'revision', type: 'int', default: '0', usage: 'Show the pod template of this revision.' }],
  *run(k, args) {
    const found = yield* deploymentOf(k, args, 'history');
    const byRevision = revisions(found.object as Deployment, yield* replicaSetsOf(k, found.object as Deployment));
    const revision = k.flags.int('revision');
    if (revision > 0) {
      if (!byRevision.has(revision)) throw new KubectlError('unable to find the specified revision');
      throw new KubectlError('kubeplay cannot show a revision\'s pod template yet; try kubectl get rs -o yaml');
    }
    yield* k.out(historyText(name(found), byRevision));
    return 0;
  },
};

const undo: KubectlCommand = {
  name: 'undo',
  short: 'Go back to an earlier revision',
  long: 'Roll a deployment back to its previous revision, or to the one given, by rolling out that revision\'s pod template again.',
  examples: `# Back to the version before the last change
kubectl rollout undo deployment myapp

# Back to revision 1
kubectl rollout undo deployment/myapp --to-revision=1`,
  use: 'undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: [{ name: 'to-revision', type: 'int', default: '0', usage: 'The revision to go back to; 0 means the one before the current.' }],
  *run(k, args) {
    const found = yield* deploymentOf(k, args, 'rollback');
    const d = found.object as Deployment;
    const plan = undoPlan(d, revisions(d, yield* replicaSetsOf(k, d)), k.flags.int('to-revision'));
    if ('skip' in plan) {
      yield* k.out(`${name(found)} skipped rollback (current template already matches revision ${plan.skip})\n`);
      return 0;
    }
    yield* patchObject(k, found, 'json', plan.patch, {});
    yield* k.out(`${name(found)} rolled back\n`);
    return 0;
  },
};

/** `pause` and `resume`: set `spec.paused`, refusing when it already has that value. */
function pausing(paused: boolean): KubectlCommand {
  const word = paused ? 'pause' : 'resume';
  return {
    name: word,
    short: paused ? 'Stop rolling out changes to a deployment' : 'Roll out the changes made while paused',
    long: paused
      ? 'Pause a deployment: changes to its pod template are kept but not rolled out until you resume it.'
      : 'Resume a paused deployment: the changes made to its pod template meanwhile roll out now.',
    examples: paused
      ? '# Hold myapp while you change several things\nkubectl rollout pause deployment/myapp'
      : '# Roll out what changed while myapp was paused\nkubectl rollout resume deployment/myapp',
    use: `${word} RESOURCE [options]`,
    *run(k, args) {
      const found = yield* deploymentOf(k, args, word);
      if (Boolean((found.object as Deployment).spec?.paused) === paused) {
        throw new KubectlError(`${found.resource.name}.${found.resource.group} "${found.object.metadata?.name}" is ${paused ? 'already paused' : 'not paused'}`);
      }
      yield* patchObject(k, found, 'strategic', { spec: { paused } }, { fieldManager: 'kubectl-rollout' });
      yield* k.out(`${name(found)} ${paused ? 'paused' : 'resumed'}\n`);
      return 0;
    },
  };
}

const restart: KubectlCommand = {
  name: 'restart',
  short: 'Replace all pods of a deployment with new ones',
  long: 'Restart a deployment\'s pods by a rolling update: new pods start and old ones stop, a few at a time.',
  examples: `# New pods for myapp, with the same image
kubectl rollout restart deployment/myapp`,
  use: 'restart RESOURCE [options]',
  *run(k, args) {
    const found = yield* deploymentOf(k, args, 'restart');
    // RFC 3339 in the node's time zone (UTC on the nodes).
    const restartedAt = new Date(k.proc.wallClock()).toISOString().replace(/\.\d+Z$/, 'Z');
    const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } } };
    yield* patchObject(k, found, 'strategic', patch, { fieldManager: 'kubectl-rollout' });
    yield* k.out(`${name(found)} restarted\n`);
    return 0;
  },
};

export const rollout: KubectlCommand = {
  name: 'rollout',
  short: 'Follow, pause, undo or restart the rollout of a deployment',
  long: 'Work with the rollout of a deployment: follow its progress, list its revisions, go back to one, pause and resume it, or restart its pods.',
  examples: `# Follow the rolling update started by kubectl set image
kubectl rollout status deployment myapp

# Undo it
kubectl rollout undo deployment myapp`,
  use: 'rollout SUBCOMMAND [options]',
  subcommands: [history, pausing(true), restart, pausing(false), status, undo],
};
