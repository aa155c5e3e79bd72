/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json] [--subresource status|scale]`:
 * the object is fetched, the patch sent, and the answer compared with what was fetched —
 * `deployment.apps/web patched`, or `patched (no change)` when the server kept it as it was.
 * Under `--dry-run=client` the patch is applied here instead, as kubectl does.
 */
import { applyPatch, jsonEqual, PatchError } from '../../../../engine/api/patch';
import { resourceForKind } from '../../../../engine/api/resources';
import type { KubeObject } from '../../../../engine/api/types';
import { FsError } from '../../../../engine/runtime/fs';
import { KubectlError, type KubectlCommand } from '../framework';
import { resultText } from '../generate/output';
import { checkSubresource, patchBody, patchTypeOf } from '../generate/patch-body';
import { DRY_RUN_FLAG, FILENAME_FLAG, fetchObjects, OUTPUT_FLAG, patchObject, writeOptions, writeQuery, type Found } from './create';
import { manifestTargets } from './replace';

/** `deployment.apps/web`, from the object the server answered with (a Scale is `scale.autoscaling`). */
export function objectPrefix(object: KubeObject): string {
  const slash = object.apiVersion?.indexOf('/') ?? -1;
  const kind = (object.kind ?? '').toLowerCase();
  return slash > 0 ? `${kind}.${object.apiVersion!.slice(0, slash)}` : kind;
}

export const patch: KubectlCommand = {
  name: 'patch',
  short: 'Update fields of a resource',
  long: 'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.\n\n JSON and YAML formats are accepted.',
  examples:
    "  # Partially update a node using a strategic merge patch, specifying the patch as JSON\n  kubectl patch node k8s-node-1 -p '{\"spec\":{\"unschedulable\":true}}'\n\n" +
    "  # Update a container's image using a JSON patch with positional arrays\n  kubectl patch pod valid-pod --type='json' -p='[{\"op\": \"replace\", \"path\": \"/spec/containers/0/image\", \"value\":\"new image\"}]'\n\n" +
    "  # Update a deployment's replicas through the 'scale' subresource using a merge patch\n  kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{\"spec\":{\"replicas\":2}}'",
  use: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: [
    { name: 'patch', short: 'p', type: 'string', default: "''", usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', default: "''", usage: 'A file containing a patch to be applied to the resource.' },
    { name: 'type', type: 'string', default: "'strategic'", usage: 'The type of patch being provided; one of [json merge strategic]' },
    { name: 'subresource', type: 'string', default: "''", usage: 'If specified, patch will operate on the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future.' },
    FILENAME_FLAG,
    { name: 'field-manager', type: 'string', default: "'kubectl-patch'", usage: 'Name of the manager used to track field ownership.' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  *run(k, args) {
    const f = k.flags;
    const dryRun = yield* writeOptions(k);
    const inline = f.string('patch');
    const file = f.string('patch-file');
    if (inline && file) throw new KubectlError('cannot specify --patch and --patch-file together');
    if (!inline && !file) throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
    const type = patchTypeOf(f.string('type'));
    const subresource = f.string('subresource');
    checkSubresource(subresource);
    let text = inline;
    if (file) {
      try {
        text = k.proc.fs.readFile(file);
      } catch (e) {
        if (e instanceof FsError) throw new KubectlError(`unable to read patch file: open ${file}: no such file or directory`);
        throw e;
      }
    }
    const body = patchBody(text);
    const files = f.list('filename');
    const found: Found[] = files.length > 0 ? yield* manifestTargets(k, files) : yield* fetchObjects(k, args);
    if (found.length === 0) throw new KubectlError('no objects passed to patch');
    const query = writeQuery(k, dryRun);
    for (const target of found) {
      const result = dryRun === 'client' ? patchLocally(target.object, type, body) : yield* patchObject(k, target, type, body, query, subresource || undefined);
      const verb = jsonEqual(result, target.object) ? 'patched (no change)' : 'patched';
      // kubectl's patch prints no "(dry run)" suffix.
      yield* k.out(resultText(f.string('output'), result, objectPrefix(result), verb, 'none'));
    }
    return 0;
  },
};

/** `--dry-run=client`: the patch applied to the fetched object, as the server would. */
function patchLocally(object: KubeObject, type: 'json' | 'merge' | 'strategic', body: unknown): KubeObject {
  const info = resourceForKind(object.apiVersion ?? '', object.kind ?? '');
  if (!info) throw new KubectlError(`strategic merge patch is not supported for ${object.kind} locally, try --type merge`);
  try {
    return applyPatch(type, object, body, info);
  } catch (e) {
    if (e instanceof PatchError) throw new KubectlError(e.message);
    throw e;
  }
}
