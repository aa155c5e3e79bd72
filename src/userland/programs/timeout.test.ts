import { describe, expect, it } from 'vitest';
import { sys } from '../../engine/runtime/process';
import { testBox } from '../../engine/runtime/process/testkit';
import type { Flavour } from '../lib/flavour';
import { PROGRAMS } from './index';
import { runTool, toolBox } from './testkit';

type Case = [Flavour, string[], { stdout?: string; stderr?: string; code: number; ms: number }];

const TRY = "Try 'timeout --help' for more information.\n";

describe('timeout', () => {
  const cases: Case[] = [
    ['gnu', ['timeout', '5', 'sleep', '1'], { code: 0, ms: 1000 }],
    ['gnu', ['timeout', '2', 'sleep', '60'], { code: 124, ms: 2000 }],
    ['gnu', ['timeout', '1.5s', 'sleep', '60'], { code: 124, ms: 1500 }],
    ['busybox', ['timeout', '3', 'sleep', '60'], { code: 124, ms: 3000 }],
    ['gnu', ['timeout', '--preserve-status', '2', 'sleep', '60'], { code: 143, ms: 2000 }],
    ['gnu', ['timeout', '-s', 'KILL', '2', 'sleep', '60'], { code: 137, ms: 2000 }],
    ['gnu', ['timeout', '-s', 'INT', '1m', 'sleep', '3600'], { code: 124, ms: 60_000 }],
    ['gnu', ['timeout', '5', 'cat', '/nope'], { stderr: 'cat: /nope: No such file or directory\n', code: 1, ms: 0 }],
    ['gnu', ['timeout', '5', 'nope'], { stderr: "timeout: failed to run command 'nope': No such file or directory\n", code: 127, ms: 0 }],
    ['gnu', ['timeout', 'x', 'sleep', '1'], { stderr: `timeout: invalid time interval 'x'\n${TRY}`, code: 125, ms: 0 }],
    ['gnu', ['timeout', '5'], { stderr: TRY, code: 125, ms: 0 }],
    ['gnu', ['timeout', '-q', '5', 'true'], { stderr: `timeout: invalid option -- 'q'\n${TRY}`, code: 125, ms: 0 }],
    ['gnu', ['timeout', '-s', 'BOGUS', '5', 'true'], { stderr: `timeout: BOGUS: invalid signal\n${TRY}`, code: 125, ms: 0 }],
  ];
  it.each(cases)('%s %j', (flavour, argv, expected) => {
    const box = toolBox({ flavour });
    box.run(['sleep', 'infinity']); // PID 1, which ignores signals it has no handler for
    const run = box.run(argv);
    box.clock.runUntil(() => run.status() !== undefined, 3_600_000);
    expect({ stdout: run.stdout(), stderr: run.stderr(), code: run.status()?.code }).toEqual({
      stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code,
    });
    expect(box.clock.now()).toBeLessThanOrEqual(expected.ms + 20);
    expect(box.clock.now()).toBeGreaterThanOrEqual(expected.ms);
  });

  it('sends KILL after -k when the command survives the signal: 137', () => {
    const box = testBox({
      programs: {
        'coreutils:sleep': PROGRAMS['coreutils:sleep']!,
        'coreutils:timeout': PROGRAMS['coreutils:timeout']!,
        *stubborn(proc) {
          proc.signal('SIGTERM', 'ignore');
          yield* sys.pause();
          return 0;
        },
      },
      table: { '/bin/sleep': 'coreutils:sleep', '/bin/timeout': 'coreutils:timeout', '/bin/stubborn': 'stubborn' },
    });
    box.run(['sleep', 'infinity']);
    const run = box.run(['timeout', '-k', '3', '2', 'stubborn']);
    box.clock.runUntil(() => run.status() !== undefined, 60_000);
    expect(run.status()).toEqual({ code: 137 });
    expect(box.clock.now()).toBeGreaterThanOrEqual(5000);
    expect(box.clock.now()).toBeLessThan(5100);
  });

  it('passes Ctrl-C on to the command and reports its status', () => {
    const box = toolBox({ flavour: 'gnu' });
    box.run(['sleep', 'infinity']);
    const run = box.run(['timeout', '60', 'sleep', '60']);
    box.clock.advance(1000);
    box.kernel.signal(run.proc, 'SIGINT');
    box.clock.advance(10);
    expect(run.status()).toEqual({ code: 130 });
  });

  it('leaves no process behind once it has timed out', () => {
    const box = toolBox({ flavour: 'gnu' });
    box.run(['sleep', 'infinity']);
    runTool(box, ['timeout', '1', 'sleep', '60']);
    expect(box.ns.list().map((p) => p.argv.join(' '))).toEqual(['sleep infinity']);
  });
});
