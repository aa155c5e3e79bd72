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
  short: 'Change some fields of an object',
  long: 'Change only the fields you give, leaving the rest of the object alone. The change is written as a piece of JSON or YAML (-p) or read from a file.',
  examples: `# Four replicas for myapp
kubectl patch deployment myapp -p '{"spec":{"replicas":4}}'

# A new label on pod-demo, written in YAML
kubectl patch pod pod-demo -p 'metadata: {labels: {release: canary}}'

# Change the image of the first container with a JSON Patch
kubectl patch deploy myapp --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"ikubernetes/myapp:v2"}]'`,
  use: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: [
    { name: 'patch', short: 'p', type: 'string', default: "''", usage: 'The change, as JSON or YAML: part of the object for the strategic and merge types, a list of operations for json.' },
    { name: 'patch-file', type: 'string', default: "''", usage: 'Read the change from this file instead of -p.' },
    { name: 'type', type: 'string', default: "'strategic'", usage: 'How to read the patch: strategic (default; lists merge by key), merge (JSON merge patch) or json (JSON Patch operations).' },
    { name: 'subresource', type: 'string', default: "''", usage: 'Patch this part of the object instead, status or scale.' },
    FILENAME_FLAG,
    { name: 'field-manager', type: 'string', default: "'kubectl-patch'", usage: 'The name recorded in the object as the owner of the fields this command sets.' },
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
