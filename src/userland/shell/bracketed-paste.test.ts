// Bracketed paste: bash 5.1's readline turns the terminal's paste marking on while it reads a
// command line (ESC[?2004h before the prompt, ESC[?2004l CR after the line) unless TERM is unset or
// dumb. A marked paste (ESC[200~ … ESC[201~) is inserted as typed text: a TAB is a TAB, a newline
// stays in the line, and the pasted lines run one by one when Enter is pressed.
import { describe, expect, test } from 'vitest';
import { TtyFile } from '../../engine/runtime/process';
import type { ShellDialect } from './errors';
import { shellBox } from './testkit';

const ON = '\x1b[?2004h';
const OFF = '\x1b[?2004l\r';
const paste = (text: string): string => `\x1b[200~${text}\x1b[201~`;

function terminal(dialect: ShellDialect, term: string | undefined) {
  const box = shellBox(dialect);
  let screen = '';
  const tty = new TtyFile((data) => (screen += data), { cols: 80, rows: 24 });
  const env: Record<string, string> = { PATH: '/bin', HOME: '/root', ...(term === undefined ? {} : { TERM: term }) };
  box.kernel.spawn(box.ns, [dialect === 'bash' ? 'bash' : 'sh'], { env, files: [tty, tty, tty] });
  box.clock.advance(100);
  const first = screen;
  const type = (keys: string): string => {
    const before = screen.length;
    tty.push(keys);
    box.clock.advance(100);
    return screen.slice(before);
  };
  return { first, type };
}

describe('the paste mode around the command line', () => {
  test.each<[string, ShellDialect, string | undefined, boolean]>([
    ['bash on an xterm', 'bash', 'xterm-256color', true],
    ['bash on a dumb terminal', 'bash', 'dumb', false],
    ['bash with no TERM', 'bash', undefined, false],
    ['busybox sh (its line editing knows no paste marks)', 'busybox', 'xterm', false],
  ])('%s: marked = %s', (_what, dialect, term, marked) => {
    const t = terminal(dialect, term);
    const prompt = dialect === 'bash' ? 'root@box:/# ' : '/ # ';
    expect(t.first).toBe(marked ? ON + prompt : prompt);
    expect(t.type('echo hi\r')).toBe(marked ? `echo hi\r\n${OFF}hi\r\n${ON}${prompt}` : `echo hi\r\nhi\r\n${prompt}`);
  });

  test('Ctrl-C at the prompt turns the mode off before the new line, and on again for the next prompt', () => {
    const t = terminal('bash', 'xterm');
    t.type('abc');
    expect(t.type('\x03')).toBe(`^C${OFF}\r\n${ON}root@box:/# `);
  });

  test('a `read` in a script reads without marks', () => {
    const t = terminal('bash', 'xterm');
    t.type('read x\r');
    expect(t.type('typed\r')).toBe(`typed\r\n${ON}root@box:/# `);
  });
});

describe('what a marked paste does at the bash prompt', () => {
  test.each<[string, string, string]>([
    // A TAB that was typed would complete (nothing to complete: the bell); pasted, it is kept.
    ['a pasted TAB is inserted, not completed', paste('echo "x\ty"'), 'x\ty\r\n'],
    ['typed text around a paste', `echo ${paste('pasted')} typed`, 'pasted typed\r\n'],
  ])('%s', (_what, keys, output) => {
    const t = terminal('bash', 'xterm');
    t.type(keys);
    expect(t.type('\r')).toContain(`\r\n${OFF}${output}`);
  });

  test('a paste mark cut in two by the end of a read waits for its rest', () => {
    const t = terminal('bash', 'xterm');
    t.type('\x1b[20');
    expect(t.type('0~echo "a\tb"\x1b[201~')).toBe('echo "a\tb"');
    expect(t.type('\r')).toContain(`\r\n${OFF}a\tb\r\n`);
  });

  test('pasted lines wait for Enter, then run one by one', () => {
    const t = terminal('bash', 'xterm');
    // xterm sends a pasted newline as CR.
    const shown = t.type(paste('echo one\recho two\r'));
    expect(shown).toBe('echo one\r\necho two\r\n');
    const ran = t.type('\r');
    expect(ran).toBe(`\r\n${OFF}one\r\ntwo\r\n${ON}root@box:/# `);
  });

  test('unmarked (busybox), the same lines run as they arrive', () => {
    const t = terminal('busybox', 'xterm');
    expect(t.type('echo one\recho two\r')).toBe('echo one\r\none\r\n/ # echo two\r\ntwo\r\n/ # ');
  });
});
