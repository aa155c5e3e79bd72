// bash's history file: read at login, written as the shell leaves, `history -a/-w/-r`, and
// HISTFILE / HISTSIZE / HISTFILESIZE as bash 5.1 honours them — run in an interactive bash on a
// terminal, looking at what the learner would: the file, `history`, Up-arrow.
import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../engine/runtime/fs';
import { TtyFile } from '../../engine/runtime/process';
import { HISTORY_SAVERS, HistorySavers } from './history-file';
import { shellBox, withoutPasteMode, type ShellBox } from './testkit';

/** An interactive bash on a terminal in `box` (not its PID 1, which no hangup could end). */
function login(box: ShellBox, env: Record<string, string> = {}) {
  if (box.ns.list().length === 0) box.kernel.spawn(box.ns, ['sleep', '86400']);
  let screen = '';
  const tty = new TtyFile((data) => (screen += data));
  const shell = box.kernel.spawn(box.ns, ['bash'], { env: { PATH: '/bin', HOME: '/root', TERM: 'xterm', ...env }, files: [tty, tty, tty] });
  box.clock.advance(100);
  return {
    shell,
    /** Types keys and returns what the screen showed meanwhile. */
    type(keys: string): string {
      const before = screen.length;
      tty.push(keys);
      box.clock.advance(100);
      return withoutPasteMode(screen.slice(before));
    },
    run(...lines: string[]): void {
      for (const line of lines) this.type(`${line}\r`);
    },
  };
}

const read = (box: ShellBox, path: string): string | undefined => (box.ns.fs.exists(path) ? box.ns.fs.readFile(path) : undefined);

/** Each case: files before, the login's environment, lines typed (ending the shell), the history file after. */
const cases: [name: string, files: LayerSpec, env: Record<string, string>, typed: string[], path: string, after: string | undefined][] = [
  ['exit appends the session to ~/.bash_history, creating it', {}, {}, ['echo one', 'echo two', 'exit'], '/root/.bash_history', 'echo one\necho two\nexit\n'],
  ['the lines go after those already there', { '/root/.bash_history': { file: 'ls\n' } }, {}, ['pwd', 'exit'], '/root/.bash_history', 'ls\npwd\nexit\n'],
  ['HISTFILE names another file', {}, { HISTFILE: '/root/h' }, ['date', 'exit'], '/root/h', 'date\nexit\n'],
  ['an unset HISTFILE writes nothing', {}, {}, ['unset HISTFILE', 'exit'], '/root/.bash_history', undefined],
  ['an empty HISTFILE writes nothing', {}, { HISTFILE: '' }, ['echo x', 'exit'], '/root/.bash_history', undefined],
  ['HISTCONTROL=ignorespace keeps a leading-space line out of the file too', {}, { HISTCONTROL: 'ignorespace' }, [' echo secret', 'exit'], '/root/.bash_history', 'exit\n'],
  ['HISTFILESIZE cuts the file after writing', { '/root/.bash_history': { file: 'a\nb\nc\n' } }, { HISTFILESIZE: '3' }, ['d', 'exit'], '/root/.bash_history', 'c\nd\nexit\n'],
  ['HISTFILESIZE defaults to HISTSIZE', { '/root/.bash_history': { file: 'a\nb\nc\n' } }, { HISTSIZE: '2' }, ['exit'], '/root/.bash_history', 'c\nexit\n'],
  ['a negative HISTFILESIZE keeps every line', { '/root/.bash_history': { file: 'a\nb\nc\n' } }, { HISTSIZE: '1', HISTFILESIZE: '-1' }, ['exit'], '/root/.bash_history', 'a\nb\nc\nexit\n'],
  ['HISTFILESIZE=0 empties it', { '/root/.bash_history': { file: 'a\n' } }, { HISTFILESIZE: '0' }, ['exit'], '/root/.bash_history', ''],
  ['more lines than HISTSIZE keeps: the list replaces the file', { '/root/.bash_history': { file: 'old\n' } }, { HISTSIZE: '2', HISTFILESIZE: '10' }, ['a', 'b', 'exit'], '/root/.bash_history', 'b\nexit\n'],
  ['… unless histappend is on', { '/root/.bash_history': { file: 'old\n' } }, { HISTSIZE: '3', HISTFILESIZE: '10' }, ['shopt -s histappend', 'b', 'c', 'exit'], '/root/.bash_history', 'old\nb\nc\nexit\n'],
  ['history -c forgets the session: nothing to add', { '/root/.bash_history': { file: 'old\n' } }, {}, ['echo x', 'history -c'], '/root/.bash_history', 'old\n'],
];

describe('the history file', () => {
  it.each(cases)('%s', (_, files, env, typed, path, after) => {
    const box = shellBox('bash', { files });
    const s = login(box, env);
    s.run(...typed);
    if (s.shell.running) s.type('\x04');
    expect(s.shell.running).toBe(false);
    expect(read(box, path)).toBe(after);
  });

  it('a new file is private to root (0600)', () => {
    const box = shellBox('bash');
    login(box).run('exit');
    expect(box.ns.fs.stat('/root/.bash_history').mode & 0o777).toBe(0o600);
  });

  it('the next login reads it: `history` numbers its lines and Up-arrow walks back through them', () => {
    const box = shellBox('bash', { files: { '/root/.bash_history': { file: 'kubectl get pods\n#1700000000\necho two\n\n' } } });
    const s = login(box);
    expect(s.type('\x1b[A')).toContain('echo two');
    expect(s.type('\x1b[A')).toContain('kubectl get pods');
    s.type('\x15');
    expect(s.type('history\r')).toContain('    1  kubectl get pods\r\n    2  echo two\r\n    3  history\r\n');
  });

  it('HISTSIZE keeps only the newest lines of the file, and $HISTSIZE defaults to 500', () => {
    const box = shellBox('bash', { files: { '/root/.bash_history': { file: 'a\nb\nc\nd\n' } } });
    expect(login(box, { HISTSIZE: '2', HISTFILESIZE: '10' }).type('history\r')).toContain('    4  d\r\n    5  history\r\n');
    expect(login(box).type('echo $HISTSIZE $HISTFILESIZE $HISTFILE\r')).toContain('500 500 /root/.bash_history\r\n');
  });

  it('history -a appends what is new since the last -a; -w writes the whole list; -r reads a file in', () => {
    const box = shellBox('bash', { files: { '/root/.bash_history': { file: 'old\n' }, '/root/more': { file: 'x\ny\n' } } });
    const s = login(box);
    s.run('echo 1', 'history -a');
    expect(read(box, '/root/.bash_history')).toBe('old\necho 1\nhistory -a\n');
    s.run('history -a');
    expect(read(box, '/root/.bash_history')).toBe('old\necho 1\nhistory -a\nhistory -a\n');
    s.run('history -w /root/all');
    expect(read(box, '/root/all')).toBe('old\necho 1\nhistory -a\nhistory -a\nhistory -w /root/all\n');
    expect(s.type('history -r /root/more; history 3\r')).toContain('    7  x\r\n    8  y\r\n');
    expect(s.type('history -a /nodir/h; echo $?\r')).toContain('bash: history: /nodir/h: cannot create: No such file or directory\r\n1\r\n');
  });

  it('a hangup (the terminal closed) saves the history as the shell dies; SIGKILL does not', () => {
    const hungUp = shellBox('bash');
    const s = login(hungUp);
    s.run('echo bye');
    hungUp.kernel.signal(s.shell, 'SIGHUP');
    hungUp.clock.advance(10);
    expect(read(hungUp, '/root/.bash_history')).toBe('echo bye\n');

    const killed = shellBox('bash');
    const k = login(killed);
    k.run('echo bye');
    killed.kernel.signal(k.shell, 'SIGKILL');
    killed.clock.advance(10);
    expect(read(killed, '/root/.bash_history')).toBeUndefined();
  });

  it('HISTORY_SAVERS: a snapshot writes each live session’s new lines without ending it, once', () => {
    const box = shellBox('bash');
    const savers = new HistorySavers();
    box.kernel.provide(HISTORY_SAVERS, savers);
    const s = login(box);
    s.run('echo 1');
    savers.saveAll();
    expect(s.shell.running).toBe(true);
    expect(read(box, '/root/.bash_history')).toBe('echo 1\n');
    savers.saveAll();
    s.run('echo 2', 'exit');
    expect(read(box, '/root/.bash_history')).toBe('echo 1\necho 2\nexit\n');
    // An ended shell has left the savers.
    box.ns.fs.writeFile('/root/.bash_history', '', 0);
    savers.saveAll();
    expect(read(box, '/root/.bash_history')).toBe('');
  });

  it('busybox sh keeps its history in memory only', () => {
    const box = shellBox('busybox');
    let screen = '';
    const tty = new TtyFile((data) => (screen += data));
    const sh = box.kernel.spawn(box.ns, ['sh'], { env: { PATH: '/bin', HOME: '/root' }, files: [tty, tty, tty] });
    tty.push('echo x\rexit\r');
    box.clock.advance(200);
    expect(sh.running).toBe(false);
    expect(screen).toContain('x');
    expect(read(box, '/root/.bash_history')).toBeUndefined();
    expect(read(box, '/root/.ash_history')).toBeUndefined();
  });
});
