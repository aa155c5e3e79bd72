/**
 * A refused snapshot's problem in words. The worker says what is wrong as a code and what it
 * names (engine/cluster/snapshot-validate.ts); the page words it when it shows it, so a notice
 * follows the language switch. The apiserver's own messages inside stay as Kubernetes prints them.
 */
import type { ObjectNamed, ValueKind } from '../../engine/cluster/snapshot-validate';
import type { ImportProblem } from './notice';
import type { PROBLEM_STRINGS } from './strings';

type Strings = (typeof PROBLEM_STRINGS)['en'];

const KIND_WORDS = {
  number: 'kindNumber',
  text: 'kindText',
  list: 'kindList',
  object: 'kindObject',
  null: 'kindNull',
  boolean: 'kindBoolean',
  other: 'kindOther',
} as const satisfies Record<ValueKind, keyof Strings>;

const objectText = (t: Strings, { resource, namespace, name }: ObjectNamed): string =>
  t.object(resource, `${namespace ? `${namespace}/` : ''}${name ?? t.noName}`);

export function problemText(t: Strings, problem: ImportProblem): string {
  switch (problem.code) {
    case 'not-json':
      return t.notJson;
    case 'page-not-object':
      return t.pageNotObject;
    case 'page-field-type':
      return t.pageFieldType(problem.field, problem.expected);
    case 'not-a-snapshot':
      return t.notASnapshot(problem.format);
    case 'newer-version':
      return t.newerVersion(problem.version, problem.readable);
    case 'older-version':
      return t.olderVersion(problem.version);
    case 'proto-key':
      return t.protoKey(problem.field);
    case 'field-missing':
      return t.fieldMissing(problem.field);
    case 'field-type':
      return t.fieldType(problem.field, t[KIND_WORDS[problem.expected]], t[KIND_WORDS[problem.actual]]);
    case 'field-range':
      return t.fieldRange(problem.field, problem.min, problem.max, problem.value);
    case 'field-negative':
      return t.fieldNegative(problem.field);
    case 'field-choice':
      return t.fieldChoice(problem.field, t.orList(problem.choices), problem.value);
    case 'path-not-plain':
      return t.pathNotPlain(problem.path, problem.field);
    case 'unknown-resource':
      return t.unknownResource(problem.field, problem.resource);
    case 'object-unnamed':
      return t.objectUnnamed(problem.field);
    case 'object-refused':
      return t.objectRefused(objectText(t, problem.object), problem.message);
    case 'object-twice':
      return t.objectTwice(objectText(t, problem.object));
    case 'object-namespace':
      return (problem.namespaced ? t.objectNoNamespace : t.objectHasNamespace)(objectText(t, problem.object));
    case 'object-no-uid':
      return t.objectNoUid(objectText(t, problem.object));
    case 'object-resource-version':
      return t.objectResourceVersion(objectText(t, problem.object), problem.max);
    case 'nodes-mismatch':
      return t.nodesMismatch(problem.found.length > 0 ? t.list(problem.found) : t.none, t.list(problem.expected));
  }
}
