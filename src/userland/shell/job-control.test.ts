// Job control as a learner meets it at an interactive bash (the nodes) or busybox sh (containers):
// `cmd &`, `jobs`, Ctrl-Z, `fg`, `bg`, `kill %1`, `wait %1`, and the notices before each prompt.
// Each case types lines (and keys) into a shell on a terminal and compares the whole screen.
import { describe, expect, test } from 'vitest';
import { TtyFile } from '../../engine/runtime/process';
import type { ShellDialect } from './errors';
import { shellBox, withoutPasteMode } from './testkit';

const CTRL_C = '\x03';
const CTRL_Z = '\x1a';

/** Types each step (`keys`, then `ms` of simulated time; a line gets Enter) and returns the screen. */
function screenAfter(dialect: ShellDialect, steps: readonly (string | readonly [string, number])[]): string {
  const box = shellBox(dialect);
  let screen = '';
  const tty = new TtyFile((data) => (screen += data));
  box.kernel.spawn(box.ns, [dialect === 'bash' ? 'bash' : 'sh'], {
    env: { PATH: '/bin', HOME: '/root', TERM: 'xterm', PS1: '$ ' },
    files: [tty, tty, tty],
    cwd: '/root',
  });
  box.clock.advance(100);
  for (const step of steps) {
    const [keys, ms] = typeof step === 'string' ? [step, 100] : step;
    tty.push(keys === CTRL_C || keys === CTRL_Z ? keys : `${keys}\r`);
    box.clock.advance(ms);
  }
  return withoutPasteMode(screen).replace(/\r\n/g, '\n');
}

const BASH_CASES: readonly { name: string; steps: (string | [string, number])[]; screen: string }[] = [
  {
    name: 'a background job: [1] pid, Running in jobs, Done before the prompt after it ended',
    steps: ['sleep 3 &', ['jobs', 3_000], '', 'jobs'],
    screen: '$ sleep 3 &\n[1] 2\n$ jobs\n[1]+  Running                 sleep 3 &\n$ \n[1]+  Done                    sleep 3\n$ jobs\n$ ',
  },
  {
    name: 'current (+) and previous (-) jobs; Exit N; jobs shows an ended job once',
    steps: ['sleep 100 &', 'sleep 200 &', 'exitwith 3 &', ['', 100], 'sleep 300 &', 'jobs', 'jobs'],
    screen: '$ sleep 100 &\n[1] 2\n$ sleep 200 &\n[2] 3\n$ exitwith 3 &\n[3] 4\n$ \n[3]+  Exit 3                  exitwith 3\n'
      + '$ sleep 300 &\n[3] 5\n$ jobs\n[1]   Running                 sleep 100 &\n[2]-  Running                 sleep 200 &\n[3]+  Running                 sleep 300 &\n'
      + '$ jobs\n[1]   Running                 sleep 100 &\n[2]-  Running                 sleep 200 &\n[3]+  Running                 sleep 300 &\n$ ',
  },
  {
    name: 'kill %1, kill %% and kill %sle: Terminated before the next prompt; an ambiguous prefix',
    steps: ['sleep 100 &', 'sleep 200 &', 'kill %sle', 'kill %1', 'kill %%', 'jobs'],
    screen: '$ sleep 100 &\n[1] 2\n$ sleep 200 &\n[2] 3\n$ kill %sle\nbash: kill: sle: ambiguous job spec\n'
      + '$ kill %1\n[1]-  Terminated              sleep 100\n$ kill %%\n[2]+  Terminated              sleep 200\n$ jobs\n$ ',
  },
  {
    name: 'Ctrl-Z stops the foreground job (148); bg continues it; fg brings it back; Ctrl-C ends it',
    steps: ['sleep 100', CTRL_Z, 'echo $?', 'jobs', 'bg', 'jobs -l', 'fg', CTRL_C, 'jobs'],
    screen: '$ sleep 100\n^Z\n[1]+  Stopped                 sleep 100\n$ echo $?\n148\n$ jobs\n[1]+  Stopped                 sleep 100\n'
      + '$ bg\n[1]+ sleep 100 &\n$ jobs -l\n[1]+     2 Running                 sleep 100 &\n$ fg\nsleep 100\n^C\n$ jobs\n$ ',
  },
  {
    name: 'fg waits for the job to end and takes its status; kill %1 ends a stopped job',
    steps: ['sleep 1', CTRL_Z, ['fg %1', 1_000], 'echo $?', 'sleep 100', CTRL_Z, 'kill %1', 'jobs'],
    screen: '$ sleep 1\n^Z\n[1]+  Stopped                 sleep 1\n$ fg %1\nsleep 1\n$ echo $?\n0\n'
      + '$ sleep 100\n^Z\n[1]+  Stopped                 sleep 100\n$ kill %1\n[1]+  Terminated              sleep 100\n$ jobs\n$ ',
  },
  {
    name: 'a stopped pipeline is one job; Ctrl-Z breaks out of a loop',
    steps: ['sleep 100 | cat', CTRL_Z, 'while true; do sleep 1; done', CTRL_Z, 'jobs', 'jobs -p'],
    screen: '$ sleep 100 | cat\n^Z\n[1]+  Stopped                 sleep 100 | cat\n$ while true; do sleep 1; done\n^Z\n[2]+  Stopped                 sleep 1\n'
      + '$ jobs\n[1]-  Stopped                 sleep 100 | cat\n[2]+  Stopped                 sleep 1\n$ jobs -p\n2\n4\n$ ',
  },
  {
    name: 'a stopped job stays current when a job starts in the background',
    steps: ['sleep 100', CTRL_Z, 'sleep 200 &', 'jobs'],
    screen: '$ sleep 100\n^Z\n[1]+  Stopped                 sleep 100\n$ sleep 200 &\n[2] 3\n$ jobs\n[1]+  Stopped                 sleep 100\n[2]-  Running                 sleep 200 &\n$ ',
  },
  {
    name: 'wait %1 gives the job\'s status; the job has left the table',
    steps: ['exitwith 7 &', 'wait %1; echo $?', 'wait %1'],
    screen: '$ exitwith 7 &\n[1] 2\n$ wait %1; echo $?\n7\n$ wait %1\nbash: wait: %1: no such job\n$ ',
  },
  {
    name: 'the messages for a job that is not there',
    steps: ['fg', 'bg', 'fg %3', 'jobs %5', 'kill %5', 'sleep 100 &', 'bg', 'jobs -z'],
    screen: '$ fg\nbash: fg: current: no such job\n$ bg\nbash: bg: current: no such job\n$ fg %3\nbash: fg: %3: no such job\n'
      + '$ jobs %5\nbash: jobs: %5: no such job\n$ kill %5\nbash: kill: %5: no such job\n$ sleep 100 &\n[1] 2\n$ bg\nbash: bg: job 1 already in background\n'
      + '$ jobs -z\nbash: jobs: -z: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n$ ',
  },
  {
    name: 'a job started in another directory says where',
    steps: ['sleep 100 &', 'cd /tmp', 'jobs', 'kill %1'],
    screen: '$ sleep 100 &\n[1] 2\n$ cd /tmp\n$ jobs\n[1]+  Running                 sleep 100 &  (wd: ~)\n$ kill %1\n[1]+  Terminated              sleep 100  (wd: ~)\n$ ',
  },
];

const ASH_CASES: typeof BASH_CASES = [
  {
    name: 'jobs lists the most recent first, the command at column 33; Done(N); notices before the prompt',
    steps: ['sleep 100 &', 'sleep 200 &', 'exitwith 3 &', ['', 100], 'jobs', 'jobs -l'],
    screen: '$ sleep 100 &\n[1] 2\n$ sleep 200 &\n[2] 3\n$ exitwith 3 &\n[3] 4\n$ \n[3]+  Done(3)                    exitwith 3\n'
      + '$ jobs\n[2]+  Running                    sleep 200\n[1]-  Running                    sleep 100\n'
      + '$ jobs -l\n[2]+  3 Running                  sleep 200\n[1]-  2 Running                  sleep 100\n$ ',
  },
  {
    name: 'Ctrl-Z: the notice comes with the prompt; bg and fg say the command; kill %1 waits for a stopped job to continue',
    steps: ['sleep 100', CTRL_Z, 'bg', 'fg %1', CTRL_Z, 'kill %1', 'jobs', 'fg'],
    screen: '$ sleep 100\n^Z[1]+  Stopped                    sleep 100\n$ bg\n[1] sleep 100\n$ fg %1\nsleep 100\n^Z[1]+  Stopped                    sleep 100\n'
      + '$ kill %1\n$ jobs\n[1]+  Stopped                    sleep 100\n$ fg\nsleep 100\nTerminated\n$ ',
  },
  {
    name: 'the messages for a job that is not there',
    steps: ['fg', 'fg %3', 'jobs %5', 'fg 1', 'kill %-'],
    screen: '$ fg\nsh: fg: No current job\n$ fg %3\nsh: fg: %3: no such job\n$ jobs %5\nsh: jobs: %5: no such job\n$ fg 1\nsh: fg: 1: no such job\n'
      + '$ kill %-\nsh: kill: No previous job\n$ ',
  },
];

describe('job control at an interactive bash', () => {
  test.each(BASH_CASES)('$name', ({ steps, screen }) => {
    expect(screenAfter('bash', steps)).toBe(screen);
  });
});

describe('job control at an interactive busybox sh', () => {
  test.each(ASH_CASES)('$name', ({ steps, screen }) => {
    expect(screenAfter('busybox', steps)).toBe(screen);
  });
});

describe('jobs in a script: no notices, no fg', () => {
  test.each([
    ['bash', 'sleep 1 & jobs; kill %1; wait %1; echo $?; fg', '[1]+  Running                 sleep 1 &\n143\n', 'bash: line 1: fg: no job control\n'],
    ['busybox', 'sleep 1 & jobs; wait %1; echo $?; jobs', '[1]+  Running                    sleep 1\n0\n', ''],
  ] as const)('%s', (dialect, script, stdout, stderr) => {
    const run = shellBox(dialect).sh(script);
    expect([run.stdout, run.stderr]).toEqual([stdout, stderr]);
  });
});
