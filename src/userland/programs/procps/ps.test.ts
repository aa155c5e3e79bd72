import { describe, expect, it } from 'vitest';
import { sys, type Program } from '../../../engine/runtime/process';
import { testBox } from '../../../engine/runtime/process/testkit';
import { runTool } from '../testkit';
import { pgrep, pkill } from './pgrep';
import { ps } from './ps';

const sleep: Program = function* (proc) {
  yield* sys.sleep(Number(proc.argv[1]) * 1000);
  return 0;
};

/** Two sleeps started at 09:00 (simulated time 0), looked at 90 s later. */
function world() {
  const box = testBox({ programs: { ps, pgrep, pkill, sleep } });
  const sleeps = [box.run(['sleep', '1000']), box.run(['sleep', '2000'])];
  box.clock.advance(90_000);
  return { box, sleeps, run: (argv: string[]) => runTool(box, argv) };
}

describe('procps ps', () => {
  it.each([
    ['-ef', `UID          PID    PPID  C STIME TTY          TIME CMD
root           1       0  0 09:00 ?        00:00:00 sleep 1000
root           2       0  0 09:00 ?        00:00:00 sleep 2000
root           3       0  0 09:01 ?        00:00:00 ps -ef
`],
    ['aux', `USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
root           1  0.0  0.0 221704  2304 ?        Ss   09:00   0:00 sleep 1000
root           2  0.0  0.0 221704  2304 ?        Ss   09:00   0:00 sleep 2000
root           3  0.0  0.0 225436  3584 ?        Rs   09:01   0:00 ps aux
`],
    // Without options: the processes of ps's terminal (none here, like theirs).
    ['', `    PID TTY          TIME CMD
      1 ?        00:00:00 sleep
      2 ?        00:00:00 sleep
      3 ?        00:00:00 ps
`],
    ['-p 2 -o pid,ppid,etime,args', `    PID    PPID     ELAPSED COMMAND
      2       0       01:30 sleep 2000
`],
    ['-o pid=,comm= -C sleep', `      1 sleep
      2 sleep
`],
    ['--pid 1,2 --no-headers -o user', 'root\nroot\n'],
  ])('ps %s', (args, output) => {
    expect(world().run(['ps', ...args.split(' ').filter((a) => a !== '')])).toEqual({ stdout: output, stderr: '', code: 0 });
  });

  it('exits 1 with just the header when nothing is selected', () => {
    expect(world().run(['ps', '-p', '42'])).toEqual({ stdout: '    PID TTY          TIME CMD\n', stderr: '', code: 1 });
  });

  it.each([
    [['-o', 'pid,bogus'], 'error: unknown user-defined format specifier "bogus"'],
    [['-Z'], 'error: unsupported SysV option'],
    [['auxq'], 'error: unsupported option (BSD syntax)'],
    [['-p', 'x'], 'error: process ID list syntax error'],
  ])('refuses ps %j as procps does', (args, error) => {
    const result = world().run(['ps', ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${error}\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
  });
});

describe('procps pgrep and pkill', () => {
  it.each([
    [['sleep'], '1\n2\n', 0],
    [['-l', 'sle'], '1 sleep\n2 sleep\n', 0],
    [['-a', '-n', 'sleep'], '2 sleep 2000\n', 0],
    [['-c', '^s'], '2\n', 0],
    [['-f', '2000'], '2\n', 0],
    [['-x', 'slee'], '', 1],
    [['-d', ',', 'sleep'], '1,2\n', 0],
    // pgrep never lists itself.
    [['pgrep'], '', 1],
  ])('pgrep %j', (args, stdout, code) => {
    expect(world().run(['pgrep', ...args])).toEqual({ stdout, stderr: '', code });
  });

  it('warns that a name longer than 15 characters cannot match', () => {
    expect(world().run(['pgrep', 'kube-controller-manager'])).toEqual({
      stdout: '',
      stderr: "pgrep: pattern that searches for process name longer than 15 characters will result in zero matches\nTry `pgrep -f' option to match against the complete command line.\n",
      code: 1,
    });
  });

  it('needs something to match', () => {
    expect(world().run(['pgrep'])).toEqual({ stdout: '', stderr: "pgrep: no matching criteria specified\nTry `pgrep --help' for more information.\n", code: 2 });
  });

  it('signals what pgrep would list: SIGTERM, or the signal given', () => {
    const { sleeps, run } = world();
    expect(run(['pkill', '-e', '-f', 'sleep 2000'])).toEqual({ stdout: 'sleep killed (pid 2)\n', stderr: '', code: 0 });
    expect(sleeps[1]!.status()).toEqual({ code: 143, signal: 'SIGTERM' });
    expect(run(['pkill', '-9', 'nomatch'])).toEqual({ stdout: '', stderr: '', code: 1 });
  });
});
