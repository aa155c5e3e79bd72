import { describe, expect, it } from 'vitest';
import type { Flavour } from '../lib/flavour';
import { runTool, toolBox } from './testkit';

type Case = [Flavour, string[], string | undefined, { stdout?: string; stderr?: string; code: number }];

const files = { '/tmp/a': 'A\n', '/tmp/b': 'B\n' };

describe('xargs', () => {
  const cases: Case[] = [
    ['gnu', ['xargs'], 'pod-a  pod-b\npod-c\n', { stdout: 'pod-a pod-b pod-c\n', code: 0 }],
    ['busybox', ['xargs', 'echo', 'delete'], 'a\nb\n', { stdout: 'delete a b\n', code: 0 }],
    ['gnu', ['xargs', '-n', '1', 'echo', 'pod'], 'a b c\n', { stdout: 'pod a\npod b\npod c\n', code: 0 }],
    ['gnu', ['xargs', '-n2'], 'a b c\n', { stdout: 'a b\nc\n', code: 0 }],
    ['gnu', ['xargs', '-L', '1', 'echo'], 'a b\nc\n', { stdout: 'a b\nc\n', code: 0 }],
    ['gnu', ['xargs', '-I', '{}', 'echo', 'file={}.txt'], 'one\n  two\n', { stdout: 'file=one.txt\nfile=two.txt\n', code: 0 }],
    ['gnu', ['xargs', '-0', 'echo'], 'with space\0b\0', { stdout: 'with space b\n', code: 0 }],
    ['gnu', ['xargs', 'echo'], "'a b' \"c d\" e\\ f\n", { stdout: 'a b c d e f\n', code: 0 }],
    ['gnu', ['xargs', 'cat'], '/tmp/a /tmp/b\n', { stdout: 'A\nB\n', code: 0 }],
    ['gnu', ['xargs', '-t', 'echo'], 'x\n', { stdout: 'x\n', stderr: 'echo x\n', code: 0 }],
    ['gnu', ['xargs', 'echo', 'ran'], '', { stdout: 'ran\n', code: 0 }],
    ['gnu', ['xargs', '-r', 'echo', 'ran'], '', { code: 0 }],
    ['gnu', ['xargs', 'cat'], '/tmp/a /tmp/nope\n', { stdout: 'A\n', stderr: 'cat: /tmp/nope: No such file or directory\n', code: 123 }],
    ['gnu', ['xargs', 'nope'], 'x\n', { stderr: 'xargs: nope: No such file or directory\n', code: 127 }],
    ['gnu', ['xargs'], "it's\n", { stderr: 'xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n', code: 1 }],
    ['gnu', ['xargs', '-n', 'x'], '', { stderr: 'xargs: invalid number "x" for -n option\n', code: 1 }],
  ];
  it.each(cases)('%s %j', (flavour, argv, stdin, expected) => {
    const run = runTool(toolBox({ flavour, files }), argv, stdin === undefined ? {} : { stdin });
    expect(run).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });

  it('stops at a command killed by a signal: exit 125', () => {
    const box = toolBox({ flavour: 'gnu' });
    box.run(['sleep', '3600']); // PID 1 keeps the namespace alive
    const run = box.run(['xargs', '-n1', 'sleep'], { stdin: '100 100\n' });
    box.clock.advance(1000);
    const child = box.ns.list().find((p) => p.argv[0] === 'sleep' && p.argv[1] === '100')!;
    box.kernel.signal(box.ns.processes.get(child.pid)!, 'SIGTERM');
    box.clock.advance(10);
    expect(run.stderr()).toBe('xargs: sleep: terminated by signal 15\n');
    expect(run.status()).toEqual({ code: 125 });
  });
});
