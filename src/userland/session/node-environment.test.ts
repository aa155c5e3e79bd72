// Root's login on a Rocky node reads the node's own startup files: what a learner sees of them.
import { beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster';
import { openSession } from './session';
import { withoutPasteMode } from '../shell/testkit';

let cluster: Cluster;
beforeAll(() => {
  cluster = Cluster.create({ seed: 7 });
});

const PROMPT = '[root@master01 ~]# ';

/** Types one command line on a fresh master01 session; returns what it printed before the next prompt. */
function run(line: string, answers: readonly string[] = []): string {
  const session = openSession(cluster, { node: 'master01', cols: 120, rows: 24 });
  let screen = '';
  session.onOutput((ansi) => (screen += withoutPasteMode(ansi)));
  cluster.clock.advance(50);
  expect(screen).toBe(PROMPT);
  session.type(`${line}\r`);
  cluster.clock.advance(50);
  for (const answer of answers) {
    session.type(`${answer}\r`);
    cluster.clock.advance(50);
  }
  session.close();
  const echoed = `${PROMPT}${line}\r\n`;
  return screen.slice(echoed.length, screen.lastIndexOf(PROMPT));
}

describe("root's login environment on master01", () => {
  test("alias lists Rocky's aliases in bash's form, sorted", () => {
    expect(run('alias').split('\r\n').filter(Boolean)).toEqual([
      "alias cp='cp -i'",
      "alias egrep='egrep --color=auto'",
      "alias fgrep='fgrep --color=auto'",
      "alias grep='grep --color=auto'",
      "alias l.='ls -d .* --color=auto'",
      "alias ll='ls -l --color=auto'",
      "alias ls='ls --color=auto'",
      "alias mv='mv -i'",
      "alias rm='rm -i'",
      "alias xzegrep='xzegrep --color=auto'",
      "alias xzfgrep='xzfgrep --color=auto'",
      "alias xzgrep='xzgrep --color=auto'",
      "alias zegrep='zegrep --color=auto'",
      "alias zfgrep='zfgrep --color=auto'",
      "alias zgrep='zgrep --color=auto'",
    ]);
  });

  test('ll is ls -l in colour on the terminal, and plain into a pipe', () => {
    expect(run('ll -d /etc /bin')).toBe(
      'lrwxrwxrwx 1 root root    7 Jan  5 09:00 \x1b[0m\x1b[01;36m/bin\x1b[0m -> \x1b[01;34musr/bin\x1b[0m\r\n'
      + 'drwxr-xr-x 6 root root 4096 Jan  5 09:00 \x1b[01;34m/etc\x1b[0m\r\n',
    );
    expect(run('ll -d /etc | cat')).toBe('drwxr-xr-x 6 root root 4096 Jan  5 09:00 /etc\r\n');
  });

  test('grep marks its matches on the terminal', () => {
    expect(run('echo kube-proxy | grep proxy')).toBe('kube-\x1b[01;31m\x1b[Kproxy\x1b[m\x1b[K\r\n');
  });

  test('rm asks first; n keeps the file, y removes it; rm -f asks nothing', () => {
    run('echo x > pod.yaml');
    expect(run('rm pod.yaml', ['n'])).toBe("rm: remove regular file 'pod.yaml'? n\r\n");
    expect(run('ls pod.yaml')).toBe('pod.yaml\r\n');
    expect(run('rm pod.yaml', ['y'])).toBe("rm: remove regular file 'pod.yaml'? y\r\n");
    expect(run('ls pod.yaml')).toContain('No such file or directory');
    run('touch a');
    expect(run('rm -f a; ls a')).toBe("ls: cannot access 'a': No such file or directory\r\n");
  });

  test('the prompt and history settings come from /etc/profile and /etc/bashrc, not the environment sshd passes', () => {
    expect(run('echo "$PS1|$HISTSIZE|$HISTCONTROL|$BASHRCSOURCED"; shopt -q login_shell && echo login')).toBe('[\\u@\\h \\W]\\$ |1000|ignoredups|Y\r\nlogin\r\n');
    expect(run("bash -c 'echo \"[$PS1]\"; alias'")).toBe('[]\r\n');
    // An interactive bash that is no login reads ~/.bashrc, and /etc/bashrc the profile.d scripts.
    expect(run("bash -i -c 'll -d /etc | cat'")).toBe('drwxr-xr-x 6 root root 4096 Jan  5 09:00 /etc\r\n');
  });
});
