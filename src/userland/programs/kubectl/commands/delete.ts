/**
 * `kubectl delete`: by name, `-f` manifests, `-l` or `--all`. Each object's line is printed as soon
 * as the server accepts the deletion; then, like kubectl's default `--wait=true`, it waits until
 * every object is really gone (a pod's grace period, finalizers).
 */
import { sys } from '../../../../engine/runtime/process';
import { ApiStatusError, KubectlError, kindPrefix, objectPath, type KubectlCommand } from '../framework';
import { dryRunSuffix } from '../generate/dry-run';
import { DRY_RUN_FLAG, FILENAME_FLAG, fetchObjects, readSources, writeOptions, type Found } from './create';

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';
/** How often kubectl's wait looks again (it watches; a second of simulated time is close enough). */
const POLL_MS = 1000;

export const del: KubectlCommand = {
  name: 'delete',
  short: 'Delete objects by name, by label, or as a manifest describes them',
  examples: `# Delete the pod created from pod-demo.yaml
kubectl delete -f pod-demo.yaml

# Delete a pod by name
kubectl delete pod pod-demo

# Delete the service and the deployment named nginx
kubectl delete svc,deploy nginx

# Delete every pod labelled release=canary, without waiting
kubectl delete pods -l release=canary --wait=false`,
  long: 'Delete the objects you name, or those a label selector or manifest picks. Pods get time to stop (their grace period) before they go; kubectl waits until they are gone.',
  use: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: [
    FILENAME_FLAG,
    { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'Delete the objects whose labels match this selector.' },
    { name: 'all', type: 'bool', default: 'false', usage: 'Delete every object of the given types in the namespace.' },
    { name: 'grace-period', type: 'int', default: '-1', usage: 'Seconds a pod gets to stop before it is killed; -1 uses the pod\'s own setting, 0 with --force removes it at once.' },
    { name: 'force', type: 'bool', default: 'false', usage: 'If true, remove the objects from the API at once, without waiting for pods to stop (only with --grace-period=0).' },
    { name: 'now', type: 'bool', default: 'false', usage: 'If true, give pods one second to stop (--grace-period=1).' },
    { name: 'wait', type: 'bool', default: 'true', usage: 'If true, return only once the objects are really gone.' },
    { name: 'ignore-not-found', type: 'bool', default: 'false', usage: 'If true, an object that does not exist is not an error.' },
    DRY_RUN_FLAG,
    { name: 'output', short: 'o', type: 'string', usage: 'Print only TYPE/NAME of each deleted object with -o name.' },
  ],
  *run(k, args) {
    const f = k.flags;
    const dryRun = yield* writeOptions(k);
    let grace = f.int('grace-period');
    if (f.bool('now')) {
      if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (f.bool('force') && grace > 0) throw new KubectlError('--force and --grace-period greater than 0 cannot be specified together');
    if (f.bool('force') && grace < 0) grace = 0;
    const immediate = grace === 0;
    if (immediate) yield* k.err(FORCE_WARNING);

    const targets: Found[] = [];
    const files = f.list('filename');
    if (files.length > 0) {
      for (const manifest of yield* readSources(k, files)) {
        if (!manifest.ok) throw new KubectlError(manifest.error);
        const kind = manifest.object.apiVersion!.includes('/') ? `${manifest.object.kind}.${manifest.object.apiVersion!.split('/').reverse().join('.')}` : manifest.object.kind!;
        targets.push({ resource: yield* k.resolve(kind), object: manifest.object });
      }
    } else {
      if (args.length === 1 && !args[0]!.includes('/') && !f.string('selector') && !f.bool('all')) {
        throw new KubectlError('resource(s) were provided, but no name was specified');
      }
      const selector = f.string('selector');
      try {
        targets.push(...(yield* fetchObjects(k, args, { ...(selector ? { selector } : {}), all: f.bool('all') })));
      } catch (e) {
        if (!(e instanceof ApiStatusError && e.reason === 'NotFound' && f.bool('ignore-not-found'))) throw e;
      }
      if (targets.length === 0 && (selector || f.bool('all'))) {
        yield* k.err('No resources found\n');
        return 0;
      }
    }

    const client = yield* k.client();
    const namespace = yield* k.namespace();
    const pathOf = (t: Found) => objectPath(t.resource, t.object.metadata?.namespace ?? namespace, t.object.metadata?.name ?? '');
    const pending: { path: string; uid?: string }[] = [];
    for (const target of targets) {
      const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) };
      const query: Record<string, string> = dryRun === 'server' ? { dryRun: 'All' } : {};
      if (dryRun !== 'client') {
        const response = yield* client.request({ method: 'DELETE', path: pathOf(target), query, body });
        if (response.status === 404 && f.bool('ignore-not-found')) continue;
        if (response.status >= 400) throw new ApiStatusError(response.body as ApiStatusError['status']);
        const uid = (response.body as { metadata?: { uid?: string } }).metadata?.uid;
        if (dryRun === 'none') pending.push({ path: pathOf(target), ...(uid ? { uid } : {}) });
      }
      const name = target.object.metadata?.name ?? '';
      const verb = immediate ? 'force deleted' : 'deleted';
      yield* k.out(f.string('output') === 'name' ? `${kindPrefix(target.resource)}/${name}\n` : `${kindPrefix(target.resource)} "${name}" ${verb}${dryRunSuffix(dryRun)}\n`);
    }
    if (!f.bool('wait') || immediate) return 0;
    for (const { path, uid } of pending) {
      for (;;) {
        const response = yield* client.request({ method: 'GET', path });
        const now = (response.body as { metadata?: { uid?: string } }).metadata?.uid;
        // Gone, or replaced by a new object of the same name.
        if (response.status === 404 || (uid && now !== uid)) break;
        yield* sys.sleep(POLL_MS);
      }
    }
    return 0;
  },
};
