/** `kubectl api-versions` / `api-resources` on master01, against the rows of a kubeadm v1.30 cluster. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);
const rowsOf = (output: string): string[] => output.trimEnd().split('\n').map((l) => l.split(/\s+/).join(' '));

beforeAll(() => {
  learner = new Learner();
});

describe('discovery as kubectl prints it', () => {
  it('api-versions: every version of every group, sorted, v1 last (autoscaling has two)', () => {
    const versions = rowsOf(onMaster('kubectl api-versions').output);
    expect(versions).toEqual([...versions].sort());
    expect(versions.at(-1)).toBe('v1');
    for (const gv of ['autoscaling/v1', 'autoscaling/v2', 'events.k8s.io/v1', 'policy/v1', 'storage.k8s.io/v1', 'scheduling.k8s.io/v1', 'node.k8s.io/v1']) {
      expect(versions).toContain(gv);
    }
  });

  it.each([
    ['persistentvolumeclaims pvc v1 true PersistentVolumeClaim'],
    ['events ev v1 true Event'],
    ['events ev events.k8s.io/v1 true Event'],
    ['horizontalpodautoscalers hpa autoscaling/v2 true HorizontalPodAutoscaler'],
    ['storageclasses sc storage.k8s.io/v1 false StorageClass'],
  ])('api-resources lists %s', (row) => {
    expect(rowsOf(onMaster('kubectl api-resources').output)).toContain(row);
  });

  it('api-resources names a kind once, by its preferred version (no autoscaling/v1 row)', () => {
    expect(onMaster('kubectl api-resources').output).not.toContain('autoscaling/v1');
  });

  it('ev still means the core Events, as the core group comes first', () => {
    expect(onMaster('kubectl get ev -A --no-headers | head -1').output).toMatch(/^\S+ +\S+ +Normal /);
    expect(onMaster('kubectl get events.events.k8s.io')).toEqual({ output: 'Error from server (NotFound): the server could not find the requested resource\n', code: 1 });
  });
});
