import { describe, expect, it } from 'vitest';
import { decide, type Decision, type ItemFacts } from './decide';

const item = (owners: Array<[string, 'solid' | 'dangling' | 'waiting']>, extra: Partial<ItemFacts> = {}): ItemFacts => ({
  owners: owners.map(([uid, state]) => ({ uid, state })),
  finalizers: [],
  hasDependents: false,
  ...extra,
});

describe('decide', () => {
  const cases: Array<[string, ItemFacts, Decision]> = [
    ['no owners: not garbage', item([]), { action: 'keep' }],
    ['owner alive', item([['rs', 'solid']]), { action: 'keep' }],
    ['owner gone: delete in the background', item([['rs', 'dangling']]), { action: 'delete', policy: 'Background' }],
    ['owner waiting, no dependents of its own', item([['rs', 'waiting']]), { action: 'delete', policy: 'Background' }],
    ['owner waiting, has dependents: foreground chain', item([['deploy', 'waiting']], { hasDependents: true }), { action: 'delete', policy: 'Foreground' }],
    ['one owner gone, another alive: drop the stale reference', item([['a', 'dangling'], ['b', 'solid']]), { action: 'removeOwnerReferences', uids: ['a'] }],
    ['waiting and alive owners: release from the waiting one', item([['a', 'waiting'], ['b', 'solid']]), { action: 'removeOwnerReferences', uids: ['a'] }],
    ['its own orphan finalizer is honoured', item([['a', 'dangling']], { finalizers: ['orphan'] }), { action: 'delete', policy: 'Orphan' }],
    ['its own foreground finalizer is honoured', item([['a', 'dangling']], { finalizers: ['foregroundDeletion'] }), { action: 'delete', policy: 'Foreground' }],
  ];
  it.each(cases)('%s', (_name, facts, expected) => expect(decide(facts)).toEqual(expected));
});
