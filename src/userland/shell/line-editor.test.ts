// The line editor when the terminal changes size: the kernel sends SIGWINCH to the foreground
// group, and a shell waiting at its prompt draws the prompt and the line again — busybox as its
// lineedit does (back to the first row, rewrite, clear below), bash as readline does (clear the
// rows, rewrite) — with the cursor where it was. While a command runs, the shell is not in the
// foreground and nothing is redrawn.
import { describe, expect, test } from 'vitest';
import { TtyFile } from '../../engine/runtime/process';
import type { ShellDialect } from './errors';
import { shellBox } from './testkit';

function terminal(dialect: ShellDialect, cols = 80) {
  const box = shellBox(dialect);
  let screen = '';
  const tty = new TtyFile((data) => (screen += data), { cols, rows: 24 });
  box.kernel.spawn(box.ns, [dialect === 'bash' ? 'bash' : 'sh'], { env: { PATH: '/bin', HOME: '/root' }, files: [tty, tty, tty] });
  box.clock.advance(100);
  const after = (act: () => void, ms = 100): string => {
    const before = screen.length;
    act();
    box.clock.advance(ms);
    return screen.slice(before);
  };
  return {
    box,
    type: (keys: string, ms?: number) => after(() => tty.push(keys), ms),
    resize: (cols: number, rows = 24) => after(() => tty.resize(cols, rows)),
  };
}

const LEFT = '\x1b[D';

describe('a window change at the prompt redraws the prompt and the line', () => {
  test.each<[string, ShellDialect, number, string, number, string, string]>([
    ['busybox, a word typed', 'busybox', 80, 'echo ', 100, '\r/ # echo \x1b[J', 'X'],
    ['busybox, typed text', 'busybox', 80, 'echo hi', 100, '\r/ # echo hi\x1b[J', 'hiX'],
    ['busybox, cursor inside the line', 'busybox', 80, `echo hi${LEFT}${LEFT}`, 100, '\r/ # echo hi\x1b[J\b\b', 'Xhi'],
    ['busybox, a line wrapped onto a second row', 'busybox', 20, 'echo 0123456789abcdefghij', 40, '\x1b[1A\r/ # echo 0123456789abcdefghij\x1b[J', '0123456789abcdefghijX'],
    ['bash, a word typed', 'bash', 80, 'echo ', 100, '\r\x1b[Kroot@box:/# echo ', 'X'],
    ['bash, cursor inside the line', 'bash', 80, `echo hi${LEFT}${LEFT}`, 120, '\r\x1b[Kroot@box:/# echo hi\b\b', 'Xhi'],
    ['bash, a line wrapped onto a second row', 'bash', 20, 'echo 0123456789abcdefghij', 40, '\r\x1b[K\x1b[A\x1b[Kroot@box:/# echo 0123456789abcdefghij', '0123456789abcdefghijX'],
  ])('%s', (_what, dialect, cols, keys, newCols, redraw, prints) => {
    const s = terminal(dialect, cols);
    s.type(keys);
    expect(s.resize(newCols)).toBe(redraw);
    // The editor carries on from the restored cursor: an X typed there is part of the command.
    expect(s.type('X\r')).toContain(`\r\n${prints}\r\n`);
  });

  test('the same size again is no change: no signal, no redraw', () => {
    const s = terminal('busybox');
    s.type('echo hi');
    expect(s.resize(80)).toBe('');
    expect(s.resize(100)).toBe('\r/ # echo hi\x1b[J');
    expect(s.resize(100)).toBe('');
  });
});

describe('a window change while a command runs', () => {
  test('goes to the command (which ignores it), not to the shell: one prompt when it ends', () => {
    const s = terminal('busybox');
    expect(s.type('sleep 5\r')).toBe('sleep 5\r\n');
    expect(s.resize(100)).toBe('');
    expect(s.type('', 5_000)).toBe('/ # ');
  });

  test('is ignored by `read`, which reads a line without the prompt editor', () => {
    const s = terminal('busybox');
    s.type('read x\r');
    s.type('ab');
    expect(s.resize(100)).toBe('');
    expect(s.type('c\recho $x\r')).toBe('c\r\n/ # echo $x\r\nabc\r\n/ # ');
  });
});
