import { describe, expect, it } from 'vitest';
import { SinkFile, TtyFile } from '../../engine/runtime/process';
import type { Flavour } from '../lib/flavour';
import { humanSize, modeString } from './ls';
import { runTool, toolBox } from './testkit';

// Image files are dated at simulated time 0: Jan 5 2026, 09:00 UTC.
const files = {
  '/usr/share/nginx/html/index.html': 'x'.repeat(615),
  '/usr/share/nginx/html/50x.html': 'y'.repeat(497),
  '/srv/.hidden': '',
  '/srv/app': { file: '#!/bin/sh\n', mode: 0o755 },
  '/srv/link': { symlink: '/srv/app' },
  '/srv/sub/deep.txt': 'deep',
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nnginx:x:101:101:nginx:/nonexistent:/bin/false\n',
  '/etc/group': 'root:x:0:\nnginx:x:101:nginx\n',
  '/data/owned': { file: 'abc', uid: 101, gid: 101 },
};

type Case = [Flavour, string[], { stdout?: string; stderr?: string; code: number }];

describe('ls', () => {
  const cases: Case[] = [
    ['busybox', ['ls', '/usr/share/nginx/html'], { stdout: '50x.html\nindex.html\n', code: 0 }],
    ['busybox', ['ls', '-a', '/srv'], { stdout: '.\n..\n.hidden\napp\nlink\nsub\n', code: 0 }],
    ['gnu', ['ls', '-A', '/srv'], { stdout: '.hidden\napp\nlink\nsub\n', code: 0 }],
    ['busybox', ['ls', '-l', '/usr/share/nginx/html'], {
      stdout: 'total 8\n'
        + '-rw-r--r--    1 root     root           497 Jan  5 09:00 50x.html\n'
        + '-rw-r--r--    1 root     root           615 Jan  5 09:00 index.html\n',
      code: 0,
    }],
    ['gnu', ['ls', '-l', '/usr/share/nginx/html'], {
      stdout: 'total 8\n'
        + '-rw-r--r-- 1 root root 497 Jan  5 09:00 50x.html\n'
        + '-rw-r--r-- 1 root root 615 Jan  5 09:00 index.html\n',
      code: 0,
    }],
    ['gnu', ['ls', '-l', '/srv'], {
      stdout: 'total 8\n'
        + '-rwxr-xr-x 1 root root   10 Jan  5 09:00 app\n'
        + 'lrwxrwxrwx 1 root root    8 Jan  5 09:00 link -> /srv/app\n'
        + 'drwxr-xr-x 2 root root 4096 Jan  5 09:00 sub\n',
      code: 0,
    }],
    ['gnu', ['ls', '-l', '/data'], { stdout: 'total 4\n-rw-r--r-- 1 nginx nginx 3 Jan  5 09:00 owned\n', code: 0 }],
    ['busybox', ['ls', '-ln', '/data'], { stdout: 'total 4\n-rw-r--r--    1 101      101              3 Jan  5 09:00 owned\n', code: 0 }],
    ['busybox', ['ls', '-lh', '/usr/share/nginx/html/index.html'], { stdout: '-rw-r--r--    1 root     root         615 Jan  5 09:00 /usr/share/nginx/html/index.html\n', code: 0 }],
    ['busybox', ['ls', '-d', '/srv'], { stdout: '/srv\n', code: 0 }],
    ['busybox', ['ls', '/nope'], { stderr: 'ls: /nope: No such file or directory\n', code: 1 }],
    ['gnu', ['ls', '/nope'], { stderr: "ls: cannot access '/nope': No such file or directory\n", code: 2 }],
    ['gnu', ['ls', '/srv/app', '/srv/sub', '/usr/share/nginx/html'], {
      stdout: '/srv/app\n\n/srv/sub:\ndeep.txt\n\n/usr/share/nginx/html:\n50x.html\nindex.html\n',
      code: 0,
    }],
    ['busybox', ['ls', '-R', '/srv'], { stdout: '/srv:\napp\nlink\nsub\n\n/srv/sub:\ndeep.txt\n', code: 0 }],
    ['busybox', ['ls', '-r', '/usr/share/nginx/html'], { stdout: 'index.html\n50x.html\n', code: 0 }],
  ];
  it.each(cases)('%s %j', (flavour, argv, expected) => {
    expect(runTool(toolBox({ flavour, files }), argv)).toEqual({ stdout: expected.stdout ?? '', stderr: expected.stderr ?? '', code: expected.code });
  });

  it('lists the working directory by default', () => {
    expect(runTool(toolBox({ files }), ['ls'], { cwd: '/srv' }).stdout).toBe('app\nlink\nsub\n');
  });

  it('shows the year instead of the time for files older than six months', () => {
    const box = toolBox({ flavour: 'gnu', files });
    box.clock.advance(200 * 86_400_000);
    expect(runTool(box, ['ls', '-l', '/data/owned']).stdout).toBe('-rw-r--r-- 1 nginx nginx 3 Jan  5  2026 /data/owned\n');
  });

  /** Runs ls with stdout on a terminal of the given width. */
  function onTerminal(flavour: Flavour, argv: string[], columns: number): string {
    const box = toolBox({ flavour, files: { ...Object.fromEntries(['alpha', 'bravo', 'charlie', 'delta', 'echo-long-name', 'f'].map((n) => [`/d/${n}`, ''])), '/d/sub': { dir: true } } });
    let out = '';
    const tty = new TtyFile((s) => (out += s));
    box.kernel.spawn(box.ns, argv, { env: { PATH: '/bin', COLUMNS: String(columns) }, files: [tty, tty, new SinkFile(() => {})] });
    box.clock.runUntilQuiet();
    return out;
  }

  it('GNU fills columns top to bottom as wide as each column needs', () => {
    expect(onTerminal('gnu', ['ls', '/d'], 40)).toBe('alpha  charlie  echo-long-name  sub\r\nbravo  delta    f\r\n');
    expect(onTerminal('gnu', ['ls', '/d'], 35)).toBe('alpha    delta           sub\r\nbravo    echo-long-name\r\ncharlie  f\r\n');
  });

  it('busybox gives every column the longest name plus two, and colours by type', () => {
    const out = onTerminal('busybox', ['ls', '/d'], 40);
    expect(out).toBe(
      '\x1b[0;0malpha\x1b[m           \x1b[0;0mecho-long-name\x1b[m\r\n'
      + '\x1b[0;0mbravo\x1b[m           \x1b[0;0mf\x1b[m\r\n'
      + '\x1b[0;0mcharlie\x1b[m         \x1b[1;34msub\x1b[m\r\n'
      + '\x1b[0;0mdelta\x1b[m\r\n',
    );
  });
});

describe('ls helpers', () => {
  it.each([
    [{ type: 'dir', mode: 0o755 }, 'drwxr-xr-x'],
    [{ type: 'file', mode: 0o644 }, '-rw-r--r--'],
    [{ type: 'symlink', mode: 0o777 }, 'lrwxrwxrwx'],
    [{ type: 'dir', mode: 0o1777 }, 'drwxrwxrwt'],
    [{ type: 'file', mode: 0o4755 }, '-rwsr-xr-x'],
    [{ type: 'file', mode: 0o2644 }, '-rw-r-Sr--'],
  ] as const)('modeString %j', (stat, text) => {
    expect(modeString(stat)).toBe(text);
  });

  it.each([
    [615, '615', '615'],
    [4096, '4.0K', '4.0K'],
    [70_995_927, '67.7M', '68M'],
    [10_240, '10.0K', '10K'],
    [1_572_864, '1.5M', '1.5M'],
  ])('humanSize %i', (bytes, busybox, gnu) => {
    expect(humanSize(bytes, 'busybox')).toBe(busybox);
    expect(humanSize(bytes, 'gnu')).toBe(gnu);
  });
});
