// An interactive shell on a terminal, as `kubectl exec -it pod -- sh` gives: prompts, echo and
// line editing done by the shell itself (the terminal is raw), Ctrl-C stopping whatever runs in
// the foreground — an external command, or a loop inside the shell — and back to the prompt.
import { describe, expect, test } from 'vitest';
import { TtyFile } from '../../engine/runtime/process';
import type { ShellDialect } from './errors';
import { shellBox, withoutPasteMode } from './testkit';

function session(dialect: ShellDialect) {
  const box = shellBox(dialect);
  let screen = '';
  const tty = new TtyFile((data) => (screen += data));
  const shell = box.kernel.spawn(box.ns, [dialect === 'bash' ? 'bash' : 'sh'], {
    env: { PATH: '/bin', HOME: '/root', TERM: 'xterm' },
    files: [tty, tty, tty],
  });
  box.clock.advance(100);
  return {
    box,
    shell,
    tty,
    /** Types keys, lets the simulation run, returns what appeared on the screen meanwhile. */
    type(keys: string, ms = 100): string {
      const before = screen.length;
      tty.push(keys);
      box.clock.advance(ms);
      return withoutPasteMode(screen.slice(before));
    },
    screen: () => withoutPasteMode(screen),
  };
}

describe('interactive busybox sh', () => {
  test('prompt, echo of typed keys, output, and the working directory in the prompt', () => {
    const s = session('busybox');
    expect(s.screen()).toBe('/ # ');
    expect(s.type('echo hi\r')).toBe('echo hi\r\nhi\r\n/ # ');
    expect(s.type('cd /tmp\r')).toBe('cd /tmp\r\n/tmp # ');
    expect(s.type('cd\r')).toBe('cd\r\n~ # ');
  });

  test('backspace, Ctrl-U and cursor keys are line editing, not input', () => {
    const s = session('busybox');
    expect(s.type('echoo\x7f x\r')).toBe('echoo\b \b x\r\nx\r\n/ # ');
    expect(s.type('junk\x15echo \x1b[Cy\r')).toBe('junk\b \b\b \b\b \b\b \becho y\r\ny\r\n/ # ');
  });

  test('an incomplete command asks for more with PS2', () => {
    const s = session('busybox');
    expect(s.type('for i in 1 2\r')).toBe('for i in 1 2\r\n> ');
    expect(s.type('do echo $i; done\r')).toBe('do echo $i; done\r\n1\r\n2\r\n/ # ');
  });

  test('Ctrl-C stops a loop that sleeps in the foreground, and the shell prompts again', () => {
    const s = session('busybox');
    s.type('while true; do echo x; sleep 1; done\r', 2_500);
    expect(s.screen()).toContain('x\r\nx\r\nx\r\n');
    expect(s.type('\x03')).toBe('^C\r\n/ # ');
    expect(s.type('echo $?\r')).toBe('echo $?\r\n130\r\n/ # ');
    expect(s.box.ns.list().map((p) => p.argv[0])).toEqual(['sh']);
  });

  test('Ctrl-C stops a busy loop that runs inside the shell itself, and the clock kept moving', () => {
    const s = session('busybox');
    s.type('while true; do :; done\r', 5_000);
    expect(s.box.clock.now()).toBeGreaterThanOrEqual(5_000);
    expect(s.type('\x03')).toBe('^C\r\n/ # ');
    expect(s.type('echo alive\r')).toBe('echo alive\r\nalive\r\n/ # ');
  });

  test('Ctrl-C interrupts wait; the background job keeps running in its own group', () => {
    const s = session('busybox');
    expect(s.type('sleep 100 &\r')).toMatch(/^sleep 100 &\r\n\[1\] \d+\r\n\/ # $/);
    s.type('wait\r');
    expect(s.type('\x03')).toBe('^C\r\n/ # ');
    expect(s.box.ns.list().map((p) => p.argv.join(' '))).toEqual(['sh', 'sleep 100']);
    expect(s.type('echo next\r')).toBe('echo next\r\nnext\r\n/ # ');
  });

  test('Ctrl-C at the prompt drops the line being typed', () => {
    const s = session('busybox');
    expect(s.type('echo never')).toBe('echo never');
    expect(s.type('\x03')).toBe('^C\r\n/ # ');
    expect(s.type('echo $?\r')).toBe('echo $?\r\n130\r\n/ # ');
  });

  test('the interactive shell shrugs off TERM', () => {
    const s = session('busybox');
    s.box.kernel.signal(s.shell, 'SIGTERM');
    expect(s.type('echo still\r')).toBe('echo still\r\nstill\r\n/ # ');
  });

  test('read echoes what is typed', () => {
    const s = session('busybox');
    expect(s.type('read name\r')).toBe('read name\r\n');
    expect(s.type('bob\r')).toBe('bob\r\n/ # ');
    expect(s.type('echo "hi $name"\r')).toBe('echo "hi $name"\r\nhi bob\r\n/ # ');
  });

  test('keys typed ahead are kept for read (a pasted command and its input)', () => {
    const s = session('busybox');
    expect(s.type('read a; echo "got $a"\rhello\r')).toBe('read a; echo "got $a"\r\nhello\r\ngot hello\r\n/ # ');
  });

  test('exit ends the session with its status', () => {
    const s = session('busybox');
    s.type('exit 3\r');
    expect(s.shell.exited).toEqual({ code: 3 });
  });

  test('Ctrl-D on an empty line ends it too', () => {
    const s = session('busybox');
    s.type('false\r');
    expect(s.type('\x04')).toBe('\r\n');
    expect(s.shell.exited).toEqual({ code: 1 });
  });
});

describe('interactive bash', () => {
  test("Debian's prompt, bash's messages without line numbers, and `exit` said on the way out", () => {
    const s = session('bash');
    expect(s.screen()).toBe('root@box:/# ');
    expect(s.type('cd /root\r')).toBe('cd /root\r\nroot@box:~# ');
    expect(s.type('nope\r')).toBe('nope\r\nbash: nope: command not found\r\nroot@box:~# ');
    expect(s.type('fi\r')).toBe("fi\r\nbash: syntax error near unexpected token `fi'\r\nroot@box:~# ");
    expect(s.type('exit\r')).toBe('exit\r\nexit\r\n');
    expect(s.shell.exited).toEqual({ code: 2 });
  });

  test('Ctrl-C stops sleep in the foreground', () => {
    const s = session('bash');
    s.type('sleep 100; echo not this\r', 1_000);
    expect(s.type('\x03')).toBe('^C\r\nroot@box:/# ');
  });
});

describe('aliases in an interactive bash', () => {
  test('alias k=kubectl-style: the first word is replaced, options kept, listing quoted, unalias', () => {
    const s = session('bash');
    s.type("alias say='echo said:'\r");
    expect(s.type('say hello\r')).toBe('say hello\r\nsaid: hello\r\nroot@box:/# ');
    expect(s.type('alias\r')).toBe("alias\r\nalias say='echo said:'\r\nroot@box:/# ");
    s.type("alias two='echo a; echo b'\r");
    expect(s.type('two c\r')).toBe('two c\r\na\r\nb c\r\nroot@box:/# ');
    expect(s.type('"say" x\r')).toBe('"say" x\r\nbash: say: command not found\r\nroot@box:/# ');
    s.type('unalias say\r');
    expect(s.type('say x\r')).toBe('say x\r\nbash: say: command not found\r\nroot@box:/# ');
    expect(s.type('alias nope\r')).toBe('alias nope\r\nbash: alias: nope: not found\r\nroot@box:/# ');
  });
});
