/**
 * `kubectl edit TYPE NAME | TYPE/NAME…`: the objects as YAML (or JSON) under kubectl's header
 * comment in a temporary file, opened with `$KUBE_EDITOR`, `$EDITOR` or `vi` (which hands it to
 * the session's editor); what comes back is sent as a strategic merge patch per object. As
 * kubectl does: unchanged → `Edit cancelled, no changes made.`; a syntax error or an object the
 * server finds invalid reopens the file with the reasons as comments at the top; saving the same
 * text again gives up (`Edit cancelled, no valid changes were saved.`) and keeps the file.
 */
import { createMergePatch, createStrategicMergePatch, jsonEqual } from '../../../../engine/api/patch';
import { resourceForKind } from '../../../../engine/api/resources';
import type { KubeObject } from '../../../../engine/api/types';
import { FsError } from '../../../../engine/runtime/fs';
import { sys, SysError, type Sys } from '../../../../engine/runtime/process';
import { ApiStatusError, KubectlError, kindPrefix, type Kubectl, type KubectlCommand } from '../framework';
import { sortedDeep } from '../generate/meta';
import { parseManifests } from '../generate/manifests';
import { toYaml } from '../printers/yaml';
import { fetchObjects, patchObject, VALIDATE_FLAG, writeQuery, type Found } from './create';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason {
  readonly head: string;
  readonly other: readonly string[];
}

/** The header with the reasons the last save failed, each a `# head:` line and `# * cause` lines. */
export function editHeader(reasons: readonly Reason[]): string {
  const comment = (text: string): string => text.replace(/\n(?!#)/g, '\n# ');
  let text = HEADER;
  for (const r of reasons) {
    text += `# ${comment(r.head)}${r.other.length > 0 ? ':' : ''}\n`;
    for (const o of r.other) text += `# * ${comment(o)}\n`;
    text += '#\n';
  }
  return text;
}

/** What is compared to tell an edit from none: every line not starting (after blanks) with '#'. */
export const stripComments = (text: string): string => text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
/** What goes back into a reopened file under the new header: lines not starting with '#'. */
const manualStrip = (text: string): string => text.split('\n').filter((l) => !l.startsWith('#')).join('\n');
/** Whether any line holds something other than blanks or a comment. */
export const hasLines = (text: string): boolean => stripComments(text).trim() !== '';

/** The text to edit: one object, or a List of several; managedFields left out as kubectl does. */
function printObjects(objects: readonly KubeObject[], format: 'yaml' | 'json'): string {
  const clean = objects.map((o) => ({ ...o, metadata: Object.fromEntries(Object.entries(o.metadata ?? {}).filter(([key]) => key !== 'managedFields')) }));
  const value = clean.length === 1 ? clean[0] : { apiVersion: 'v1', items: clean, kind: 'List', metadata: {} };
  return format === 'json' ? `${JSON.stringify(sortedDeep(value), null, 4)}\n` : toYaml(value);
}

/** The objects in the edited text, a List unpacked; the parse error as kubectl words it. */
function parseEdited(text: string): KubeObject[] | string {
  const objects: KubeObject[] = [];
  for (const manifest of parseManifests('edited-file', stripComments(text))) {
    if (!manifest.ok) return manifest.error;
    if (manifest.object.kind === 'List') objects.push(...((manifest.object as { items?: KubeObject[] }).items ?? []));
    else objects.push(manifest.object);
  }
  return objects;
}

/** The editor command kubectl runs: `$KUBE_EDITOR`, `$EDITOR`, or vi; one with arguments runs through bash. */
function editorArgv(env: Readonly<Record<string, string>>, file: string): string[] {
  const editor = env['KUBE_EDITOR'] || env['EDITOR'] || 'vi';
  return editor.includes(' ') ? ['/bin/bash', '-c', `${editor} ${file}`] : [editor, file];
}

/** Writes `text` to `file`, runs the editor on it on this terminal, and reads back what was saved. */
function* launchEditor(k: Kubectl, file: string, text: string): Sys<string> {
  const proc = k.proc;
  proc.fs.writeFile(file, text, proc.now());
  const argv = editorArgv(proc.env, file);
  let status;
  try {
    status = yield* sys.wait(proc.spawn(argv));
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    status = { code: 127 };
  }
  if (status.code !== 0) throw new KubectlError(`there was a problem with the editor "${argv[0]}"`);
  try {
    return proc.fs.readFile(file);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return '';
  }
}

/** How this edit goes: kubectl's temporary file name, and what each save did. */
interface Outcome {
  reasons: Reason[];
  /** Objects the server found invalid: edited again. */
  again: Found[];
  notFound: number;
  retryable: number;
}

/** kubectl's `resource.group` naming in its edit messages (`deployments.apps "web"`). */
const resourceName = (found: Found): string => (found.resource.group ? `${found.resource.name}.${found.resource.group}` : found.resource.name);

/** Patches one object with the difference the user made; prints `skipped` / `edited` or the failure. */
function* saveObject(k: Kubectl, original: Found, edited: KubeObject, outcome: Outcome): Sys<void> {
  const name = original.object.metadata?.name ?? '';
  if (jsonEqual(original.object, edited)) {
    yield* k.out(`${kindPrefix(original.resource)}/${name} skipped\n`);
    return;
  }
  const info = resourceForKind(original.object.apiVersion ?? '', original.object.kind ?? '');
  const patch = info ? createStrategicMergePatch(original.object, edited, info) : (createMergePatch(original.object, edited) as Record<string, unknown>);
  const meta = patch['metadata'] as Record<string, unknown> | undefined;
  if ('apiVersion' in patch || 'kind' in patch || (meta && 'name' in meta)) throw new KubectlError('At least one of apiVersion, kind and name was changed');
  try {
    yield* patchObject(k, original, info ? 'strategic' : 'merge', sortedDeep(patch), writeQuery(k, 'none'));
  } catch (e) {
    if (!(e instanceof ApiStatusError)) throw e;
    if (e.reason === 'Invalid') {
      outcome.again.push(original);
      const causes = e.status.details?.causes ?? [];
      outcome.reasons.push({ head: `${resourceName(original)} "${name}" was not valid`, other: causes.map((c) => `${c.field}: ${c.message}`) });
      yield* k.err(`error: ${resourceName(original)} "${name}" is invalid\n`);
    } else if (e.reason === 'NotFound') {
      outcome.notFound++;
      yield* k.err(`error: ${resourceName(original)} "${name}" could not be found on the server\n`);
    } else {
      outcome.retryable++;
      yield* k.err(`error: ${resourceName(original)} "${name}" could not be patched: ${e.message}\n`);
    }
    return;
  }
  yield* k.out(`${kindPrefix(original.resource)}/${name} edited\n`);
}

export const edit: KubectlCommand = {
  name: 'edit',
  short: 'Change an object in your editor',
  long: `Open objects in an editor and send your changes when you save and quit.

 The file is YAML (or JSON with -o json) under a comment explaining what to do. If the server refuses a change, the file opens again with the reasons on top; saving it unchanged gives up. The editor is $KUBE_EDITOR, else $EDITOR, else vi.

 Several objects open together as one List. Fields the server keeps (status, uid, resourceVersion) are shown, but changing them does nothing or is refused.`,
  examples: `# Change the nginx service, for instance its type
kubectl edit service nginx

# Edit the myapp deployment as JSON
kubectl edit deployment/myapp -o json

# With another editor for this one command
KUBE_EDITOR=nano kubectl edit svc/nginx`,
  use: 'edit (RESOURCE/NAME | -f FILENAME) [options]',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: "''", usage: 'Open the objects as yaml (default) or json.' },
    { name: 'field-manager', type: 'string', default: "'kubectl-edit'", usage: 'The name recorded in the object as the owner of the fields this command sets.' },
    VALIDATE_FLAG,
    { name: 'windows-line-endings', type: 'bool', default: 'false', usage: 'If true, the file uses Windows line endings (CRLF).' },
  ],
  *run(k, args) {
    const format = k.flags.string('output') || 'yaml';
    if (format !== 'yaml' && format !== 'json') throw new KubectlError(`the flag 'output' must be one of yaml|json`);
    let infos = yield* fetchObjects(k, args);
    if (infos.length === 0) throw new KubectlError('edit cancelled, no objects found');
    const file = `/tmp/kubectl-edit-${(k.proc.pid * 2654435761 + k.proc.now()) >>> 0}.${format}`;
    const remove = (): void => {
      if (k.proc.fs.exists(file)) k.proc.fs.unlink(file);
    };
    let reasons: Reason[] = [];
    let original = '';
    let edited = '';
    let containsError = false;
    for (;;) {
      let text = editHeader(reasons);
      if (containsError) text += manualStrip(edited);
      else {
        text += printObjects(infos.map((f) => f.object), format);
        original = text;
      }
      const previous = edited;
      edited = yield* launchEditor(k, file, text);
      if (containsError && stripComments(previous) === stripComments(edited)) {
        yield* k.err(`A copy of your changes has been stored to "${file}"\n`);
        throw new KubectlError('Edit cancelled, no valid changes were saved.');
      }
      if (stripComments(original) === stripComments(edited)) {
        remove();
        yield* k.err('Edit cancelled, no changes made.\n');
        return 0;
      }
      if (!hasLines(edited)) {
        remove();
        yield* k.err('Edit cancelled, saved file was empty.\n');
        return 0;
      }
      const updated = parseEdited(edited);
      if (typeof updated === 'string') {
        containsError = true;
        reasons = [{ head: `The edited file had a syntax error: ${updated}`, other: [] }];
        continue;
      }
      const outcome: Outcome = { reasons: [], again: [], notFound: 0, retryable: 0 };
      for (const object of updated) {
        const match = infos.find((f) => f.object.metadata?.uid === object.metadata?.uid);
        if (!match) throw new KubectlError(`no original object found for ${object.kind ?? 'object'} "${object.metadata?.name ?? ''}"`);
        yield* saveObject(k, match, object, outcome);
      }
      if (outcome.retryable > 0) {
        yield* k.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
        return 1;
      }
      if (outcome.notFound > 0) {
        yield* k.err(`The edits you made on deleted resources have been saved to "${file}"\n`);
        return 1;
      }
      if (outcome.again.length === 0) {
        remove();
        return 0;
      }
      infos = outcome.again;
      reasons = outcome.reasons;
      containsError = reasons.length > 0;
    }
  },
};
