import { describe, expect, it } from 'vitest';
import { runTool, toolBox } from './testkit';

describe('clear', () => {
  it.each([
    ['gnu', { TERM: 'xterm' }, { stdout: '\x1b[H\x1b[2J\x1b[3J', stderr: '', code: 0 }],
    ['gnu', {}, { stdout: '', stderr: 'TERM environment variable not set.\n', code: 1 }],
    ['busybox', {}, { stdout: '\x1b[H\x1b[J', stderr: '', code: 0 }],
  ] as const)('%s with %j', (flavour, env, expected) => {
    expect(runTool(toolBox({ flavour }), ['clear'], { env })).toEqual(expected);
  });
});

describe('watch', () => {
  const HOME_CLEAR = '\x1b[H\x1b[2J';

  it('redraws the command every 2 s under the procps header until Ctrl-C, then exits 0', () => {
    const box = toolBox({ flavour: 'gnu', files: { '/tmp/n': 'first\n' } });
    box.run(['sleep', 'infinity']);
    const run = box.run(['watch', '-x', 'cat', '/tmp/n'], { env: { COLUMNS: '60' } });
    box.clock.advance(10);
    const header = (time: string): string => `Every 2.0s: cat /tmp/n${' '.repeat(9)}box: Mon Jan  5 09:00:0${time} 2026`;
    expect(header('0')).toHaveLength(60);
    expect(run.stdout()).toBe(`${HOME_CLEAR}${header('0')}\n\nfirst\n`);
    box.ns.fs.writeFile('/tmp/n', 'second\n', box.clock.now());
    box.clock.advance(2000);
    expect(run.stdout()).toBe(`${HOME_CLEAR}${header('0')}\n\nfirst\n${HOME_CLEAR}${header('2')}\n\nsecond\n`);
    box.kernel.signal(run.proc, 'SIGINT');
    box.clock.advance(10);
    expect(run.status()).toEqual({ code: 0 });
  });

  it('-n sets the interval, -t drops the header; busybox dates its header its own way', () => {
    const box = toolBox({ flavour: 'busybox' });
    box.run(['sleep', 'infinity']);
    const run = box.run(['watch', '-n', '5', '-x', 'echo', 'hi'], { env: { COLUMNS: '40' } });
    box.clock.advance(5010);
    const header = `Every 5.0s: echo hi${' '.repeat(1)}2026-01-05 09:00:0`;
    expect(run.stdout()).toBe(`\x1b[H\x1b[J${header}0\n\nhi\n\x1b[H\x1b[J${header}5\n\nhi\n`);
    const bare = box.run(['watch', '-t', '-x', 'echo', 'hi']);
    box.clock.advance(10);
    expect(bare.stdout()).toBe('\x1b[H\x1b[Jhi\n');
  });

  it('cuts a long command with ... to keep the host and time on the line', () => {
    const box = toolBox({ flavour: 'gnu' });
    box.run(['sleep', 'infinity']);
    const run = box.run(['watch', '-x', 'echo', 'a-very-long-argument-that-does-not-fit'], { env: { COLUMNS: '50' } });
    box.clock.advance(10);
    expect(run.stdout().split('\n')[0]).toBe(`${HOME_CLEAR}Every 2.0s: echo ... box: Mon Jan  5 09:00:00 2026`);
  });

  it('usage errors', () => {
    const gnu = runTool(toolBox({ flavour: 'gnu' }), ['watch']);
    expect(gnu.stderr).toContain('\nUsage:\n watch [options] command\n');
    expect(gnu.code).toBe(1);
    expect(runTool(toolBox({ flavour: 'gnu' }), ['watch', '-n', 'x', 'ls'])).toEqual({ stdout: '', stderr: "watch: failed to parse argument: 'x'\n", code: 1 });
  });
});
