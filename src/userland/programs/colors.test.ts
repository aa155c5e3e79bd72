// GNU ls and grep in colour: on a terminal with --color=auto, always with --color=always, never
// into a pipe otherwise — with the exact escape sequences coreutils 8.32 and grep 3.6 write.
import { describe, expect, it } from 'vitest';
import { SinkFile, TtyFile } from '../../engine/runtime/process';
import type { LayerSpec } from '../../engine/runtime/fs';
import type { Flavour } from '../lib/flavour';
import { runTool, toolBox } from './testkit';

const files: LayerSpec = {
  '/d/sub': { dir: true },
  '/d/notes.txt': 'kube-proxy\nkubelet\n',
  '/d/run.sh': { file: '#!/bin/sh\n', mode: 0o755 },
  '/d/link': { symlink: 'sub' },
  '/d/gone': { symlink: 'missing' },
  '/d/shared': { dir: true, mode: 0o1777 },
};

const E = '\x1b';

/** Runs argv with stdout on a terminal (true) or into a pipe (false); returns stdout and stderr. */
function run(flavour: Flavour, argv: string[], tty: boolean, env: Record<string, string> = {}): { out: string; err: string; code: number | undefined } {
  const box = toolBox({ flavour, files });
  const fullEnv = { PATH: '/bin', TERM: 'xterm-256color', COLUMNS: '80', ...env };
  if (!tty) {
    const r = runTool(box, argv, { env: fullEnv });
    return { out: r.stdout, err: r.stderr, code: r.code };
  }
  let out = '';
  let err = '';
  const terminal = new TtyFile((s) => (out += s));
  const process = box.kernel.spawn(box.ns, argv, { env: fullEnv, files: [terminal, terminal, new SinkFile((s) => (err += s))] });
  box.clock.runUntilQuiet();
  return { out: out.replace(/\r\n/g, '\n'), err, code: process.exited?.code };
}

describe('GNU ls --color', () => {
  const painted = `${E}[0m${E}[01;36mgone${E}[0m\n${E}[01;36mlink${E}[0m\nnotes.txt\n${E}[01;32mrun.sh${E}[0m\n${E}[30;42mshared${E}[0m\n${E}[01;34msub${E}[0m\n`;
  const plain = 'gone\nlink\nnotes.txt\nrun.sh\nshared\nsub\n';
  it.each([
    ['--color=auto', true, painted],
    ['--color=auto', false, plain],
    ['--color', false, painted],
    ['--color=always', false, painted],
    ['--color=never', true, plain],
    ['--color=tty', true, painted],
  ] as const)('%s, stdout a terminal: %s', (option, tty, expected) => {
    expect(run('gnu', ['ls', '-1', option, '/d'], tty).out).toBe(expected);
  });

  it('does not colour without --color, even on a terminal', () => {
    expect(run('gnu', ['ls', '-1', '/d'], true).out).toBe(plain);
  });

  it('colours link and target in a long listing; a missing target stays plain', () => {
    const out = run('gnu', ['ls', '-l', '--color=always', '/d/link', '/d/gone'], false).out;
    expect(out).toBe(
      `lrwxrwxrwx 1 root root 7 Jan  5 09:00 ${E}[0m${E}[01;36m/d/gone${E}[0m -> missing\n`
      + `lrwxrwxrwx 1 root root 3 Jan  5 09:00 ${E}[01;36m/d/link${E}[0m -> ${E}[01;34msub${E}[0m\n`,
    );
  });

  it('takes its colours from LS_COLORS, extensions included', () => {
    const out = run('gnu', ['ls', '-1', '--color=always', '/d/sub', '/d/notes.txt'], false, { LS_COLORS: 'di=38;5;33:*.txt=00;36' }).out;
    expect(out).toBe(`${E}[0m${E}[00;36m/d/notes.txt${E}[0m\n\n/d/sub:\n`);
  });

  it('leaves a terminal dircolors does not know uncoloured unless LS_COLORS says otherwise', () => {
    expect(run('gnu', ['ls', '-1', '--color=always', '/d/sub'], false, { TERM: 'dumb' }).out).toBe('');
    expect(run('gnu', ['ls', '-d', '--color=always', '/d/sub'], false, { TERM: 'dumb' }).out).toBe('/d/sub\n');
  });

  it('refuses a WHEN it does not know, as argmatch does', () => {
    const r = run('gnu', ['ls', '--color=sometimes', '/d'], false);
    expect(r.err).toBe("ls: invalid argument ‘sometimes’ for ‘--color’\nValid arguments are:\n  - ‘always’, ‘yes’, ‘force’\n  - ‘never’, ‘no’, ‘none’\n  - ‘auto’, ‘tty’, ‘if-tty’\nTry 'ls --help' for more information.\n");
    expect(r.code).toBe(2);
  });

  it("busybox keeps its own colours on a terminal, and --color=never turns them off", () => {
    expect(run('busybox', ['ls', '-1', '/d/sub', '/d/run.sh'], true).out).toBe(`${E}[1;32m/d/run.sh${E}[m\n\n/d/sub:\n`);
    expect(run('busybox', ['ls', '-1', '--color=never', '/d/run.sh'], true).out).toBe('/d/run.sh\n');
  });
});

describe('GNU grep --color', () => {
  const match = (text: string): string => `${E}[01;31m${E}[K${text}${E}[m${E}[K`;
  const sgr = (code: string, text: string): string => `${E}[${code}m${E}[K${text}${E}[m${E}[K`;
  it.each([
    [['grep', '--color=auto', 'kube', '/d/notes.txt'], true, `${match('kube')}-proxy\n${match('kube')}let\n`],
    [['grep', '--color=auto', 'kube', '/d/notes.txt'], false, 'kube-proxy\nkubelet\n'],
    [['grep', '--color', 'proxy', '/d/notes.txt'], true, `kube-${match('proxy')}\n`],
    [['grep', '--color=always', 'proxy', '/d/notes.txt'], false, `kube-${match('proxy')}\n`],
    [['grep', '--color=never', 'proxy', '/d/notes.txt'], true, 'kube-proxy\n'],
    [['grep', '--color=always', '-Hn', 'let', '/d/notes.txt'], false, `${sgr('35', '/d/notes.txt')}${sgr('36', ':')}${sgr('32', '2')}${sgr('36', ':')}kube${match('let')}\n`],
    [['grep', '--color=always', '-o', 'e.', '/d/notes.txt'], false, `${match('e-')}\n${match('el')}\n${match('et')}\n`],
    [['grep', '--color=always', '-v', 'proxy', '/d/notes.txt'], false, 'kubelet\n'],
  ] as const)('%j, stdout a terminal: %s', (argv, tty, expected) => {
    expect(run('gnu', [...argv], tty).out).toBe(expected);
  });

  it('takes the match colour from GREP_COLORS', () => {
    expect(run('gnu', ['grep', '--color=always', 'proxy', '/d/notes.txt'], false, { GREP_COLORS: 'mt=01;32:ne' }).out).toBe(`kube-${E}[01;32mproxy${E}[m\n`);
  });

  it('busybox grep has no --color', () => {
    const r = run('busybox', ['grep', '--color=auto', 'x', '/d/notes.txt'], false);
    expect(r.err).toMatch(/^grep: unrecognized option '--color=auto'\nBusyBox/);
    expect(r.code).toBe(1);
  });
});
