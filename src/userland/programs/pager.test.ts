import { describe, expect, it } from 'vitest';
import { SinkFile, TtyFile } from '../../engine/runtime/process';
import type { Flavour } from '../lib/flavour';
import { runTool, toolBox } from './testkit';

const files = { '/tmp/a': 'apiVersion: v1\n', '/tmp/b': 'kind: Pod\n' };

type Case = [Flavour, string[], string | undefined, { stdout?: string; stderr?: string; code: number }];

describe('less and more, without paging', () => {
  const cases: Case[] = [
    ['gnu', ['less', '/tmp/a'], undefined, { stdout: 'apiVersion: v1\n', code: 0 }],
    ['gnu', ['less'], 'from a pipe\n', { stdout: 'from a pipe\n', code: 0 }],
    ['gnu', ['less', '/tmp/a', '/tmp/b'], undefined, { stdout: 'apiVersion: v1\nkind: Pod\n', code: 0 }],
    ['gnu', ['more', '/tmp/a', '/tmp/b'], undefined, { stdout: '::::::::::::::\n/tmp/a\n::::::::::::::\napiVersion: v1\n::::::::::::::\n/tmp/b\n::::::::::::::\nkind: Pod\n', code: 0 }],
    ['busybox', ['more', '/tmp/a'], undefined, { stdout: 'apiVersion: v1\n', code: 0 }],
    ['gnu', ['less', '/tmp/nope'], undefined, { stderr: '/tmp/nope: No such file or directory\n', code: 1 }],
    ['gnu', ['more', '/tmp/nope'], undefined, { stderr: 'more: cannot open /tmp/nope: No such file or directory\n', code: 1 }],
    ['busybox', ['less', '/tmp/nope'], undefined, { stderr: "less: can't open '/tmp/nope': No such file or directory\n", code: 1 }],
  ];
  it.each(cases)('%s %j', (flavour, argv, stdin, expected) => {
    const run = runTool(toolBox({ flavour, files }), argv, stdin === undefined ? {} : { stdin });
    expect(run).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });

  it('with the keyboard as input and no file, says a file is missing', () => {
    const box = toolBox({ flavour: 'gnu' });
    let err = '';
    const tty = new TtyFile(() => {});
    const proc = box.kernel.spawn(box.ns, ['less'], { env: { PATH: '/bin' }, files: [tty, tty, new SinkFile((d) => (err += d))] });
    box.clock.advance(10);
    expect(err).toBe('Missing filename ("less --help" for help)\n');
    expect(proc.exited).toEqual({ code: 1 });
  });
});
