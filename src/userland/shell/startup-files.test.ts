// Which startup files a shell reads (bash 5.1 INVOCATION; busybox ash's login and $ENV rules).
import { describe, expect, it } from 'vitest';
import { SHELL_PROGRAMS } from './programs';
import { shellBox } from './testkit';

/** Every startup file appends its name to $READ, so a run shows which were read, in order. */
const mark = (name: string): string => `READ="$READ ${name}"\n`;
const files = {
  '/etc/profile': mark('/etc/profile'),
  '/root/.bash_profile': mark('.bash_profile'),
  '/root/.bash_login': mark('.bash_login'),
  '/root/.profile': mark('.profile'),
  '/root/.bashrc': mark('.bashrc'),
  '/root/env.sh': mark('env.sh'),
  '/root/rc': mark('--rcfile'),
};

describe('startup files', () => {
  it.each([
    ['bash login', 'bash', ['bash', '-l', '-c', 'echo "$READ"'], ' /etc/profile .bash_profile'],
    ['bash --login', 'bash', ['bash', '--login', '-c', 'echo "$READ"'], ' /etc/profile .bash_profile'],
    ['bash login, --noprofile', 'bash', ['bash', '--login', '--noprofile', '-c', 'echo "$READ"'], ''],
    ['bash -c', 'bash', ['bash', '-c', 'echo "$READ"'], ''],
    ['bash interactive, no login', 'bash', ['bash', '-i', '-c', 'echo "$READ"'], ' .bashrc'],
    ['bash interactive, --norc', 'bash', ['bash', '--norc', '-i', '-c', 'echo "$READ"'], ''],
    ['bash interactive, --rcfile', 'bash', ['bash', '--rcfile', '/root/rc', '-i', '-c', 'echo "$READ"'], ' --rcfile'],
    ['bash non-interactive with BASH_ENV', 'bash', ['bash', '-c', 'echo "$READ"'], ' env.sh', { BASH_ENV: '$HOME/env.sh' }],
    ['bash as sh, login', 'bash', ['sh', '-l', '-c', 'echo "$READ"'], ' /etc/profile .profile'],
    ['ash login', 'busybox', ['sh', '-l', '-c', 'echo "$READ"'], ' /etc/profile .profile'],
    ['ash interactive with ENV', 'busybox', ['sh', '-i', '-c', 'echo "$READ"'], ' env.sh', { ENV: '$HOME/env.sh' }],
    ['ash -c ignores ENV', 'busybox', ['sh', '-c', 'echo "$READ"'], '', { ENV: '$HOME/env.sh' }],
  ] as const)('%s', (_, dialect, argv, read, env?: Record<string, string>) => {
    const box = shellBox(dialect, { files });
    expect(box.exec([...argv], { env: env ?? {} }).stdout).toBe(`${read}\n`);
  });

  it('a bash login takes the first of ~/.bash_profile, ~/.bash_login, ~/.profile', () => {
    const box = shellBox('bash', { files: { '/etc/profile': mark('/etc/profile'), '/root/.bash_login': mark('.bash_login'), '/root/.profile': mark('.profile') } });
    expect(box.exec(['bash', '-l', '-c', 'echo "$READ"']).stdout).toBe(' /etc/profile .bash_login\n');
  });

  it("login_shell and PS1 tell the files what kind of shell reads them (Rocky's bash: PS1 is bash's own)", () => {
    const rocky = { bash: SHELL_PROGRAMS['bash:5.1.8']! };
    const box = shellBox('bash', { programs: rocky, files: { '/root/.bashrc': 'echo "[$PS1]"; shopt -q login_shell || echo not-login\n' } });
    expect(box.exec(['bash', '-i', '-c', 'true']).stdout).toBe('[\\s-\\v\\$ ]\nnot-login\n');
    expect(box.exec(['bash', '-l', '-c', 'echo "[$PS1]"; shopt login_shell']).stdout).toBe('[]\nlogin_shell    \ton\n');
  });

  it('shopt sets and reports options in $BASHOPTS; busybox has no shopt', () => {
    const bash = shellBox('bash');
    expect(bash.sh('shopt -s extglob; shopt extglob; shopt -q nullglob; echo $?; shopt -u extglob; shopt -p extglob').stdout)
      .toBe('extglob        \ton\n1\nshopt -u extglob\n');
    expect(bash.sh('shopt nosuch').stderr).toBe('bash: line 1: shopt: nosuch: invalid shell option name\n');
    expect(shellBox('busybox').sh('shopt -s extglob').code).toBe(127);
  });
});
