/**
 * The describer for kinds without one of their own: every field of the object, sorted, with
 * camelCase keys turned into words (`creationTimestamp` → `Creation Timestamp`), nested maps
 * indented, then the object's events.
 */
import type { KubeObject } from '../../../../engine/api/types';
import type { Sys } from '../../../../engine/runtime/process';
import { objectPath, type ApiResource } from '../framework';
import { searchEvents, writeEvents } from './events';
import type { Describer } from './meta';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';

/** Already shown above the fields, or noise. */
const SKIPPED = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
/** Kept upper-case in labels. */
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** `apiVersion` → `API Version`; a key with anything but letters and dashes is kept as it is. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  // Words start at an upper-case letter after a lower-case one, or before upper+lower (`URLPath` → URL Path).
  const words = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|-+/g) ?? [field];
  return words.map((w) => (ACRONYMS.has(w.toUpperCase()) ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1))).join(' ');
}

function writeContent(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const path = `${prefix}.${field}`;
    if (SKIPPED.has(path)) continue;
    const value = content[field];
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object') writeContent(w, level + 1, child as Record<string, unknown>, path);
        else w.write(level + 1, `${String(child)}\n`);
      }
    } else if (value !== null && typeof value === 'object') {
      w.write(level, `${smartLabel(field)}:\n`);
      writeContent(w, level + 1, value as Record<string, unknown>, path);
    } else {
      w.write(level, `${smartLabel(field)}:\t${value === null ? '<nil>' : String(value)}\n`);
    }
  }
}

export function genericDescriber(resource: ApiResource): Describer {
  return function* (ctx, namespace, name): Sys<string> {
    const obj = yield* ctx.client.call<KubeObject>({ method: 'GET', path: objectPath(resource, namespace || undefined, name) });
    const meta = obj.metadata ?? {};
    const events = yield* searchEvents(ctx, { kind: obj.kind ?? resource.kind, name, namespace: meta.namespace ?? '', uid: meta.uid });
    const w = new DescribeWriter();
    w.write(0, `Name:\t${meta.name}\n`);
    w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
    writeLabels(w, 'Labels', meta.labels);
    writeAnnotations(w, 'Annotations', meta.annotations);
    writeContent(w, 0, obj as Record<string, unknown>, '');
    writeEvents(w, events, ctx.now);
    return w.toString();
  };
}
