/**
 * `kubectl label TYPE NAME key=value key-…` (and, sharing the same body, `kubectl annotate`): for
 * each object, the overwrite check, then a JSON merge patch of its labels or annotations.
 */
import { kindPrefix, type FlagSpec, type KubectlCommand } from '../framework';
import { isMetadataChange, metadataUpdate, parseMetadataChanges, type MetadataField } from '../generate/metadata-patch';
import { resultText } from '../generate/output';
import { applyMergePatch } from '../../../../engine/api/patch/merge';
import type { KubeObject } from '../../../../engine/api/types';
import { DRY_RUN_FLAG, fetchObjects, OUTPUT_FLAG, patchObject, writeOptions, writeQuery } from './create';

const FLAGS = (field: MetadataField): FlagSpec[] => [
  { name: 'overwrite', type: 'bool', default: 'false', usage: `If true, a key that already exists gets the new value; otherwise changing it is an error.` },
  { name: 'all', type: 'bool', default: 'false', usage: 'Change every object of the given type in the namespace.' },
  { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'Change the objects whose labels match this selector.' },
  { name: 'list', type: 'bool', default: 'false', usage: `If true, print the object's ${field} as key=value lines instead of changing them.` },
  { name: 'field-manager', type: 'string', default: `'kubectl-${field === 'labels' ? 'label' : 'annotate'}'`, usage: 'The name recorded in the object as the owner of the fields this command sets.' },
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
];

export function metadataCommand(field: MetadataField, base: Pick<KubectlCommand, 'name' | 'short' | 'long' | 'use' | 'examples'>): KubectlCommand {
  const noun = field === 'labels' ? 'label' : 'annotation';
  return {
    ...base,
    flags: FLAGS(field),
    *run(k, args) {
      const dryRun = yield* writeOptions(k);
      const f = k.flags;
      const list = f.bool('list');
      const changes = list ? undefined : parseMetadataChanges(field, args.filter(isMetadataChange));
      const selector = f.string('selector');
      const found = yield* fetchObjects(k, args.filter((a) => !isMetadataChange(a)), { ...(selector ? { selector } : {}), all: f.bool('all') });
      for (const target of found) {
        const current = target.object.metadata?.[field] ?? {};
        if (!changes) {
          for (const key of Object.keys(current).sort()) yield* k.out(`${key}=${current[key]}\n`);
          continue;
        }
        const update = metadataUpdate(field, current, changes, f.bool('overwrite'));
        for (const key of update.missing) yield* k.out(`${noun} "${key}" not found.\n`);
        const query = writeQuery(k, dryRun);
        const result: KubeObject = dryRun === 'client'
          ? (applyMergePatch(target.object, update.patch) as KubeObject)
          : yield* patchObject(k, target, 'merge', update.patch, query);
        yield* k.out(resultText(f.string('output'), result, kindPrefix(target.resource), update.verb, dryRun));
      }
      return 0;
    },
  };
}

export const label = metadataCommand('labels', {
  name: 'label',
  short: 'Add, change or remove labels',
  examples: `# Mark pod-demo as a canary release
kubectl label pods pod-demo release=canary

# Change it to stable
kubectl label pods pod-demo release=stable --overwrite

# Label a node, for pods that ask for fast disks
kubectl label nodes worker01 disktype=ssd

# Remove the release label
kubectl label pods pod-demo release-`,
  long: `Add labels to objects, change them, or remove them. Labels are short key=value tags that selectors use to pick objects: a service finds its pods by their labels.

  *  Keys and values are up to 63 letters, digits, '-', '_' and '.'; a key may start with a DNS prefix and '/', like example.com/team.
  *  Changing a label that exists needs --overwrite; KEY- removes one.`,
  use: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
});
