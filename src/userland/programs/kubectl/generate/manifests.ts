/**
 * Manifests as `kubectl create|apply|delete -f` reads them (apimachinery's YAMLOrJSONDecoder): a
 * stream whose first character is `{` is a sequence of JSON values; otherwise YAML documents
 * separated by `---` lines, each read by go-yaml (its errors and line numbers — counted from the
 * document's first line — come from yaml-syntax.ts). Each document becomes one object; the first
 * one that does not parse ends the source, as it ends kubectl's stream: the documents before it
 * still go through, those after it are not read.
 */
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { KubeObject } from '../../../../engine/api/types';
import { looksLikeJson, readJsonStream } from './json-syntax';
import { goYamlError } from './yaml-syntax';

export type Manifest =
  | { ok: true; source: string; object: KubeObject }
  | { ok: false; source: string; error: string };

/** `text` is the content of `source` (a path, or `STDIN`). Empty documents are skipped. */
export function parseManifests(source: string, text: string): Manifest[] {
  const manifests: Manifest[] = [];
  const add = (value: unknown): void => {
    if (value !== null && value !== undefined) manifests.push(checkObject(source, value));
  };
  const fail = (error: string): Manifest[] => [...manifests, { ok: false, source, error: `error parsing ${source}: ${error}` }];
  if (looksLikeJson(text)) {
    const stream = readJsonStream(text);
    stream.values.forEach(add);
    return stream.error === undefined ? manifests : fail(stream.error);
  }
  for (const doc of yamlDocuments(text)) {
    if ('separatorError' in doc) return fail(`invalid Yaml document separator: ${doc.separatorError}`);
    const problem = goYamlError(doc.text);
    if (problem !== undefined) return fail(`error converting YAML to JSON: ${problem}`);
    try {
      // go-yaml reads the first document of the text only (more may follow a `...` line).
      add(loadAll(doc.text, undefined, { schema: CORE_SCHEMA, json: true })[0]);
    } catch (e) {
      // Something go-yaml takes and js-yaml does not: js-yaml's own reason is all there is to say.
      const mark = (e as { mark?: { line?: number } }).mark;
      const reason = (e as { reason?: string }).reason ?? String(e);
      return fail(`error converting YAML to JSON: yaml: line ${(mark?.line ?? 0) + 1}: ${reason}`);
    }
  }
  return manifests;
}

/**
 * The documents of a YAML stream, split as kubectl's YAMLReader does: on lines starting with
 * `---`, where only blanks or a comment may follow (anything else is an error). Empty stretches
 * between separators are no document.
 */
function* yamlDocuments(text: string): Generator<{ text: string } | { separatorError: string }> {
  let buffer = '';
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#')) {
        yield { separatorError: rest };
        return;
      }
      if (buffer !== '') yield { text: buffer };
      buffer = '';
      continue;
    }
    buffer += line;
  }
  if (buffer !== '') yield { text: buffer };
}

function checkObject(source: string, value: unknown): Manifest {
  const object = value as KubeObject;
  const invalid = (why: string): Manifest => ({
    ok: false,
    source,
    error: `error validating "${source}": error validating data: ${why}; if you choose to ignore these errors, turn validation off with --validate=false`,
  });
  if (typeof value !== 'object' || Array.isArray(value)) return invalid('invalid object to validate');
  if (!object.apiVersion) return invalid('apiVersion not set');
  if (!object.kind) return invalid('kind not set');
  return { ok: true, source, object };
}
