import { describe, expect, it } from 'vitest';
import type { Rejection } from './framework';
import { fitErrorMessage, reasonHistogram, truncateMessage } from './fiterror';

const taint = (key: string): Rejection => ({ plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: [`node(s) had untolerated taint {${key}: }`] });
const selector: Rejection = { plugin: 'NodeAffinity', code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] };
const cpu: Rejection = { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] };
const cpuAndMemory: Rejection = { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'] };

describe('FailedScheduling message', () => {
  const cases: [string, number, Rejection[], string][] = [
    [
      'the reference example: control plane tainted, workers without the label',
      3,
      [taint('node-role.kubernetes.io/control-plane'), selector, selector],
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
    ],
    [
      'single tainted node',
      1,
      [taint('node-role.kubernetes.io/control-plane')],
      '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
    ],
    [
      'resources are resolvable by preemption, so victims are looked for',
      3,
      [taint('node-role.kubernetes.io/control-plane'), cpu, cpu],
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    ],
    [
      'a node may contribute several reasons',
      2,
      [cpuAndMemory, cpu],
      '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..',
    ],
    ['no nodes at all', 0, [], 'no nodes available to schedule pods'],
  ];
  it.each(cases)('%s', (_, n, rejections, message) => expect(fitErrorMessage(n, rejections)).toBe(message));

  it('preemptionPolicy Never says so', () => {
    expect(fitErrorMessage(1, [cpu], 'Never')).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..',
    );
  });

  it('sorts like Go strings (byte order), counts first', () => {
    expect(reasonHistogram(['b', 'a', 'b', 'Z'])).toBe('1 Z, 1 a, 2 b');
    expect(reasonHistogram(Array(12).fill('x').concat(['y', 'y']))).toBe('12 x, 2 y');
  });

  it('event notes are cut at 1024 characters', () => {
    const long = 'x'.repeat(2000);
    expect(truncateMessage(long)).toHaveLength(1024);
    expect(truncateMessage(long).endsWith(' ...')).toBe(true);
    expect(truncateMessage('short')).toBe('short');
  });
});
