/**
 * `kubectl replace -f FILE`: each object is PUT over the live one (`pod/x replaced`); with
 * `--force` the live object is deleted first, waited for, then created again.
 */
import type { KubeObject } from '../../../../engine/api/types';
import { sys, type Sys } from '../../../../engine/runtime/process';
import { ApiStatusError, collectionPath, KubectlError, kindPrefix, objectPath, type Kubectl, type KubectlCommand } from '../framework';
import { resultText } from '../generate/output';
import { DRY_RUN_FLAG, FILENAME_FLAG, forEachManifest, OUTPUT_FLAG, readSources, VALIDATE_FLAG, writeOptions, writeQuery, type Found } from './create';

/** How often `--force` looks whether the old object is gone (kubectl polls each second too). */
const POLL_MS = 1000;

/** The kind a manifest names, as discovery knows it (`Deployment` in `apps/v1` → deployments.apps). */
export function* resourceOfManifest(k: Kubectl, object: KubeObject): Sys<Found['resource']> {
  const [group, version] = object.apiVersion?.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  return yield* k.resolve(group ? `${object.kind}.${version}.${group}` : `${object.kind}`);
}

/** The live objects the `-f` manifests name (patch and others take `-f` to pick targets). */
export function* manifestTargets(k: Kubectl, files: readonly string[]): Sys<Found[]> {
  const client = yield* k.client();
  const found: Found[] = [];
  for (const manifest of yield* readSources(k, files)) {
    if (!manifest.ok) throw new KubectlError(manifest.error);
    const resource = yield* resourceOfManifest(k, manifest.object);
    const namespace = manifest.object.metadata?.namespace ?? (yield* k.namespace());
    const object = yield* client.call<KubeObject>({ method: 'GET', path: objectPath(resource, namespace, manifest.object.metadata?.name ?? '') });
    found.push({ resource, object });
  }
  return found;
}

export const replace: KubectlCommand = {
  name: 'replace',
  short: 'Swap objects for the versions in a manifest',
  long: 'Replace existing objects with the ones in a manifest. The manifest must hold the whole object: fields you leave out are removed.',
  examples: `# Save pod-demo, edit the file, then replace the pod with it
kubectl get pod pod-demo -o yaml > pod-demo.yaml
kubectl replace -f pod-demo.yaml

# For a change a pod cannot take in place: delete it and create it again
kubectl replace --force -f pod-demo.yaml`,
  use: 'replace -f FILENAME [options]',
  flags: [
    FILENAME_FLAG,
    { name: 'force', type: 'bool', default: 'false', usage: 'If true, delete the objects and create them again, for changes the server does not allow in place.' },
    { name: 'grace-period', type: 'int', default: '-1', usage: 'With --force, seconds each pod gets to stop; -1 uses the pod\'s own setting.' },
    { name: 'field-manager', type: 'string', default: "'kubectl-replace'", usage: 'The name recorded in the object as the owner of the fields this command sets.' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    VALIDATE_FLAG,
  ],
  *run(k, args) {
    const files = k.flags.list('filename');
    if (files.length === 0 || args.length > 0) throw new KubectlError('must specify one of -f and -k');
    const dryRun = yield* writeOptions(k);
    const force = k.flags.bool('force');
    if (force && dryRun !== 'none') throw new KubectlError('--dry-run can not be used when --force is set');
    const manifests = yield* readSources(k, files);
    if (manifests.length === 0) throw new KubectlError('no objects passed to replace');
    const client = yield* k.client();
    const defaultNamespace = yield* k.namespace();
    const query = writeQuery(k, dryRun);
    return yield* forEachManifest(k, 'replacing', manifests, function* (object) {
      const resource = yield* resourceOfManifest(k, object);
      const namespace = object.metadata?.namespace ?? defaultNamespace;
      const name = object.metadata?.name ?? '';
      const path = objectPath(resource, namespace, name);
      if (force) {
        yield* deleteAndWait(k, path, kindPrefix(resource), name);
        const created = yield* client.call<KubeObject>({ method: 'POST', path: collectionPath(resource, namespace), query, body: object });
        yield* k.out(resultText(k.flags.string('output'), created, kindPrefix(resource), 'replaced', dryRun));
        return;
      }
      let result = object;
      if (dryRun !== 'client') result = yield* client.call<KubeObject>({ method: 'PUT', path, query, body: object });
      yield* k.out(resultText(k.flags.string('output'), result, kindPrefix(resource), 'replaced', dryRun));
    });
  },
};

/** `--force`: delete (a missing object is fine), print `pod "x" deleted`, wait until it is gone. */
function* deleteAndWait(k: Kubectl, path: string, prefix: string, name: string): Sys<void> {
  const client = yield* k.client();
  const grace = k.flags.int('grace-period');
  const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) };
  const response = yield* client.request({ method: 'DELETE', path, body });
  if (response.status === 404) return;
  if (response.status >= 400) throw new ApiStatusError(response.body as ApiStatusError['status']);
  const uid = (response.body as KubeObject).metadata?.uid;
  yield* k.out(`${prefix} "${name}" deleted\n`);
  for (;;) {
    const now = yield* client.request({ method: 'GET', path });
    if (now.status === 404 || (now.body as KubeObject).metadata?.uid !== uid) return;
    yield* sys.sleep(POLL_MS);
  }
}
