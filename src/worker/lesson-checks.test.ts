import { describe, expect, test } from 'vitest';
import type { ClusterView, KubeObject } from '../lessons/checks';
import type { Check } from '../lessons/types';
import { LessonCheckLoop, outcomesToSend } from './lesson-checks';

const RUNNING: Check = { kind: 'Pod', name: 'web', phase: 'Running' };
const HOSTS: Check = { file: { node: 'master01', path: '/etc/hosts' } };

/** A cluster of plain objects: pods in `default`, files on master01; counts how often it is read. */
function view(pods: KubeObject[], files: Record<string, string> = {}) {
  const reads = { count: 0 };
  const cluster: ClusterView = {
    list: (kind, namespace) => {
      reads.count++;
      return kind === 'Pod' && namespace === 'default' ? pods : [];
    },
    readFile: (node, path) => (node === 'master01' ? files[path] : undefined),
  };
  return { cluster, reads };
}

const pod = (phase: string): KubeObject => ({ metadata: { name: 'web' }, status: { phase } });

describe('outcomesToSend', () => {
  test.each([
    { name: 'nothing sent yet: everything is sent', previous: undefined, pods: [pod('Pending')], sent: [false, false] },
    {
      name: 'the same outcomes as last sent: nothing',
      previous: [['Pod web: phase Running', { passed: false, detail: 'Pod web: phase is Pending, want Running' }], ['file master01:/etc/hosts', { passed: false, detail: 'no file /etc/hosts on master01' }]] as const,
      pods: [pod('Pending')],
      sent: undefined,
    },
    {
      name: 'one check turned: all outcomes are sent',
      previous: [['Pod web: phase Running', { passed: false, detail: 'Pod web: phase is Pending, want Running' }], ['file master01:/etc/hosts', { passed: false, detail: 'no file /etc/hosts on master01' }]] as const,
      pods: [pod('Running')],
      sent: [true, false],
    },
    {
      name: 'a different reason to fail is news too',
      previous: [['Pod web: phase Running', { passed: false, detail: 'no Pod named web' }], ['file master01:/etc/hosts', { passed: false, detail: 'no file /etc/hosts on master01' }]] as const,
      pods: [pod('Pending')],
      sent: [false, false],
    },
  ])('$name', ({ previous, pods, sent }) => {
    const outcomes = outcomesToSend([RUNNING, HOSTS], view(pods).cluster, previous);
    expect(outcomes?.map(([, o]) => o.passed)).toEqual(sent);
    if (outcomes) expect(outcomes.map(([key]) => key)).toEqual(['Pod web: phase Running', 'file master01:/etc/hosts']);
  });

  test('a check written twice in a lesson is evaluated and sent once', () => {
    expect(outcomesToSend([RUNNING, RUNNING], view([pod('Running')]).cluster, undefined)).toEqual([
      ['Pod web: phase Running', { passed: true, detail: 'Pod web as expected' }],
    ]);
  });
});

describe('LessonCheckLoop', () => {
  test('evaluates only when the cluster changed, at most once per interval, and sends only news', () => {
    const pods = [pod('Pending')];
    const { cluster, reads } = view(pods);
    const loop = new LessonCheckLoop(250);
    loop.show([RUNNING]);
    const frame = (now: number, change: string) => loop.frame(now, change, () => cluster);

    expect(frame(0, 'rv1')?.[0]?.[1].passed).toBe(false);
    expect(reads.count).toBe(1);
    // Nothing changed: no evaluation at all, however many frames pass.
    for (let now = 16; now < 2000; now += 16) expect(frame(now, 'rv1')).toBeUndefined();
    expect(reads.count).toBe(1);

    // A change that does not alter the outcome: evaluated, nothing sent.
    expect(frame(2000, 'rv2')).toBeUndefined();
    expect(reads.count).toBe(2);

    // Changes every frame: evaluated at most every 250 ms.
    pods[0] = pod('Running');
    const sent = [];
    for (let now = 2016; now < 3000; now += 16) {
      const outcomes = frame(now, `rv${now}`);
      if (outcomes) sent.push(outcomes);
    }
    expect(reads.count).toBeLessThanOrEqual(2 + Math.ceil(984 / 250));
    expect(sent).toEqual([[['Pod web: phase Running', { passed: true, detail: 'Pod web as expected' }]]]);
  });

  test('a newly shown lesson is evaluated at the next frame and sent even if unchanged', () => {
    const { cluster } = view([pod('Running')]);
    const loop = new LessonCheckLoop(250);
    loop.show([RUNNING]);
    expect(loop.frame(0, 'rv1', () => cluster)).toHaveLength(1);
    loop.show([RUNNING]);
    expect(loop.frame(10, 'rv1', () => cluster)).toHaveLength(1);
    loop.show([]);
    expect(loop.frame(20, 'rv1', () => cluster)).toEqual([]);
  });
});
