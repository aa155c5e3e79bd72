/**
 * `kubectl set image` against the real kubectl 1.30: the strategic merge patch `-v=8` showed for
 * `set image deployment web nginx=nginx:1.26`, and the messages for bad input.
 */
import { describe, expect, it } from 'vitest';
import { createStrategicMergePatch } from '../../../../engine/api/patch';
import { resourceForKind } from '../../../../engine/api/resources';
import type { KubeObject } from '../../../../engine/api/types';
import { parseImageChanges, withImages } from './image-patch';
import { sortedDeep } from './meta';
import { thrown } from './testing';

const web = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
} as KubeObject;
const twoContainers = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox' }] },
} as KubeObject;
const patchFor = (object: KubeObject, args: string[]) =>
  createStrategicMergePatch(object, withImages(object, parseImageChanges(args)), resourceForKind(object.apiVersion!, object.kind!)!);

describe('kubectl set image', () => {
  it('set image deployment web nginx=nginx:1.26 sends the patch real kubectl sends', () => {
    expect(JSON.stringify(sortedDeep(patchFor(web, ['nginx=nginx:1.26'])))).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}',
    );
  });

  it('the same image again makes an empty patch (kubectl then prints nothing)', () => {
    expect(patchFor(web, ['nginx=nginx'])).toEqual({});
  });

  it('*=image sets every container, init containers included', () => {
    const updated = withImages(twoContainers, parseImageChanges(['*=alpine'])) as unknown as { spec: { initContainers: { image: string }[]; containers: { image: string }[] } };
    expect([...updated.spec.initContainers, ...updated.spec.containers].map((c) => c.image)).toEqual(['alpine', 'alpine', 'alpine']);
    // The object itself is left as it was.
    expect(JSON.stringify(twoContainers)).not.toContain('alpine');
  });

  it.each([
    [() => withImages(web, parseImageChanges(['nginxx=nginx:1.27'])), 'unable to find container named "nginxx"'],
    [() => parseImageChanges([]), 'at least one image update is required'],
    [() => parseImageChanges(['nginx=NGINX']), 'Invalid image name "NGINX": invalid reference format'],
  ])('%s is refused', (fn, message) => {
    expect(thrown(fn)).toMatchObject({ message });
  });
});
