// A root session on master01 of a whole simulated cluster: keystrokes in, exact terminal output out.
import { beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster';
import { openSession, type Session } from './session';
import { withoutPasteMode } from '../shell/testkit';

let cluster: Cluster;
beforeAll(() => {
  cluster = Cluster.create({ seed: 5 });
});

const PROMPT = '[root@master01 ~]# ';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const LEFT = '\x1b[D';
const HOME = '\x1b[H';
const END = '\x1b[F';

function open(cols = 80): Session & { keys(keys: string, ms?: number): string; screen(): string } {
  const session = openSession(cluster, { node: 'master01', cols, rows: 24 });
  let screen = '';
  session.onOutput((ansi) => (screen += withoutPasteMode(ansi)));
  cluster.clock.advance(50);
  return Object.assign(session, {
    /** Types keys, lets the simulation run, returns what the terminal showed meanwhile. */
    keys(keys: string, ms = 50): string {
      const before = screen.length;
      session.type(keys);
      cluster.clock.advance(ms);
      return screen.slice(before);
    },
    screen: () => screen,
  });
}

describe('login shell', () => {
  test("Rocky Linux's prompt in /root, a terminal for programs, and bash's messages", () => {
    const s = open();
    expect(s.screen()).toBe(PROMPT);
    expect(s.keys('pwd; echo $HOME $0\r')).toBe(`pwd; echo $HOME $0\r\n/root\r\n/root -bash\r\n${PROMPT}`);
    expect(s.keys('[ -t 0 ] && [ -t 1 ] && echo tty\r')).toBe(`[ -t 0 ] && [ -t 1 ] && echo tty\r\ntty\r\n${PROMPT}`);
    expect(s.keys('foo\r')).toBe(`foo\r\n-bash: foo: command not found\r\n${PROMPT}`);
    // A subshell of the login shell still counts as interactive for its messages: no line number.
    expect(s.keys('(foo); echo $(foo)\r')).toBe(`(foo); echo $(foo)\r\n-bash: foo: command not found\r\n-bash: foo: command not found\r\n\r\n${PROMPT}`);
    expect(s.keys("bash -c 'foo'\r")).toBe(`bash -c 'foo'\r\nbash: line 1: foo: command not found\r\n${PROMPT}`);
    expect(s.keys('cd /tmp\r')).toBe('cd /tmp\r\n[root@master01 tmp]# ');
    expect(s.keys('cd /\r')).toBe('cd /\r\n[root@master01 /]# ');
    expect(s.waitingForInput).toBe(true);
  });

  test('exit ends the session with its status; Ctrl-D on an empty line too', () => {
    const s = open();
    s.keys('exit 4\r');
    expect(s.exited).toEqual({ code: 4 });
    const t = open();
    // A login shell says logout as it leaves, as bash does: on a line of its own (readline ends
    // its paste mode at end of input with a newline).
    expect(t.keys('\x04')).toBe('\nlogout\r\n');
    expect(t.exited).toEqual({ code: 0 });
  });
});

describe('window size', () => {
  test('a resize at the prompt: bash redraws its prompt and line; during a command: nothing from the shell', () => {
    const s = open();
    s.keys(`echo hi${LEFT}`);
    const resize = (cols: number, rows: number, ms = 50): string => {
      const before = s.screen().length;
      s.resize(cols, rows);
      cluster.clock.advance(ms);
      return s.screen().slice(before);
    };
    // readline: clear the row, then the prompt and the line again, the cursor back where it was.
    expect(resize(100, 30)).toBe(`\r\x1b[K${PROMPT}echo hi\b`);
    expect(resize(100, 30)).toBe('');
    expect(s.keys('\x05\x15sleep 1\r')).toMatch(/sleep 1\r\n$/);
    // The foreground job gets the SIGWINCH (sleep ignores it); the prompt comes once, when it ends.
    expect(resize(90, 30, 2_000)).toBe(PROMPT);
  });
});

describe('line editing', () => {
  test('cursor keys, Home/End and Ctrl-A/E insert where the cursor is', () => {
    const s = open();
    expect(s.keys(`echo ac${LEFT}b`)).toBe('echo ac\bbc\b');
    expect(s.keys(`${HOME}x`)).toBe('\x1b[7Dxecho abc\x1b[8D');
    expect(s.keys(`${END}!\x01\x05\r`)).toBe('\x1b[8C!\x1b[10D\x1b[10C\r\n-bash: xecho: command not found\r\n' + PROMPT);
  });

  test('Ctrl-U, Ctrl-K, Ctrl-W cut, Ctrl-Y yanks back', () => {
    const s = open();
    s.keys('echo one two');
    expect(s.keys('\x17')).toBe('\b \b\b \b\b \b');
    expect(s.keys('\x19\x19')).toBe('twotwo');
    expect(s.keys('\x01\x0b')).toBe('\x1b[15D\x1b[K');
    expect(s.keys('\x19\x15')).toBe('echo one twotwo' + '\b \b'.repeat(15));
    expect(s.keys('echo ok\r')).toBe(`echo ok\r\nok\r\n${PROMPT}`);
  });

  test('Up and Down walk the history; the line being typed comes back', () => {
    // Sessions before this one left their lines in ~/.bash_history, which a login reads.
    cluster.machines.get('master01')!.host.fs.rm('/root/.bash_history', { force: true });
    const s = open();
    s.keys('echo first\r');
    s.keys('echo second\r');
    s.keys('echo draft');
    expect(s.keys(UP)).toBe('\x1b[5Dsecond');
    expect(s.keys(UP)).toBe('\x1b[6Dfirst\x1b[K');
    expect(s.keys(UP)).toBe('\x07');
    expect(s.keys(DOWN + DOWN)).toBe('\x1b[5Dsecond\x1b[6Ddraft\x1b[K');
    expect(s.keys('\x15history\r')).toContain('    1  echo first\r\n    2  echo second\r\n    3  history\r\n');
  });

  test('Ctrl-R searches the history backwards with bash\'s prompt', () => {
    const s = open();
    s.keys('echo alpha\r');
    s.keys('echo beta\r');
    expect(s.keys('\x12')).toBe("\x1b[19D\x1b[J(reverse-i-search)`': ");
    expect(s.keys('a')).toBe("\x1b[22D\x1b[J(reverse-i-search)`a': echo beta\b");
    expect(s.keys('l')).toBe("\x1b[31D\x1b[J(reverse-i-search)`al': echo alpha\x1b[5D");
    expect(s.keys('x')).toBe("\x1b[29D\x1b[J(failed reverse-i-search)`alx': echo alpha\x1b[5D");
    expect(s.keys('\x7f\r')).toBe(
      "\x1b[37D\x1b[J(reverse-i-search)`al': echo alpha\x1b[5D" + `\x1b[29D\x1b[J${PROMPT}echo alpha\x1b[5D\x1b[5C\r\nalpha\r\n${PROMPT}`,
    );
    s.keys('\x12beta\x07');
    expect(s.keys('\r')).toBe(`\r\n${PROMPT}`);
  });

  test('Ctrl-L clears the screen and draws the line again', () => {
    const s = open();
    expect(s.keys('echo x\x0c')).toBe(`echo x\x1b[H\x1b[2J${PROMPT}echo x`);
  });

  test('Tab completes commands and file names, lists choices on the second Tab', () => {
    const s = open();
    s.keys('mkdir -p /tmp/tabs/dir; touch /tmp/tabs/file1 /tmp/tabs/file2; cd /tmp/tabs\r');
    expect(s.keys('hostn\t')).toBe('hostname ');
    expect(s.keys('\x15cat d\t')).toBe('\b \b'.repeat(9) + 'cat dir/');
    expect(s.keys('\x15cat f\t')).toBe('\b \b'.repeat(8) + 'cat file');
    expect(s.keys('\t')).toBe('\r\nfile1  file2\r\n[root@master01 tabs]# cat file');
    expect(s.keys('1\r')).toBe('1\r\n[root@master01 tabs]# ');
    expect(s.keys('nosuchcmd\t')).toBe('nosuchcmd\x07');
  });
});

describe('bad input', () => {
  /** The session still answers: a fresh command runs and prints at the prompt. */
  const alive = (s: ReturnType<typeof open>, where = '~'): void => {
    expect(s.keys('\x03')).toContain(`^C\r\n[root@master01 ${where}]# `);
    expect(s.keys('echo alive\r')).toBe(`echo alive\r\nalive\r\n[root@master01 ${where}]# `);
  };

  test('an unterminated quote asks for more with > and Ctrl-C abandons it', () => {
    const s = open();
    expect(s.keys("echo 'never closed\r")).toBe("echo 'never closed\r\n> ");
    expect(s.keys('still open\r')).toBe('still open\r\n> ');
    alive(s);
  });

  test('a line of 100,000 characters is echoed and run', () => {
    const s = open();
    const word = 'x'.repeat(100_000);
    const shown = s.keys(`echo ${word} | wc -c\r`, 2_000);
    expect(shown).toBe(`echo ${word} | wc -c\r\n100001\r\n${PROMPT}`);
  });

  test('a 10 MB paste is taken in slices: the clock keeps moving and Ctrl-C drops the rest', () => {
    const s = open();
    const start = cluster.clock.now();
    s.type(`: ${'y'.repeat(10 * 1024 * 1024)}`);
    cluster.clock.advance(10);
    // Not all of it was handled at one instant.
    expect(s.screen().length).toBeLessThan(10 * 1024 * 1024);
    cluster.clock.advance(5_000);
    expect(cluster.clock.now()).toBeGreaterThan(start);
    alive(s);
  });

  test('binary garbage leaves the session and its files unharmed', () => {
    const s = open();
    s.keys('echo keep > /root/keep.txt\r');
    let garbage = '';
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      garbage += String.fromCharCode(seed % 256);
    }
    // Without Ctrl-C and Ctrl-D, which are keys with a meaning of their own.
    s.keys([...garbage].filter((c) => !['\x03', '\x04', '\x1c'].includes(c)).join(''), 2_000);
    alive(s);
    expect(s.keys('cat /root/keep.txt\r')).toBe(`cat /root/keep.txt\r\nkeep\r\n${PROMPT}`);
  });

  test('endless output (a `yes`-style loop) floods the terminal but Ctrl-C stops it', () => {
    const s = open();
    s.keys('while :; do echo yyyyyyyy; done\r', 1_000);
    expect(s.screen().length).toBeGreaterThan(10_000);
    alive(s);
    // Nothing is still printing.
    expect(s.keys('', 1_000)).toBe('');
  });
});

describe('job control', () => {
  test('kubectl get pods -w & prints its watch lines between later commands; kill %1 ends it with a notice', () => {
    const s = open();
    expect(s.keys('kubectl get pods -w &\r')).toMatch(/^kubectl get pods -w &\r\n\[1\] \d+\r\n/);
    const job = s.screen().match(/\[1\] (\d+)/)![1];
    // The watch writes to the terminal whenever the pod changes: around kubectl run's own output
    // and after the prompt came back.
    const lines = s.keys('kubectl run watched --image=nginx\r', 15_000).split('\r\n');
    expect(lines).toContain('pod/watched created');
    expect(lines).toContain('NAME      READY   STATUS    RESTARTS   AGE');
    expect(lines.findIndex((l) => /^watched +0\/1 +Pending/.test(l))).toBeGreaterThan(0);
    const prompt = lines.findIndex((l) => l.startsWith(PROMPT));
    expect(prompt).toBeGreaterThan(0);
    expect(lines.findIndex((l) => /watched +1\/1 +Running/.test(l))).toBeGreaterThan(prompt);
    expect(s.keys('jobs -l\r')).toBe(`jobs -l\r\n[1]+ ${job!.padStart(5)} Running                 kubectl get pods -w &\r\n${PROMPT}`);
    expect(s.keys('kill %1\r')).toBe(`kill %1\r\n[1]+  Terminated              kubectl get pods -w\r\n${PROMPT}`);
    expect(s.keys('kubectl delete pod watched --wait=false\r', 5_000)).toBe(`kubectl delete pod watched --wait=false\r\npod "watched" deleted\r\n${PROMPT}`);
  });

  test('Ctrl-Z stops the foreground command, ^Z echoed; fg resumes it and Ctrl-C reaches it', () => {
    const s = open();
    s.keys('sleep 600\r');
    expect(s.keys('\x1a')).toBe(`^Z\r\n[1]+  Stopped                 sleep 600\r\n${PROMPT}`);
    // At the prompt Ctrl-Z does nothing: the shell ignores it.
    expect(s.keys('\x1a')).toBe('');
    expect(s.keys('fg\r', 1_000)).toBe('fg\r\nsleep 600\r\n');
    expect(s.keys('\x03')).toBe(`^C\r\n${PROMPT}`);
    expect(s.keys('jobs\r')).toBe(`jobs\r\n${PROMPT}`);
  });
});
