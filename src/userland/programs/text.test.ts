import { describe, expect, it } from 'vitest';
import type { Flavour } from '../lib/flavour';
import { TAIL_FOLLOW_MS } from './text';
import { runTool, toolBox } from './testkit';

const files = {
  '/tmp/lines': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n',
  '/tmp/short': 'a b\nc\n',
  '/tmp/dir/x': 'x',
};

type Case = [Flavour, string[], string | undefined, { stdout?: string; stderr?: string; code: number }];

describe('cat, head, tail, wc', () => {
  const cases: Case[] = [
    ['busybox', ['cat', '/tmp/short'], undefined, { stdout: 'a b\nc\n', code: 0 }],
    ['busybox', ['cat'], 'from stdin\n', { stdout: 'from stdin\n', code: 0 }],
    ['busybox', ['cat', '/tmp/short', '-'], 'more\n', { stdout: 'a b\nc\nmore\n', code: 0 }],
    ['busybox', ['cat', '-n', '/tmp/short'], undefined, { stdout: '     1\ta b\n     2\tc\n', code: 0 }],
    ['busybox', ['cat', '/tmp/nope'], undefined, { stderr: "cat: can't open '/tmp/nope': No such file or directory\n", code: 1 }],
    ['gnu', ['cat', '/tmp/nope'], undefined, { stderr: 'cat: /tmp/nope: No such file or directory\n', code: 1 }],
    ['busybox', ['cat', '/tmp/dir'], undefined, { stderr: 'cat: read error: Is a directory\n', code: 1 }],
    ['gnu', ['cat', '/tmp/dir'], undefined, { stderr: 'cat: /tmp/dir: Is a directory\n', code: 1 }],
    ['busybox', ['head', '-n', '2', '/tmp/lines'], undefined, { stdout: 'one\ntwo\n', code: 0 }],
    ['busybox', ['head', '-3', '/tmp/lines'], undefined, { stdout: 'one\ntwo\nthree\n', code: 0 }],
    ['gnu', ['head', '-n', '-10', '/tmp/lines'], undefined, { stdout: 'one\ntwo\n', code: 0 }],
    ['busybox', ['head', '-c', '5', '/tmp/lines'], undefined, { stdout: 'one\nt', code: 0 }],
    ['gnu', ['head', '/tmp/lines'], undefined, { stdout: 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n', code: 0 }],
    ['busybox', ['tail', '-n', '2', '/tmp/lines'], undefined, { stdout: 'eleven\ntwelve\n', code: 0 }],
    ['busybox', ['tail', '-2', '/tmp/lines'], undefined, { stdout: 'eleven\ntwelve\n', code: 0 }],
    ['gnu', ['tail', '-n', '+11', '/tmp/lines'], undefined, { stdout: 'eleven\ntwelve\n', code: 0 }],
    ['gnu', ['tail', '-n', '1', '/tmp/short', '/tmp/lines'], undefined, { stdout: '==> /tmp/short <==\nc\n\n==> /tmp/lines <==\ntwelve\n', code: 0 }],
    ['gnu', ['tail', '/tmp/nope'], undefined, { stderr: "tail: cannot open '/tmp/nope' for reading: No such file or directory\n", code: 1 }],
    ['busybox', ['head', '-n', 'x', '/tmp/lines'], undefined, { stderr: "head: invalid number 'x'\n", code: 1 }],
    ['gnu', ['head', '-n', 'x', '/tmp/lines'], undefined, { stderr: "head: invalid number of lines: 'x'\n", code: 1 }],
    ['busybox', ['wc', '/tmp/short'], undefined, { stdout: '        2         3         6 /tmp/short\n', code: 0 }],
    ['gnu', ['wc', '/tmp/short'], undefined, { stdout: '2 3 6 /tmp/short\n', code: 0 }],
    ['gnu', ['wc', '/tmp/lines'], undefined, { stdout: '12 12 63 /tmp/lines\n', code: 0 }],
    ['busybox', ['wc', '-l'], 'a\nb\n', { stdout: '2\n', code: 0 }],
    ['gnu', ['wc', '-l'], 'a\nb\n', { stdout: '2\n', code: 0 }],
    ['gnu', ['wc'], 'a b\n', { stdout: '      1       2       4\n', code: 0 }],
    ['busybox', ['wc', '-l', '/tmp/short'], undefined, { stdout: '        2 /tmp/short\n', code: 0 }],
    ['gnu', ['wc', '-l', '/tmp/short'], undefined, { stdout: '2 /tmp/short\n', code: 0 }],
    ['gnu', ['wc', '-l', '/tmp/short', '/tmp/lines'], undefined, { stdout: ' 2 /tmp/short\n12 /tmp/lines\n14 total\n', code: 0 }],
    ['busybox', ['wc', '-w', '/tmp/nope'], undefined, { stderr: 'wc: /tmp/nope: No such file or directory\n', code: 1 }],
  ];
  it.each(cases)('%s %j', (flavour, argv, stdin, expected) => {
    const run = runTool(toolBox({ flavour, files }), argv, stdin === undefined ? {} : { stdin });
    expect(run).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });

  it('tail -f prints what is appended until it is killed', () => {
    const box = toolBox({ files: { '/var/log/app.log': 'start\n' } });
    box.run(['sleep', '3600']); // PID 1 keeps the namespace alive
    const run = box.run(['tail', '-f', '/var/log/app.log']);
    box.clock.advance(10);
    expect(run.stdout()).toBe('start\n');
    box.ns.fs.appendFile('/var/log/app.log', 'next line\n', box.clock.now());
    box.clock.advance(TAIL_FOLLOW_MS);
    expect(run.stdout()).toBe('start\nnext line\n');
    box.kernel.signal(run.proc, 'SIGINT');
    expect(run.status()).toEqual({ code: 130, signal: 'SIGINT' });
  });

  it('cat streams stdin as it arrives', () => {
    const box = toolBox();
    const run = box.run(['cat']);
    box.clock.advance(1);
    run.stdin.push('typed\n');
    box.clock.advance(1);
    expect(run.stdout()).toBe('typed\n');
    expect(run.status()).toBeUndefined();
    run.stdin.end();
    box.clock.advance(1);
    expect(run.status()).toEqual({ code: 0 });
  });
});

describe('grep', () => {
  const grepFiles = { '/tmp/log': 'INFO start\nERROR disk full\ninfo again\nWARN (low)\n', '/tmp/other': 'nothing\n' };
  const cases: Case[] = [
    ['busybox', ['grep', 'ERROR', '/tmp/log'], undefined, { stdout: 'ERROR disk full\n', code: 0 }],
    ['busybox', ['grep', '-i', 'info', '/tmp/log'], undefined, { stdout: 'INFO start\ninfo again\n', code: 0 }],
    ['busybox', ['grep', '-v', 'o', '/tmp/log'], undefined, { stdout: 'INFO start\nERROR disk full\n', code: 0 }],
    ['gnu', ['grep', '-n', 'again', '/tmp/log'], undefined, { stdout: '3:info again\n', code: 0 }],
    ['gnu', ['grep', '-c', 'n', '/tmp/log'], undefined, { stdout: '1\n', code: 0 }],
    ['gnu', ['grep', '-ic', 'n', '/tmp/log'], undefined, { stdout: '3\n', code: 0 }],
    ['gnu', ['grep', '-q', 'disk', '/tmp/log'], undefined, { code: 0 }],
    ['gnu', ['grep', 'zzz', '/tmp/log'], undefined, { code: 1 }],
    ['gnu', ['grep', '-E', 'ERROR|WARN', '/tmp/log'], undefined, { stdout: 'ERROR disk full\nWARN (low)\n', code: 0 }],
    ['gnu', ['grep', 'ERROR|WARN', '/tmp/log'], undefined, { code: 1 }],
    ['gnu', ['grep', 'ERROR\\|WARN', '/tmp/log'], undefined, { stdout: 'ERROR disk full\nWARN (low)\n', code: 0 }],
    ['gnu', ['grep', '(low)', '/tmp/log'], undefined, { stdout: 'WARN (low)\n', code: 0 }],
    ['gnu', ['grep', '^[[:upper:]]\\{4\\} ', '/tmp/log'], undefined, { stdout: 'INFO start\nWARN (low)\n', code: 0 }],
    ['gnu', ['grep', 'o', '/tmp/log', '/tmp/other'], undefined, { stdout: '/tmp/log:info again\n/tmp/log:WARN (low)\n/tmp/other:nothing\n', code: 0 }],
    ['gnu', ['grep', '-l', 'o', '/tmp/log', '/tmp/other'], undefined, { stdout: '/tmp/log\n/tmp/other\n', code: 0 }],
    ['gnu', ['grep', '-o', 'in[a-z]*', '/tmp/log'], undefined, { stdout: 'info\nin\n', code: 0 }],
    ['gnu', ['grep', '-w', 'in', '/tmp/log'], undefined, { code: 1 }],
    ['gnu', ['grep', 'x', '/tmp/nope'], undefined, { stderr: 'grep: /tmp/nope: No such file or directory\n', code: 2 }],
    ['gnu', ['grep', '-E', '(a', '/tmp/log'], undefined, { stderr: 'grep: Unmatched ( or \\(\n', code: 2 }],
    ['gnu', ['grep', 'nginx'], 'pod/nginx 1/1\npod/busybox 0/1\n', { stdout: 'pod/nginx 1/1\n', code: 0 }],
    ['gnu', ['grep'], undefined, { stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", code: 2 }],
    // Context: `-` marks the lines around a selected one, `--` separates groups that do not touch.
    ['gnu', ['grep', '-A1', 'ERROR', '/tmp/log'], undefined, { stdout: 'ERROR disk full\ninfo again\n', code: 0 }],
    ['gnu', ['grep', '-n', '-B', '1', 'WARN', '/tmp/log'], undefined, { stdout: '3-info again\n4:WARN (low)\n', code: 0 }],
    ['gnu', ['grep', '-C1', 'start', '/tmp/log'], undefined, { stdout: 'INFO start\nERROR disk full\n', code: 0 }],
    ['gnu', ['grep', '-i', '-A', '0', 'info', '/tmp/log'], undefined, { stdout: 'INFO start\n--\ninfo again\n', code: 0 }],
    ['busybox', ['grep', '-m', '1', '-i', 'info', '/tmp/log'], undefined, { stdout: 'INFO start\n', code: 0 }],
    ['gnu', ['grep', '-A', 'x', 'info', '/tmp/log'], undefined, { stderr: 'grep: x: invalid context length argument\n', code: 2 }],
  ];
  it.each(cases)('%s %j', (flavour, argv, stdin, expected) => {
    const run = runTool(toolBox({ flavour, files: grepFiles }), argv, stdin === undefined ? {} : { stdin });
    expect(run).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });

  it('prints matching lines while its input is still open', () => {
    const box = toolBox();
    const run = box.run(['grep', 'error']);
    run.stdin.push('ok\nan error\npartial err');
    box.clock.advance(1);
    expect(run.stdout()).toBe('an error\n');
    run.stdin.push('or\n');
    run.stdin.end();
    box.clock.advance(1);
    expect(run.stdout()).toBe('an error\npartial error\n');
    expect(run.status()).toEqual({ code: 0 });
  });
});
