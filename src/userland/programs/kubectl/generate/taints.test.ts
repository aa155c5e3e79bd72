import { describe, expect, it } from 'vitest';
import { parseTaintChanges, taintText, updateTaints } from './taints';
import { thrown } from './testing';

const NS = { key: 'a', value: '1', effect: 'NoSchedule' };
const NE = { key: 'a', effect: 'NoExecute' };

describe('taint arguments and their effect (kubectl taint)', () => {
  it.each([
    [{ key: 'k' }, 'k'],
    [{ key: 'k', value: 'v' }, 'k=v:'],
    [{ key: 'k', effect: 'NoSchedule' }, 'k:NoSchedule'],
    [{ key: 'k', value: 'v', effect: 'NoSchedule' }, 'k=v:NoSchedule'],
  ])('taintText(%j) = %s', (taint, text) => {
    expect(taintText(taint as never)).toBe(text);
  });

  it.each([
    // specs, current taints, overwrite → verb and taints
    [['a=1:NoSchedule'], [], false, 'tainted', [NS]],
    [['a-'], [NS, NE], false, 'untainted', []],
    [['a:NoExecute-'], [NS, NE], false, 'untainted', [NS]],
    [['a=2:NoSchedule'], [NS], true, 'modified', [{ ...NS, value: '2' }]],
    [['b=1:NoSchedule', 'a:NoExecute-'], [NE], false, 'modified', [{ key: 'b', value: '1', effect: 'NoSchedule' }]],
    [['b:NoExecute'], [NS], false, 'tainted', [{ key: 'b', effect: 'NoExecute' }, NS]],
  ])('%j on %j (overwrite %s) → %s', (specs, current, overwrite, verb, taints) => {
    expect(updateTaints('n', current as never, parseTaintChanges(specs), overwrite)).toEqual({ verb, taints });
  });

  it.each([
    [['a=1'], /^invalid taint spec: a=1, name part must consist/],
    [['a=1:NoSchedule', 'a=2:NoSchedule'], /^duplicated taints with the same key and effect: \{a 2 NoSchedule <nil>\}$/],
    [['a:x:NoSchedule'], /^invalid taint spec: a:x:NoSchedule$/],
    [['a=b=c:NoSchedule'], /^invalid taint spec: a=b=c:NoSchedule$/],
    [['a=1:NoSchedule', 'a-'], /^can not both modify and remove the following taint\(s\) in the same command: a=$/],
  ])('%j is refused', (specs, message) => {
    expect((thrown(() => parseTaintChanges(specs)) as Error).message).toMatch(message);
  });

  it('removing what is not there, or re-adding without --overwrite, fails', () => {
    expect((thrown(() => updateTaints('n', [NS], parseTaintChanges(['x-', 'y:NoSchedule-']), false)) as Error).message).toBe('[taint "x" not found, taint "y:NoSchedule" not found]');
    expect((thrown(() => updateTaints('n', [NS], parseTaintChanges(['a=1:NoSchedule']), false)) as Error).message).toBe(
      'node n already has a taint(s) with same effect(s) and --overwrite is false',
    );
  });
});
