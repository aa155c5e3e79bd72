import { describe, expect, it } from 'vitest';
import type { Flavour } from '../lib/flavour';
import { parseDateInput, parseDuration } from './system';
import { runTool, toolBox } from './testkit';

const files = {
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
  '/etc/group': 'root:x:0:\nbin:x:1:root\nwheel:x:10:root\n',
  '/etc/hosts': '127.0.0.1\tlocalhost\n10.244.1.5\tbox\n',
};

type Case = [Flavour, string[], { stdout?: string; stderr?: string; code: number }];

describe('sleep', () => {
  it.each([
    ['3600', 3_600_000],
    ['1.5', 1500],
    ['1m', 60_000],
    ['2h', 7_200_000],
  ])('sleep %s takes %i ms of simulated time', (arg, ms) => {
    const box = toolBox();
    box.run(['sleep', 'infinity']); // PID 1
    const run = box.run(['sleep', arg]);
    box.clock.advance(ms - 1);
    expect(run.status()).toBeUndefined();
    box.clock.advance(1);
    expect(run.status()).toEqual({ code: 0 });
  });

  it('adds several operands and sleeps forever on infinity', () => {
    const box = toolBox();
    const forever = box.run(['sleep', 'infinity']);
    const sum = box.run(['sleep', '1', '1m']);
    box.clock.advance(61_000);
    expect(sum.status()).toEqual({ code: 0 });
    box.clock.advance(10 * 86_400_000);
    expect(forever.status()).toBeUndefined();
  });

  it.each([
    ['busybox', ['sleep', 'x'], { stderr: "sleep: invalid number 'x'\n", code: 1 }],
    ['gnu', ['sleep', 'x'], { stderr: "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n", code: 1 }],
    ['gnu', ['sleep'], { stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n", code: 1 }],
  ] as Case[])('%s %j', (flavour, argv, expected) => {
    expect(runTool(toolBox({ flavour }), argv)).toEqual({ stdout: '', stderr: expected.stderr, code: expected.code });
  });

  it('parseDuration', () => {
    expect(parseDuration('.5')).toBe(0.5);
    expect(parseDuration('1d')).toBe(86_400);
    expect(parseDuration('1x')).toBeUndefined();
    expect(parseDuration('-1')).toBeUndefined();
  });
});

describe('small system tools', () => {
  const cases: Case[] = [
    ['busybox', ['pwd'], { stdout: '/\n', code: 0 }],
    ['busybox', ['basename', '/usr/share/nginx/html/index.html'], { stdout: 'index.html\n', code: 0 }],
    ['busybox', ['basename', '/a/b.txt', '.txt'], { stdout: 'b\n', code: 0 }],
    ['busybox', ['basename', '/'], { stdout: '/\n', code: 0 }],
    ['gnu', ['dirname', '/usr/share/nginx/html/index.html'], { stdout: '/usr/share/nginx/html\n', code: 0 }],
    ['gnu', ['dirname', 'file'], { stdout: '.\n', code: 0 }],
    ['gnu', ['dirname', '/file'], { stdout: '/\n', code: 0 }],
    ['busybox', ['hostname'], { stdout: 'box\n', code: 0 }],
    ['busybox', ['hostname', '-i'], { stdout: '10.244.1.5 \n', code: 0 }],
    ['gnu', ['hostname', '-i'], { stdout: '10.244.1.5 \n', code: 0 }],
    ['gnu', ['hostname', '-I'], { stdout: '10.244.1.5 \n', code: 0 }],
    ['busybox', ['hostname', 'other'], { stderr: 'hostname: sethostname: Operation not permitted\n', code: 1 }],
    ['busybox', ['uname'], { stdout: 'Linux\n', code: 0 }],
    ['busybox', ['uname', '-a'], { stdout: 'Linux box 6.1.0-17-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.69-1 (2023-12-30) x86_64 GNU/Linux\n', code: 0 }],
    ['gnu', ['uname', '-rm'], { stdout: '6.1.0-17-amd64 x86_64\n', code: 0 }],
    ['busybox', ['id'], { stdout: 'uid=0(root) gid=0(root) groups=0(root),1(bin),10(wheel)\n', code: 0 }],
    ['busybox', ['id', '-un'], { stdout: 'root\n', code: 0 }],
    ['gnu', ['whoami'], { stdout: 'root\n', code: 0 }],
    // The clock starts on Monday Jan 5 2026, 09:00:00 UTC.
    ['busybox', ['date'], { stdout: 'Mon Jan  5 09:00:00 UTC 2026\n', code: 0 }],
    ['gnu', ['date', '+%Y-%m-%d %H:%M:%S %s'], { stdout: '2026-01-05 09:00:00 1767603600\n', code: 0 }],
    ['busybox', ['date', '-R'], { stdout: 'Mon, 05 Jan 2026 09:00:00 +0000\n', code: 0 }],
    ['busybox', ['date', '-d', '@0'], { stdout: 'Thu Jan  1 00:00:00 UTC 1970\n', code: 0 }],
    ['busybox', ['date', '-d', 'soon'], { stderr: "date: invalid date 'soon'\n", code: 1 }],
    ['busybox', ['date', '-s', '2020-01-01'], { stderr: "date: can't set date: Operation not permitted\n", code: 1 }],
  ];
  it.each(cases)('%s %j', (flavour, argv, expected) => {
    const run = runTool(toolBox({ flavour, files, ip: '10.244.1.5' }), argv);
    expect(run).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });

  it('hostname -i falls back to /etc/hosts without a pod address', () => {
    expect(runTool(toolBox({ files }), ['hostname', '-i']).stdout).toBe('10.244.1.5 \n');
  });

  it('date follows the simulated clock', () => {
    const box = toolBox();
    box.clock.advance(90_061_000);
    expect(runTool(box, ['date']).stdout).toBe('Tue Jan  6 10:01:01 UTC 2026\n');
  });

  it('parseDateInput', () => {
    expect(parseDateInput('2024-02-19 06:16:40')).toBe(Date.UTC(2024, 1, 19, 6, 16, 40));
    expect(parseDateInput('2024-02-19')).toBe(Date.UTC(2024, 1, 19));
    expect(parseDateInput('yesterday')).toBeUndefined();
  });
});
