/**
 * `kubectl set image TYPE NAME CONTAINER=IMAGE…`: the strategic merge patch from the object to the
 * object with the new images. An unchanged object is skipped without a word, as kubectl does.
 */
import { createStrategicMergePatch } from '../../../../engine/api/patch';
import { resourceForKind } from '../../../../engine/api/resources';
import { KubectlError, kindPrefix, type KubectlCommand } from '../framework';
import { parseImageChanges, withImages } from '../generate/image-patch';
import { sortedDeep } from '../generate/meta';
import { resultText } from '../generate/output';
import { DRY_RUN_FLAG, fetchObjects, OUTPUT_FLAG, patchObject, writeOptions, writeQuery } from './create';
import { env } from './env';

const image: KubectlCommand = {
  name: 'image',
  short: 'Change the image of containers in a pod template',
  examples: `# Move the myapp container of deployment myapp to version 2 (a rolling update)
kubectl set image deployment myapp myapp=ikubernetes/myapp:v2

# Every container at once
kubectl set image deployment/nginx-deploy '*=nginx:1.21-alpine'`,
  long: 'Set new images for containers of a deployment, replica set, daemon set, stateful set, job or pod. For a workload this starts a rollout.',
  use: 'image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  flags: [
    { name: 'all', type: 'bool', default: 'false', usage: 'Change every object of the given type in the namespace.' },
    { name: 'selector', short: 'l', type: 'string', default: "''", usage: 'Change only the objects whose labels match this selector (app=myapp,...).' },
    { name: 'field-manager', type: 'string', default: "'kubectl-set'", usage: 'The name recorded in the object as the owner of the fields this command sets.' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  *run(k, args) {
    const dryRun = yield* writeOptions(k);
    const changes = parseImageChanges(args.filter((a) => a.includes('=')));
    const selector = k.flags.string('selector');
    const found = yield* fetchObjects(k, args.filter((a) => !a.includes('=')), { ...(selector ? { selector } : {}), all: k.flags.bool('all') });
    for (const target of found) {
      const info = resourceForKind(target.object.apiVersion ?? '', target.object.kind ?? '');
      if (!info) throw new KubectlError(`unable to find the pod template of ${target.object.kind}`);
      const updated = withImages(target.object, changes);
      const patch = createStrategicMergePatch(target.object, updated, info);
      if (Object.keys(patch).length === 0) continue;
      const query = writeQuery(k, dryRun);
      const result = dryRun === 'client' ? updated : yield* patchObject(k, target, 'strategic', sortedDeep(patch), query);
      yield* k.out(resultText(k.flags.string('output'), result, kindPrefix(target.resource), 'image updated', dryRun));
    }
    return 0;
  },
};

export const set: KubectlCommand = {
  name: 'set',
  short: 'Change one part of existing objects',
  long: 'Change one aspect of existing objects, such as the image or environment of their containers, without editing them.',
  use: 'set SUBCOMMAND [options]',
  subcommands: [env, image],
};
