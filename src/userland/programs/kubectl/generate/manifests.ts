/**
 * Manifests as `kubectl create|apply|delete -f` reads them: a file may hold several YAML (or JSON)
 * documents separated by `---` lines; each becomes one object, and a document that does not parse
 * is reported with its file and line while the others still go through.
 */
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type { KubeObject } from '../../../../engine/api/types';

export type Manifest =
  | { ok: true; source: string; object: KubeObject }
  | { ok: false; source: string; error: string };

/** `text` is the content of `source` (a path, or `STDIN`). Empty documents are skipped. */
export function parseManifests(source: string, text: string): Manifest[] {
  const manifests: Manifest[] = [];
  for (const doc of splitDocuments(text)) {
    try {
      for (const value of loadAll(doc.text, undefined, { schema: CORE_SCHEMA, json: true })) {
        if (value === null || value === undefined) continue;
        manifests.push(checkObject(source, value));
      }
    } catch (e) {
      const mark = (e as { mark?: { line?: number }; reason?: string }).mark;
      const reason = (e as { reason?: string }).reason ?? String(e);
      const line = doc.firstLine + (mark?.line ?? 0) + 1;
      manifests.push({ ok: false, source, error: `error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${reason}` });
    }
  }
  return manifests;
}

function splitDocuments(text: string): { text: string; firstLine: number }[] {
  const lines = text.split('\n');
  const docs: { text: string; firstLine: number }[] = [];
  let first = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || /^---(\s|$)/.test(lines[i]!)) {
      docs.push({ text: lines.slice(first, i).join('\n'), firstLine: first });
      first = i + 1;
    }
  }
  return docs;
}

function checkObject(source: string, value: unknown): Manifest {
  const object = value as KubeObject;
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, source, error: `error validating "${source}": error validating data: invalid object to validate` };
  }
  if (!object.apiVersion) return { ok: false, source, error: `error validating "${source}": error validating data: apiVersion not set` };
  if (!object.kind) return { ok: false, source, error: `error validating "${source}": error validating data: kind not set` };
  return { ok: true, source, object };
}
