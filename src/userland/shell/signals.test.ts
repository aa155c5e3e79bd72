// Signals and traps as a container sees them: the kubelet sends SIGTERM to PID 1, a shell as PID 1
// ignores it unless it trapped it, a trap runs once the foreground command is done, and `wait` is
// cut short so that `trap ... TERM; cmd & wait` shuts down at once.
import { describe, expect, test } from 'vitest';
import { shellBox } from './testkit';

function start(script: string, options: { asInit?: boolean } = {}) {
  const box = shellBox('busybox');
  if (options.asInit === false) box.run(['sleep', '3600']);
  const run = box.run(['sh', '-c', script], { env: { PATH: '/bin' } });
  box.clock.advance(100);
  return { box, run };
}

describe('signals and traps', () => {
  test('PID 1 without a trap ignores SIGTERM and keeps looping', () => {
    const { box, run } = start('while true; do sleep 1; done');
    box.kernel.signal(run.proc, 'SIGTERM');
    box.clock.advance(10_000);
    expect(run.status()).toBeUndefined();
    box.kernel.signal(run.proc, 'SIGKILL');
    expect(run.status()).toEqual({ code: 137, signal: 'SIGKILL' });
  });

  test('a TERM trap runs when the foreground command has finished', () => {
    const { box, run } = start("trap 'echo got TERM; exit 0' TERM; while true; do sleep 2; done");
    box.clock.advance(400);
    box.kernel.signal(run.proc, 'SIGTERM');
    box.clock.advance(1_000);
    expect(run.status()).toBeUndefined();
    box.clock.advance(1_000);
    expect(run.stdout()).toBe('got TERM\n');
    expect(run.status()).toEqual({ code: 0 });
  });

  test('wait is interrupted by a trapped signal: the trap runs at once, $? is 128+n', () => {
    const { box, run } = start("trap 'echo stopping' TERM; sleep 3600 & wait; echo \"wait said $?\"");
    box.kernel.signal(run.proc, 'SIGTERM');
    box.clock.advance(100);
    expect(run.stdout()).toBe('stopping\nwait said 143\n');
    expect(run.status()).toEqual({ code: 0 });
    // The namespace died with its PID 1, taking the background sleep along.
    expect(box.ns.processes.size).toBe(0);
  });

  test('a shell that is not PID 1 dies of SIGINT in the middle of a busy loop', () => {
    const { box, run } = start('while true; do :; done', { asInit: false });
    box.clock.advance(1_000);
    expect(run.status()).toBeUndefined();
    box.kernel.signal(run.proc, 'SIGINT');
    expect(run.status()).toEqual({ code: 130, signal: 'SIGINT' });
  });

  test('$? of a command killed by a signal is 128+n', () => {
    const { box, run } = start('sleep 100 & kill -9 $!; wait $!; echo $?');
    box.clock.runUntil(() => run.status() !== undefined);
    expect(run.stdout()).toBe('137\n');
  });

  test('an EXIT trap also runs when set -e stops the script', () => {
    const { box, run } = start("set -e; trap 'echo cleanup' EXIT; false; echo no");
    box.clock.runUntil(() => run.status() !== undefined);
    expect(run.stdout()).toBe('cleanup\n');
    expect(run.status()).toEqual({ code: 1 });
  });

  test('a fork loop meets the pids limit: the shell says so and gives up, as ash does', () => {
    const { box, run } = start('while true; do sleep 100 & done', { asInit: false });
    box.clock.runUntil(() => run.status() !== undefined, 60_000);
    expect(run.stderr()).toBe("sh: can't fork: Resource temporarily unavailable\n");
    expect(run.status()).toEqual({ code: 2 });
  });
});
