import { describe, expect, it } from 'vitest';
import { mergeConditions, namespaceConditions } from './conditions';

describe('namespace conditions', () => {
  it('all content removed: every condition False with its ok reason', () => {
    const c = namespaceConditions({ resources: new Map(), finalizers: new Map() });
    expect(c.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
      ['NamespaceContentRemaining', 'False', 'ContentRemoved'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentRemoved'],
    ]);
  });

  it('remaining content and finalizers, with the upstream wording (note "pods." for the core group)', () => {
    const c = namespaceConditions({
      resources: new Map([
        ['pods.', 2],
        ['deployments.apps', 1],
        ['services.', 0],
      ]),
      finalizers: new Map([['foregroundDeletion', 1]]),
    });
    expect(c[3]).toEqual({
      type: 'NamespaceContentRemaining',
      status: 'True',
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: deployments.apps has 1 resource instances, pods. has 2 resource instances',
    });
    expect(c[4]).toEqual({
      type: 'NamespaceFinalizersRemaining',
      status: 'True',
      reason: 'SomeFinalizerRemain',
      message: 'Some finalizers are remaining: foregroundDeletion in 1 resource instances',
    });
  });

  it('merges: transition time moves with the status, unchanged writes nothing', () => {
    const first = mergeConditions(undefined, namespaceConditions({ resources: new Map([['pods.', 1]]), finalizers: new Map() }), 'T0')!;
    expect(mergeConditions(first, namespaceConditions({ resources: new Map([['pods.', 1]]), finalizers: new Map() }), 'T1')).toBeUndefined();
    const done = mergeConditions(first, namespaceConditions({ resources: new Map(), finalizers: new Map() }), 'T2')!;
    expect(done.find((c) => c.type === 'NamespaceContentRemaining')).toMatchObject({ status: 'False', lastTransitionTime: 'T2' });
    expect(done.find((c) => c.type === 'NamespaceDeletionDiscoveryFailure')!.lastTransitionTime).toBe('T0');
  });
});
