import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flavour } from '../lib/flavour';
import { runTool, toolBox } from './testkit';

const files = {
  '/tmp/passwd': 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\n',
  '/tmp/tabs': 'a\tb\tc\nno tabs here\n',
};

type Case = [Flavour, string[], string | undefined, { stdout?: string; stderr?: string; code: number }];

const check = (cases: Case[]): void => {
  it.each(cases)('%s %j', (flavour, argv, stdin, expected) => {
    const run = runTool(toolBox({ flavour, files }), argv, stdin === undefined ? {} : { stdin });
    expect(run).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });
};

const TRY_CUT = "Try 'cut --help' for more information.\n";
const TRY_TR = "Try 'tr --help' for more information.\n";

describe('cut', () => {
  check([
    ['gnu', ['cut', '-d:', '-f1', '/tmp/passwd'], undefined, { stdout: 'root\nbin\n', code: 0 }],
    ['busybox', ['cut', '-d', ':', '-f', '1,6-', '/tmp/passwd'], undefined, { stdout: 'root:/root:/bin/bash\nbin:/bin:/sbin/nologin\n', code: 0 }],
    ['gnu', ['cut', '-d:', '-f-2,7', '/tmp/passwd'], undefined, { stdout: 'root:x:/bin/bash\nbin:x:/sbin/nologin\n', code: 0 }],
    ['gnu', ['cut', '-f2', '/tmp/tabs'], undefined, { stdout: 'b\nno tabs here\n', code: 0 }],
    ['gnu', ['cut', '-s', '-f2', '/tmp/tabs'], undefined, { stdout: 'b\n', code: 0 }],
    ['gnu', ['cut', '-c1-3'], 'kubernetes\nk8s\n', { stdout: 'kub\nk8s\n', code: 0 }],
    ['gnu', ['cut', '-d', ' ', '-f2', '--complement'], 'a b c\n', { stdout: 'a c\n', code: 0 }],
    ['gnu', ['cut', '-d:', '-f1,3', '--output-delimiter=,', '/tmp/passwd'], undefined, { stdout: 'root,0\nbin,1\n', code: 0 }],
    ['gnu', ['cut', '/tmp/passwd'], undefined, { stderr: `cut: you must specify a list of bytes, characters, or fields\n${TRY_CUT}`, code: 1 }],
    ['busybox', ['cut', '/tmp/passwd'], undefined, { stderr: 'cut: expected a list of bytes, characters, or fields\n', code: 1 }],
    ['gnu', ['cut', '-d', '::', '-f1'], '', { stderr: `cut: the delimiter must be a single character\n${TRY_CUT}`, code: 1 }],
    ['gnu', ['cut', '-d:', '-c1'], '', { stderr: `cut: an input delimiter may be specified only when operating on fields\n${TRY_CUT}`, code: 1 }],
    ['gnu', ['cut', '-f0'], '', { stderr: `cut: fields are numbered from 1\n${TRY_CUT}`, code: 1 }],
    ['gnu', ['cut', '-f3-1'], '', { stderr: `cut: invalid decreasing range\n${TRY_CUT}`, code: 1 }],
    ['gnu', ['cut', '-fx'], '', { stderr: `cut: invalid field value 'x'\n${TRY_CUT}`, code: 1 }],
    ['gnu', ['cut', '-f1', '/tmp/nope'], undefined, { stderr: 'cut: /tmp/nope: No such file or directory\n', code: 1 }],
    ['busybox', ['cut', '-f1', '/tmp/nope'], undefined, { stderr: "cut: can't open '/tmp/nope': No such file or directory\n", code: 1 }],
  ]);

  it('prints each line as it arrives on a pipe', () => {
    const box = toolBox({ flavour: 'gnu' });
    const run = box.run(['cut', '-d', ' ', '-f1']);
    run.stdin.push('nginx Running\nredis Pen');
    box.clock.advance(1);
    expect(run.stdout()).toBe('nginx\n');
    run.stdin.push('ding\n');
    run.stdin.end();
    box.clock.advance(1);
    expect(run.stdout()).toBe('nginx\nredis\n');
  });
});

describe('tr', () => {
  check([
    ['gnu', ['tr', 'a-z', 'A-Z'], 'hello, pod\n', { stdout: 'HELLO, POD\n', code: 0 }],
    ['busybox', ['tr', '[:lower:]', '[:upper:]'], 'nginx\n', { stdout: 'NGINX\n', code: 0 }],
    ['gnu', ['tr', 'abc', 'x'], 'aabbcc\n', { stdout: 'xxxxxx\n', code: 0 }],
    ['gnu', ['tr', '-d', '\\r'], 'dos\r\n', { stdout: 'dos\n', code: 0 }],
    ['gnu', ['tr', '-d', '[:digit:]'], 'web-123-abc\n', { stdout: 'web--abc\n', code: 0 }],
    ['gnu', ['tr', '-s', ' '], 'a    b  c\n', { stdout: 'a b c\n', code: 0 }],
    ['gnu', ['tr', '-s', ' ', '\\n'], 'a   b c\n', { stdout: 'a\nb\nc\n', code: 0 }],
    ['gnu', ['tr', '-cd', '[:alnum:]\\n'], 'a-b_c!\n', { stdout: 'abc\n', code: 0 }],
    ['gnu', ['tr', ':', '\\n'], 'a:b\n', { stdout: 'a\nb\n', code: 0 }],
    ['gnu', ['tr', '-c', 'a-z\\n', '_'], 'a1b\n', { stdout: 'a_b\n', code: 0 }],
    ['gnu', ['tr'], '', { stderr: `tr: missing operand\n${TRY_TR}`, code: 1 }],
    ['gnu', ['tr', 'abc'], '', { stderr: `tr: missing operand after 'abc'\nTwo strings must be given when translating.\n${TRY_TR}`, code: 1 }],
    ['gnu', ['tr', '-d', 'a', 'b'], '', { stderr: `tr: extra operand 'b'\nOnly one string may be given when deleting without squeezing repeats.\n${TRY_TR}`, code: 1 }],
    ['gnu', ['tr', 'z-a', 'x'], '', { stderr: "tr: range-endpoints of 'z-a' are in reverse collating sequence order\n", code: 1 }],
    ['gnu', ['tr', '[:nope:]', 'x'], '', { stderr: "tr: invalid character class 'nope'\n", code: 1 }],
  ]);

  it('undoes itself: tr a-z n-za-m twice is the identity (rot13)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z .\n]{0,30}$/), (text) => {
        const box = toolBox({ flavour: 'gnu' });
        const once = runTool(box, ['tr', 'a-z', 'n-za-m'], { stdin: text }).stdout;
        expect(runTool(box, ['tr', 'a-z', 'n-za-m'], { stdin: once }).stdout).toBe(text);
      }),
      { numRuns: 30 },
    );
  });
});
