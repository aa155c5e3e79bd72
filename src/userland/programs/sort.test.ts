import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flavour } from '../lib/flavour';
import { runTool, toolBox } from './testkit';

const files = {
  '/tmp/pods': 'web-2 Running 3\napi-1 Pending 10\nweb-1 Running 1\ndb-0 Running 2\n',
  '/tmp/sizes': '1.5G\n200K\n3M\n10K\n-2M\n',
  '/tmp/passwd': 'root:x:0:0\nbin:x:1:1\nnobody:x:65534:65534\nadm:x:3:4\n',
  '/tmp/dups': 'a\na\nb\nA\nc\nc\nc\n',
};

type Case = [Flavour, string[], string | undefined, { stdout?: string; stderr?: string; code: number }];

const check = (cases: Case[]): void => {
  it.each(cases)('%s %j', (flavour, argv, stdin, expected) => {
    const run = runTool(toolBox({ flavour, files }), argv, stdin === undefined ? {} : { stdin });
    expect(run).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });
};

describe('sort', () => {
  check([
    ['gnu', ['sort', '/tmp/pods'], undefined, { stdout: 'api-1 Pending 10\ndb-0 Running 2\nweb-1 Running 1\nweb-2 Running 3\n', code: 0 }],
    ['busybox', ['sort', '-r', '/tmp/pods'], undefined, { stdout: 'web-2 Running 3\nweb-1 Running 1\ndb-0 Running 2\napi-1 Pending 10\n', code: 0 }],
    ['gnu', ['sort', '-k3', '-n', '/tmp/pods'], undefined, { stdout: 'web-1 Running 1\ndb-0 Running 2\nweb-2 Running 3\napi-1 Pending 10\n', code: 0 }],
    ['gnu', ['sort', '-k3nr', '/tmp/pods'], undefined, { stdout: 'api-1 Pending 10\nweb-2 Running 3\ndb-0 Running 2\nweb-1 Running 1\n', code: 0 }],
    ['gnu', ['sort', '-k3', '/tmp/pods'], undefined, { stdout: 'web-1 Running 1\napi-1 Pending 10\ndb-0 Running 2\nweb-2 Running 3\n', code: 0 }],
    // Ties on the key fall back to the whole line.
    ['gnu', ['sort', '-k2,2', '/tmp/pods'], undefined, { stdout: 'api-1 Pending 10\ndb-0 Running 2\nweb-1 Running 1\nweb-2 Running 3\n', code: 0 }],
    ['gnu', ['sort', '-s', '-k2,2', '/tmp/pods'], undefined, { stdout: 'api-1 Pending 10\nweb-2 Running 3\nweb-1 Running 1\ndb-0 Running 2\n', code: 0 }],
    ['gnu', ['sort', '-t:', '-k3', '-n', '/tmp/passwd'], undefined, { stdout: 'root:x:0:0\nbin:x:1:1\nadm:x:3:4\nnobody:x:65534:65534\n', code: 0 }],
    ['gnu', ['sort', '-h', '/tmp/sizes'], undefined, { stdout: '-2M\n10K\n200K\n3M\n1.5G\n', code: 0 }],
    ['gnu', ['sort', '-n'], '10\n9\nx\n-1\n', { stdout: '-1\nx\n9\n10\n', code: 0 }],
    ['gnu', ['sort', '-u'], 'b\na\nb\n', { stdout: 'a\nb\n', code: 0 }],
    ['gnu', ['sort', '-k2,2', '-u', '/tmp/pods'], undefined, { stdout: 'api-1 Pending 10\nweb-2 Running 3\n', code: 0 }],
    ['gnu', ['sort', '-f'], 'b\nB\na\n', { stdout: 'a\nB\nb\n', code: 0 }],
    ['gnu', ['sort', '-c'], 'a\nc\nb\n', { stderr: 'sort: -:3: disorder: b\n', code: 1 }],
    ['gnu', ['sort', '-c'], 'a\nb\n', { code: 0 }],
    ['gnu', ['sort', '/tmp/nope'], undefined, { stderr: 'sort: cannot read: /tmp/nope: No such file or directory\n', code: 2 }],
    ['busybox', ['sort', '/tmp/nope'], undefined, { stderr: "sort: can't open '/tmp/nope': No such file or directory\n", code: 1 }],
    ['gnu', ['sort', '-Q'], '', { stderr: "sort: invalid option -- 'Q'\nTry 'sort --help' for more information.\n", code: 2 }],
    ['gnu', ['sort', '-k0'], '', { stderr: "sort: field number is zero: invalid field specification '0'\n", code: 2 }],
    ['gnu', ['sort', '-t', 'ab'], '', { stderr: "sort: multi-character tab 'ab'\n", code: 2 }],
  ]);

  it('writes -o FILE, which may be one of its inputs', () => {
    const box = toolBox({ flavour: 'gnu', files });
    expect(runTool(box, ['sort', '-o', '/tmp/pods', '/tmp/pods']).code).toBe(0);
    expect(runTool(box, ['cat', '/tmp/pods']).stdout).toBe('api-1 Pending 10\ndb-0 Running 2\nweb-1 Running 1\nweb-2 Running 3\n');
  });

  it('orders any lines so that sort -c accepts them, keeping every line', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-c0-9 ]{0,6}$/), { maxLength: 12 }), fc.constantFrom<string[]>([], ['-n'], ['-r'], ['-k2'], ['-u']), (lines, flags) => {
        const box = toolBox({ flavour: 'gnu' });
        const input = lines.map((l) => `${l}\n`).join('');
        const sorted = runTool(box, ['sort', ...flags], { stdin: input }).stdout;
        expect(runTool(box, ['sort', '-c', ...flags], { stdin: sorted }).code).toBe(0);
        if (!flags.includes('-u')) expect(sorted.split('\n').sort()).toEqual(input.split('\n').sort());
      }),
      { numRuns: 40 },
    );
  });
});

describe('uniq', () => {
  check([
    ['gnu', ['uniq', '/tmp/dups'], undefined, { stdout: 'a\nb\nA\nc\n', code: 0 }],
    ['gnu', ['uniq', '-c', '/tmp/dups'], undefined, { stdout: '      2 a\n      1 b\n      1 A\n      3 c\n', code: 0 }],
    ['busybox', ['uniq', '-c', '/tmp/dups'], undefined, { stdout: '      2 a\n      1 b\n      1 A\n      3 c\n', code: 0 }],
    ['gnu', ['uniq', '-d', '/tmp/dups'], undefined, { stdout: 'a\nc\n', code: 0 }],
    ['gnu', ['uniq', '-u', '/tmp/dups'], undefined, { stdout: 'b\nA\n', code: 0 }],
    ['gnu', ['uniq', '-i', '-c'], 'a\nA\nb\n', { stdout: '      2 a\n      1 b\n', code: 0 }],
    ['gnu', ['uniq', '-f', '1'], 'x same\ny same\nz other\n', { stdout: 'x same\nz other\n', code: 0 }],
    ['gnu', ['uniq', '/tmp/nope'], undefined, { stderr: 'uniq: /tmp/nope: No such file or directory\n', code: 1 }],
    ['busybox', ['uniq', '/tmp/nope'], undefined, { stderr: "uniq: can't open '/tmp/nope': No such file or directory\n", code: 1 }],
    ['gnu', ['uniq', '-f', 'x'], '', { stderr: 'uniq: x: invalid number of fields to skip\n', code: 1 }],
  ]);

  it('counts what sort | uniq -c counts in a pipeline', () => {
    const box = toolBox({ flavour: 'gnu', files });
    const sorted = runTool(box, ['sort', '/tmp/dups']).stdout;
    expect(runTool(box, ['uniq', '-c'], { stdin: sorted }).stdout).toBe('      1 A\n      2 a\n      1 b\n      3 c\n');
  });
});
