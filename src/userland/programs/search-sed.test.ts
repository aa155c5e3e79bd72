import { describe, expect, it } from 'vitest';
import type { Flavour } from '../lib/flavour';
import { globToRegExp } from './search';
import { runTool, toolBox } from './testkit';

const files = {
  '/srv/www/index.html': 'a',
  '/srv/www/css/site.css': 'b',
  '/srv/www/INDEX.HTM': 'c',
  '/srv/notes.txt': 'one\ntwo\nthree\nfour\n',
  '/srv/link': { symlink: '/srv/www' },
};

type Case = [Flavour, string[], { stdout?: string; stderr?: string; code: number }];

describe('find, which', () => {
  const cases: Case[] = [
    ['busybox', ['find', '/srv/www'], { stdout: '/srv/www\n/srv/www/INDEX.HTM\n/srv/www/css\n/srv/www/css/site.css\n/srv/www/index.html\n', code: 0 }],
    ['busybox', ['find', '/srv', '-name', '*.html'], { stdout: '/srv/www/index.html\n', code: 0 }],
    ['gnu', ['find', '/srv', '-iname', 'index.*'], { stdout: '/srv/www/INDEX.HTM\n/srv/www/index.html\n', code: 0 }],
    ['gnu', ['find', '/srv', '-maxdepth', '1', '-type', 'f'], { stdout: '/srv/notes.txt\n', code: 0 }],
    ['gnu', ['find', '/srv', '-type', 'l'], { stdout: '/srv/link\n', code: 0 }],
    ['gnu', ['find', '/srv/www', '-mindepth', '1', '!', '-type', 'd'], { stdout: '/srv/www/INDEX.HTM\n/srv/www/css/site.css\n/srv/www/index.html\n', code: 0 }],
    ['busybox', ['find', '/nope'], { stderr: 'find: /nope: No such file or directory\n', code: 1 }],
    ['gnu', ['find', '/nope'], { stderr: "find: '/nope': No such file or directory\n", code: 1 }],
    ['gnu', ['find', '/srv', '-bogus'], { stderr: "find: unknown predicate '-bogus'\n", code: 1 }],
    ['busybox', ['which', 'ls', 'nope'], { stdout: '/bin/ls\n', code: 1 }],
  ];
  it.each(cases)('%s %j', (flavour, argv, expected) => {
    expect(runTool(toolBox({ flavour, files }), argv)).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });

  it('globs', () => {
    expect(globToRegExp('*.htm?').test('index.html')).toBe(true);
    expect(globToRegExp('[!a]*').test('abc')).toBe(false);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });
});

describe('sed', () => {
  const cases: [Flavour, string[], string | undefined, { stdout?: string; stderr?: string; code: number }][] = [
    ['busybox', ['sed', 's/o/0/', '/srv/notes.txt'], undefined, { stdout: '0ne\ntw0\nthree\nf0ur\n', code: 0 }],
    ['busybox', ['sed', 's/o/0/g'], 'foo\n', { stdout: 'f00\n', code: 0 }],
    ['gnu', ['sed', '-n', '2p', '/srv/notes.txt'], undefined, { stdout: 'two\n', code: 0 }],
    ['gnu', ['sed', '2,3d', '/srv/notes.txt'], undefined, { stdout: 'one\nfour\n', code: 0 }],
    ['gnu', ['sed', '/^t/d', '/srv/notes.txt'], undefined, { stdout: 'one\nfour\n', code: 0 }],
    ['gnu', ['sed', '-n', '/two/,/three/p', '/srv/notes.txt'], undefined, { stdout: 'two\nthree\n', code: 0 }],
    ['gnu', ['sed', '$d', '/srv/notes.txt'], undefined, { stdout: 'one\ntwo\nthree\n', code: 0 }],
    ['gnu', ['sed', '2q', '/srv/notes.txt'], undefined, { stdout: 'one\ntwo\n', code: 0 }],
    ['gnu', ['sed', '-E', 's/(o)(n)/\\2\\1/'], 'one\n', { stdout: 'noe\n', code: 0 }],
    ['gnu', ['sed', 's/\\(w\\)/[&]/'], 'two\n', { stdout: 't[w]o\n', code: 0 }],
    ['gnu', ['sed', '-e', 's/a/b/', '-e', 's/b/c/'], 'a\n', { stdout: 'c\n', code: 0 }],
    ['gnu', ['sed', 's|/usr|/opt|'], '/usr/bin\n', { stdout: '/opt/bin\n', code: 0 }],
    ['gnu', ['sed', 's/a/b'], 'a\n', { stderr: "sed: -e expression #1, char 5: unterminated `s' command\n", code: 1 }],
    ['busybox', ['sed', 'k'], 'a\n', { stderr: "sed: unknown command: `k'\n", code: 1 }],
    ['gnu', ['sed', 's/x/y/', '/nope'], undefined, { stderr: "sed: can't read /nope: No such file or directory\n", code: 2 }],
  ];
  it.each(cases)('%s %j', (flavour, argv, stdin, expected) => {
    const run = runTool(toolBox({ flavour, files }), argv, stdin === undefined ? {} : { stdin });
    expect(run).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });

  it('-i edits the file in place, keeping a backup with a suffix', () => {
    const box = toolBox({ files });
    expect(runTool(box, ['sed', '-i', 's/one/ONE/', '/srv/notes.txt']).code).toBe(0);
    expect(box.ns.fs.readFile('/srv/notes.txt')).toBe('ONE\ntwo\nthree\nfour\n');
    expect(runTool(box, ['sed', '-i.bak', '1d', '/srv/notes.txt']).code).toBe(0);
    expect(box.ns.fs.readFile('/srv/notes.txt')).toBe('two\nthree\nfour\n');
    expect(box.ns.fs.readFile('/srv/notes.txt.bak')).toBe('ONE\ntwo\nthree\nfour\n');
  });
});
