import { describe, expect, it } from 'vitest';
import { runTool, toolBox } from './testkit';

describe('env, printenv', () => {
  it('prints the environment and runs a command in a changed one', () => {
    const box = toolBox();
    expect(runTool(box, ['env'], { env: { A: '1' } }).stdout).toBe('PATH=/bin\nA=1\n');
    expect(runTool(box, ['env', '-i', 'B=2', 'env'], { env: { A: '1' } }).stdout).toBe('B=2\n');
    expect(runTool(box, ['env', '-u', 'A', 'printenv'], { env: { A: '1' } }).stdout).toBe('PATH=/bin\n');
    expect(runTool(box, ['printenv', 'A', 'MISSING'], { env: { A: '1' } })).toEqual({ stdout: '1\n', stderr: '', code: 1 });
  });

  it.each([
    ['busybox', "env: can't execute 'nope': No such file or directory\n"],
    ['gnu', "env: 'nope': No such file or directory\n"],
  ] as const)('%s env with a missing command exits 127', (flavour, stderr) => {
    expect(runTool(toolBox({ flavour }), ['env', 'nope'])).toEqual({ stdout: '', stderr, code: 127 });
  });
});

describe('ps, kill', () => {
  it('ps lists the container processes in busybox layout', () => {
    const box = toolBox();
    box.run(['sleep', '3600']);
    box.run(['sleep', 'infinity']);
    box.clock.advance(5000);
    expect(runTool(box, ['ps']).stdout).toBe(
      'PID   USER     TIME  COMMAND\n'
      + '    1 root      0:00 sleep 3600\n'
      + '    2 root      0:00 sleep infinity\n'
      + '    3 root      0:00 ps\n',
    );
    expect(runTool(box, ['ps', '-o', 'pid,ppid,etime,comm']).stdout).toBe(
      'PID   PPID  ELAPSED COMMAND\n'
      + '    1     0    0:05 sleep\n'
      + '    2     0    0:05 sleep\n'
      + '    4     0    0:00 ps\n',
    );
  });

  it('kill sends TERM by default, -9 kills, a missing pid is reported', () => {
    const box = toolBox();
    box.run(['sleep', '3600']);
    const victim = box.run(['sleep', '3600']);
    const other = box.run(['sleep', '3600']);
    box.clock.advance(1);
    expect(runTool(box, ['kill', '2']).code).toBe(0);
    expect(victim.status()).toEqual({ code: 143, signal: 'SIGTERM' });
    expect(runTool(box, ['kill', '-9', '3']).code).toBe(0);
    expect(other.status()).toEqual({ code: 137, signal: 'SIGKILL' });
    expect(runTool(box, ['kill', '-s', 'INT', '99'])).toEqual({ stdout: '', stderr: "kill: can't kill pid 99: No such process\n", code: 1 });
    expect(runTool(toolBox({ flavour: 'gnu' }), ['kill', '99'])).toEqual({ stdout: '', stderr: 'kill: (99) - No such process\n', code: 1 });
    expect(runTool(box, ['kill', '-FOO', '1']).stderr).toBe("kill: bad signal name 'FOO'\n");
  });

  it('kill -l lists and translates signals', () => {
    const box = toolBox();
    const list = runTool(box, ['kill', '-l']).stdout.split('\n');
    expect(list.slice(0, 3)).toEqual([' 1) HUP', ' 2) INT', ' 3) QUIT']);
    expect(list[8]).toBe(' 9) KILL');
    expect(runTool(box, ['kill', '-l', '9']).stdout).toBe('KILL\n');
    expect(runTool(box, ['kill', '-l', 'TERM']).stdout).toBe('15\n');
    expect(runTool(box, ['kill', '-l', '143']).stdout).toBe('TERM\n');
  });
});
