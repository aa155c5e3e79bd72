/**
 * `kubectl apply -f` (client-side): each object carries its configuration in the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation; a new object is created, an
 * existing one gets the three-way strategic patch from that annotation, the new configuration and
 * the live object — `configured`, or `unchanged` when the patch is empty.
 */
import { createThreeWayMergePatch } from '../../../../engine/api/patch';
import { resourceForKind } from '../../../../engine/api/resources';
import type { KubeObject } from '../../../../engine/api/types';
import { ApiStatusError, collectionPath, KubectlError, kindPrefix, objectPath, UsageError, type KubectlCommand } from '../framework';
import { sortedDeep } from '../generate/meta';
import { resultText } from '../generate/output';
import { DRY_RUN_FLAG, FILENAME_FLAG, forEachManifest, OUTPUT_FLAG, readSources, VALIDATE_FLAG, writeOptions, writeQuery } from './create';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The configuration with the annotation that records it (compact JSON, keys sorted, newline). */
function withLastApplied(object: KubeObject): KubeObject {
  const { [LAST_APPLIED]: _previous, ...annotations } = object.metadata?.annotations ?? {};
  const { annotations: _all, ...rest } = object.metadata ?? {};
  const config = { ...object, metadata: { ...rest, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) } };
  return { ...object, metadata: { ...rest, annotations: { ...annotations, [LAST_APPLIED]: `${JSON.stringify(sortedDeep(config))}\n` } } };
}

export const apply: KubectlCommand = {
  name: 'apply',
  short: 'Create or update objects to match a manifest',
  long: 'Make the objects in a manifest exist as written: create the ones that are missing and change the others to match. You can edit the file and apply it again; kubectl remembers what it applied last in an annotation, to know what you removed.',
  examples: `# Create or update the objects in myapp.yaml
kubectl apply -f myapp.yaml

# From standard input
cat myapp.yaml | kubectl apply -f -

# See what would be sent, without changing anything
kubectl apply -f myapp.yaml --dry-run=client -o yaml`,
  use: 'apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [
    FILENAME_FLAG,
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    VALIDATE_FLAG,
    { name: 'field-manager', type: 'string', default: "'kubectl-client-side-apply'", usage: 'The name recorded in the object as the owner of the fields this command sets.' },
  ],
  *run(k, args) {
    const files = k.flags.list('filename');
    if (args.length > 0) throw new UsageError(`Unexpected args: [${args.join(' ')}]`);
    if (files.length === 0) throw new UsageError('must specify one of -f and -k');
    const dryRun = yield* writeOptions(k);
    const manifests = yield* readSources(k, files);
    if (manifests.length === 0) throw new KubectlError('no objects passed to apply');
    const client = yield* k.client();
    const defaultNamespace = yield* k.namespace();
    return yield* forEachManifest(k, 'applying', manifests, function* (object, step) {
      const resource = yield* k.resolve(object.apiVersion!.includes('/') ? `${object.kind}.${object.apiVersion!.split('/').reverse().join('.')}` : object.kind!);
      const info = resourceForKind(object.apiVersion!, object.kind!);
      const namespace = object.metadata?.namespace ?? defaultNamespace;
      const modified = withLastApplied(object);
      const query = writeQuery(k, dryRun);
      const live = yield* client.request({ method: 'GET', path: objectPath(resource, namespace, object.metadata?.name ?? '') });
      let result = modified;
      let verb: string;
      if (live.status === 404) {
        verb = 'created';
        step.verb = 'creating';
        if (dryRun !== 'client') result = yield* client.call<KubeObject>({ method: 'POST', path: collectionPath(resource, namespace), query, body: modified });
      } else {
        if (live.status >= 400) throw new ApiStatusError(live.body as ApiStatusError['status']);
        const current = live.body as KubeObject;
        const recorded = current.metadata?.annotations?.[LAST_APPLIED];
        if (recorded === undefined) {
          yield* k.err(
            `Warning: resource ${resource.name}/${object.metadata?.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
          );
        }
        const original = recorded ? (JSON.parse(recorded) as KubeObject) : undefined;
        const patch = info ? createThreeWayMergePatch(original, modified, current, info) : {};
        verb = Object.keys(patch).length === 0 ? 'unchanged' : 'configured';
        result = current;
        if (verb === 'configured' && dryRun !== 'client') {
          const headers = { 'content-type': 'application/strategic-merge-patch+json' };
          result = yield* client.call<KubeObject>({ method: 'PATCH', path: objectPath(resource, namespace, object.metadata?.name ?? ''), query, headers, body: sortedDeep(patch) });
        }
      }
      yield* k.out(resultText(k.flags.string('output'), result, kindPrefix(resource), verb, dryRun));
    });
  },
};
