import { describe, expect, it } from 'vitest';
import type { Flavour } from '../lib/flavour';
import { parseMode } from './files';
import { runTool, toolBox } from './testkit';

const files = {
  '/tmp/a.txt': 'alpha\n',
  '/tmp/dir/inner.txt': 'inner\n',
  '/usr/share/nginx/html/index.html': '<h1>hi</h1>\n',
  '/etc/hosts': '127.0.0.1 localhost\n',
};

type Case = [Flavour, string[], { stdout?: string; stderr?: string; code: number }];

describe('touch, rm, mkdir, cp, mv, chmod: messages per flavour', () => {
  const cases: Case[] = [
    ['busybox', ['rm', '/tmp/missing'], { stderr: "rm: can't remove '/tmp/missing': No such file or directory\n", code: 1 }],
    ['gnu', ['rm', '/tmp/missing'], { stderr: "rm: cannot remove '/tmp/missing': No such file or directory\n", code: 1 }],
    ['busybox', ['rm', '-f', '/tmp/missing'], { code: 0 }],
    ['busybox', ['rm', '/tmp/dir'], { stderr: "rm: '/tmp/dir' is a directory\n", code: 1 }],
    ['gnu', ['rm', '/tmp/dir'], { stderr: "rm: cannot remove '/tmp/dir': Is a directory\n", code: 1 }],
    ['gnu', ['rm'], { stderr: "rm: missing operand\nTry 'rm --help' for more information.\n", code: 1 }],
    ['busybox', ['rm', '-z', 'x'], { stderr: "rm: invalid option -- 'z'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: rm [-irf] FILE...\n", code: 1 }],
    ['busybox', ['mkdir', '/tmp/dir'], { stderr: "mkdir: can't create directory '/tmp/dir': File exists\n", code: 1 }],
    ['gnu', ['mkdir', '/tmp/x/y'], { stderr: "mkdir: cannot create directory '/tmp/x/y': No such file or directory\n", code: 1 }],
    ['busybox', ['touch', '/nope/x'], { stderr: 'touch: /nope/x: No such file or directory\n', code: 1 }],
    ['gnu', ['touch', '/nope/x'], { stderr: "touch: cannot touch '/nope/x': No such file or directory\n", code: 1 }],
    ['busybox', ['cp', '/tmp/missing', '/tmp/b'], { stderr: "cp: can't stat '/tmp/missing': No such file or directory\n", code: 1 }],
    ['gnu', ['cp', '/tmp/dir', '/tmp/b'], { stderr: "cp: -r not specified; omitting directory '/tmp/dir'\n", code: 1 }],
    ['busybox', ['cp', '/tmp/dir', '/tmp/b'], { stderr: "cp: omitting directory '/tmp/dir'\n", code: 1 }],
    ['gnu', ['cp', '/tmp/a.txt'], { stderr: "cp: missing destination file operand after '/tmp/a.txt'\nTry 'cp --help' for more information.\n", code: 1 }],
    ['busybox', ['mv', '/tmp/missing', '/tmp/b'], { stderr: "mv: can't rename '/tmp/missing': No such file or directory\n", code: 1 }],
    ['gnu', ['mv', '/tmp/missing', '/tmp/b'], { stderr: "mv: cannot stat '/tmp/missing': No such file or directory\n", code: 1 }],
    ['busybox', ['chmod', 'abc', '/tmp/a.txt'], { stderr: "chmod: invalid mode 'abc'\n", code: 1 }],
    ['gnu', ['chmod', '+x', '/tmp/missing'], { stderr: "chmod: cannot access '/tmp/missing': No such file or directory\n", code: 1 }],
  ];
  it.each(cases)('%s %j', (flavour, argv, expected) => {
    expect(runTool(toolBox({ flavour, files }), argv)).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });
});

describe('file tools change the container filesystem', () => {
  it('the tutorial: rm -rf a file of the image hides it; it is gone for cat', () => {
    const box = toolBox({ files });
    expect(runTool(box, ['rm', '-rf', '/usr/share/nginx/html/index.html']).code).toBe(0);
    expect(box.ns.fs.exists('/usr/share/nginx/html/index.html')).toBe(false);
    expect(runTool(box, ['rm', '-rf', '/tmp/dir']).code).toBe(0);
    expect(box.ns.fs.exists('/tmp/dir')).toBe(false);
  });

  it('touch creates, mkdir -p makes parents, cp copies into a directory, mv renames', () => {
    const box = toolBox({ files });
    expect(runTool(box, ['touch', '/tmp/healthy']).code).toBe(0);
    expect(box.ns.fs.readFile('/tmp/healthy')).toBe('');
    expect(runTool(box, ['mkdir', '-p', '/tmp/x/y/z']).code).toBe(0);
    expect(box.ns.fs.stat('/tmp/x/y/z').type).toBe('dir');
    expect(runTool(box, ['cp', '/tmp/a.txt', '/tmp/x']).code).toBe(0);
    expect(box.ns.fs.readFile('/tmp/x/a.txt')).toBe('alpha\n');
    expect(runTool(box, ['cp', '-r', '/tmp/dir', '/tmp/copy']).code).toBe(0);
    expect(box.ns.fs.readFile('/tmp/copy/inner.txt')).toBe('inner\n');
    expect(runTool(box, ['mv', '/tmp/a.txt', '/tmp/b.txt']).code).toBe(0);
    expect(box.ns.fs.exists('/tmp/a.txt')).toBe(false);
    expect(box.ns.fs.readFile('/tmp/b.txt')).toBe('alpha\n');
  });

  // How kube-flannel's init container copies its ConfigMap file (a symlink into ..data) to the node.
  it.each([['busybox'], ['gnu']] as [Flavour][])('%s cp follows a symlink named on the command line; -P and -a copy the link', (flavour) => {
    const box = toolBox({ flavour, files });
    box.ns.fs.symlink('a.txt', '/tmp/link', 0);
    expect(runTool(box, ['cp', '-f', '/tmp/link', '/tmp/copy']).code).toBe(0);
    expect(box.ns.fs.lstat('/tmp/copy').type).toBe('file');
    expect(box.ns.fs.readFile('/tmp/copy')).toBe('alpha\n');
    expect(runTool(box, ['cp', '-P', '/tmp/link', '/tmp/kept']).code).toBe(0);
    expect(box.ns.fs.readlink('/tmp/kept')).toBe('a.txt');
    expect(runTool(box, ['cp', '-a', '/tmp/link', '/tmp/archived']).code).toBe(0);
    expect(box.ns.fs.readlink('/tmp/archived')).toBe('a.txt');
  });

  it('chmod sets octal and symbolic modes', () => {
    const box = toolBox({ files });
    runTool(box, ['chmod', '600', '/tmp/a.txt']);
    expect(box.ns.fs.stat('/tmp/a.txt').mode).toBe(0o600);
    runTool(box, ['chmod', 'a+x,g+r', '/tmp/a.txt']);
    expect(box.ns.fs.stat('/tmp/a.txt').mode).toBe(0o751);
  });

  it('rm -r keeps going past what it cannot remove and reports each', () => {
    const box = toolBox({ flavour: 'gnu', files });
    const run = runTool(box, ['rm', '-r', '/tmp/missing', '/tmp/dir']);
    expect(run.stderr).toBe("rm: cannot remove '/tmp/missing': No such file or directory\n");
    expect(run.code).toBe(1);
    expect(box.ns.fs.exists('/tmp/dir')).toBe(false);
  });
});

describe('parseMode', () => {
  it.each([
    ['755', 0o644, 0o755],
    ['u+x', 0o644, 0o744],
    ['+x', 0o644, 0o755],
    ['go-r', 0o644, 0o600],
    ['a=r', 0o777, 0o444],
    ['u=rwx,go=rx', 0, 0o755],
    ['o+t', 0o777, 0o1777],
    ['z+x', 0o644, null],
  ])('%s on %o', (text, current, expected) => {
    expect(parseMode(text, current)).toBe(expected);
  });
});
