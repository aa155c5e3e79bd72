// GNU rm, cp and mv -i: coreutils' questions on stderr, the answers read from stdin.
import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../engine/runtime/fs';
import type { Flavour } from '../lib/flavour';
import { runTool, toolBox } from './testkit';

const files: LayerSpec = {
  '/w/pod.yaml': 'kind: Pod\n',
  '/w/empty': '',
  '/w/b': 'old\n',
  '/w/dir/inner': 'x',
  '/w/link': { symlink: 'pod.yaml' },
};

/** Runs argv in /w with `answers` on stdin; returns the questions, the exit status and what is left in /w. */
function run(argv: string[], answers: string, flavour: Flavour = 'gnu'): { asked: string; code: number | undefined; left: string[]; b: string } {
  const box = toolBox({ flavour, files });
  const r = runTool(box, argv, { stdin: answers, cwd: '/w' });
  const fs = box.ns.fs;
  return { asked: r.stderr, code: r.code, left: fs.readdir('/w').sort(), b: fs.exists('/w/b') ? fs.readFile('/w/b') : '' };
}

describe('rm -i', () => {
  it.each([
    [['rm', '-i', 'pod.yaml'], 'n\n', "rm: remove regular file 'pod.yaml'? ", true],
    [['rm', '-i', 'pod.yaml'], 'y\n', "rm: remove regular file 'pod.yaml'? ", false],
    [['rm', '-i', 'pod.yaml'], 'Yes\n', "rm: remove regular file 'pod.yaml'? ", false],
    [['rm', '-i', 'pod.yaml'], '', "rm: remove regular file 'pod.yaml'? ", true],
    [['rm', '-i', 'pod.yaml'], 'no\n', "rm: remove regular file 'pod.yaml'? ", true],
    [['rm', '-i', '-f', 'pod.yaml'], '', '', false],
    [['rm', '-if', 'pod.yaml'], '', '', false],
    [['rm', '-f', '-i', 'pod.yaml'], 'n\n', "rm: remove regular file 'pod.yaml'? ", true],
    [['rm', '-i', '--force', 'pod.yaml'], '', '', false],
    [['rm', 'pod.yaml'], '', '', false],
  ] as const)('%j answering %j', (argv, answers, asked, kept) => {
    const r = run([...argv], answers);
    expect(r.asked).toBe(asked);
    expect(r.left.includes('pod.yaml')).toBe(kept);
    expect(r.code).toBe(0);
  });

  it('names the kind of file it asks about', () => {
    expect(run(['rm', '-i', 'empty', 'link'], 'n\nn\n').asked).toBe("rm: remove regular empty file 'empty'? rm: remove symbolic link 'link'? ");
  });

  it('asks about descending into a directory, its entries, and the directory', () => {
    const r = run(['rm', '-ri', 'dir'], 'y\ny\ny\n');
    expect(r.asked).toBe("rm: descend into directory 'dir'? rm: remove regular file 'dir/inner'? rm: remove directory 'dir'? ");
    expect(r.left).not.toContain('dir');
    expect(run(['rm', '-ri', 'dir'], 'y\nn\n').left).toContain('dir');
  });

  it('busybox rm is unchanged: -i is accepted and removes without asking', () => {
    const r = run(['rm', '-i', 'pod.yaml'], '', 'busybox');
    expect(r.asked).toBe('');
    expect(r.left).not.toContain('pod.yaml');
  });
});

describe('cp -i and mv -i', () => {
  it.each([
    [['cp', '-i', 'pod.yaml', 'b'], 'n\n', "cp: overwrite 'b'? ", 'old\n'],
    [['cp', '-i', 'pod.yaml', 'b'], 'y\n', "cp: overwrite 'b'? ", 'kind: Pod\n'],
    // cp's -f does not stop -i (the reason for `\cp`); -n does.
    [['cp', '-i', '-f', 'pod.yaml', 'b'], 'n\n', "cp: overwrite 'b'? ", 'old\n'],
    [['cp', '-i', 'pod.yaml', 'new'], '', '', 'old\n'],
    [['mv', '-i', 'pod.yaml', 'b'], 'n\n', "mv: overwrite 'b'? ", 'old\n'],
    [['mv', '-i', 'pod.yaml', 'b'], 'y\n', "mv: overwrite 'b'? ", 'kind: Pod\n'],
    [['mv', '-i', '-f', 'pod.yaml', 'b'], '', '', 'kind: Pod\n'],
    [['mv', '-f', '-i', 'pod.yaml', 'b'], 'n\n', "mv: overwrite 'b'? ", 'old\n'],
  ] as const)('%j answering %j', (argv, answers, asked, b) => {
    const r = run([...argv], answers);
    expect(r.asked).toBe(asked);
    expect(r.b).toBe(b);
    expect(r.code).toBe(0);
  });

  it('names the file inside a target directory', () => {
    const box = toolBox({ flavour: 'gnu', files: { ...files, '/w/dir/pod.yaml': 'x' } });
    expect(runTool(box, ['cp', '-i', 'pod.yaml', 'dir'], { stdin: 'n\n', cwd: '/w' }).stderr).toBe("cp: overwrite 'dir/pod.yaml'? ");
  });
});
