/**
 * `kubectl label` / `kubectl annotate` against the real kubectl 1.30: the request bodies and
 * messages below are the ones `-v=8` showed for the same commands on the same objects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metadataUpdate, parseMetadataChanges, type MetadataField } from './metadata-patch';
import { thrown } from './testing';

const label = (current: Record<string, string>, args: string[], overwrite = false) =>
  metadataUpdate('labels', current, parseMetadataChanges('labels', args), overwrite);

describe('kubectl label', () => {
  it.each<[string, Record<string, string>, string[], boolean, object, string]>([
    ['release=canary', { run: 'two' }, ['release=canary'], false, { metadata: { labels: { release: 'canary' } } }, 'labeled'],
    ['release=stable --overwrite', { release: 'canary' }, ['release=stable'], true, { metadata: { labels: { release: 'stable' } } }, 'labeled'],
    ['release-', { release: 'stable', run: 'two' }, ['release-'], false, { metadata: { labels: { release: null } } }, 'unlabeled'],
    ['a=1 b=2 run-', { run: 'two' }, ['a=1', 'b=2', 'run-'], false, { metadata: { labels: { a: '1', b: '2', run: null } } }, 'labeled'],
    ['a=1 (already a=1)', { a: '1' }, ['a=1'], false, {}, 'not labeled'],
    ['a=1 --overwrite (already a=1)', { a: '1' }, ['a=1'], true, {}, 'not labeled'],
    ['x= (an empty value)', { a: '1' }, ['x='], false, { metadata: { labels: { x: '' } } }, 'labeled'],
    ['disktype=ssd on a node', { 'kubernetes.io/os': 'linux' }, ['disktype=ssd'], false, { metadata: { labels: { disktype: 'ssd' } } }, 'labeled'],
  ])('label %s', (_, current, args, overwrite, patch, verb) => {
    expect(label(current, args, overwrite)).toEqual({ patch, missing: [], verb });
  });

  it('removing a label the object lacks sends {} and says so', () => {
    expect(label({ run: 'two' }, ['release-'])).toEqual({ patch: {}, missing: ['release'], verb: 'not labeled' });
  });

  it.each([
    [() => label({ run: 'two' }, ['run=x']), "'run' already has a value (two), and --overwrite is false"],
    [() => label({ a: '1' }, ['nope-', 'a=2']), "'a' already has a value (1), and --overwrite is false"],
    [() => parseMetadataChanges('labels', []), 'at least one label update is required'],
    [() => parseMetadataChanges('labels', ['a=b=c']), 'invalid label spec: a=b=c'],
    [() => parseMetadataChanges('labels', ['k=v', 'k-']), 'can not both modify and remove a label in the same command'],
    [
      () => parseMetadataChanges('labels', ['app=-x']),
      `invalid label value: "app=-x": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
    [
      () => parseMetadataChanges('labels', [`a=-${'x'.repeat(70)}`]),
      `invalid label value: "a=-${'x'.repeat(70)}": must be no more than 63 characters;a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  ])('%s is refused', (fn, message) => {
    expect(thrown(fn)).toMatchObject({ message });
  });
});

describe('kubectl annotate', () => {
  const annotate = (current: Record<string, string>, args: string[], overwrite = false) =>
    metadataUpdate('annotations', current, parseMetadataChanges('annotations', args), overwrite);

  it('note=hi, note- and a=1=2 (values keep their =)', () => {
    expect(annotate({}, ['note=hi'])).toEqual({ patch: { metadata: { annotations: { note: 'hi' } } }, missing: [], verb: 'annotated' });
    expect(annotate({ note: 'hi' }, ['note-']).patch).toEqual({ metadata: { annotations: { note: null } } });
    expect(annotate({ a: '1' }, ['a=1=2'], true).patch).toEqual({ metadata: { annotations: { a: '1=2' } } });
    expect(annotate({}, ['nope-'])).toEqual({ patch: {}, missing: ['nope'], verb: 'annotated' });
  });

  it.each([
    [
      () => annotate({ a: '1', b: '2' }, ['a=3', 'b=4']),
      "--overwrite is false but found the following declared annotation(s): 'a' already has a value (1); 'b' already has a value (2)",
    ],
    [() => parseMetadataChanges('annotations', ['a-', 'a=2']), 'can not both modify and remove the following annotation(s) in the same command: a'],
    [() => parseMetadataChanges('annotations', []), 'at least one annotation update is required'],
  ])('%s is refused', (fn, message) => {
    expect(thrown(fn)).toMatchObject({ message });
  });
});

describe('the patch, applied as a JSON merge patch, gives the labels kubectl promised', () => {
  const key = fc.constantFrom('a', 'b', 'app', 'run', 'tier');
  const value = fc.constantFrom('1', 'x', 'web', '');
  it.each<MetadataField>(['labels', 'annotations'])('%s', (field) => {
    fc.assert(
      fc.property(fc.dictionary(key, value), fc.dictionary(key, value), fc.uniqueArray(key), (current, set, removeAll) => {
        const remove = removeAll.filter((k) => !(k in set));
        const changes = { set: new Map(Object.entries(set)), remove };
        const { patch } = metadataUpdate(field, current, changes, true);
        const merged: Record<string, string> = { ...current };
        for (const [k, v] of Object.entries(patch.metadata?.[field] ?? {})) {
          if (v === null) delete merged[k];
          else merged[k] = v;
        }
        const expected = { ...current, ...set };
        for (const k of remove) delete expected[k];
        expect(merged).toEqual(expected);
      }),
    );
  });
});
