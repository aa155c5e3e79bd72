/** What a root login on a node gets — the terminal session's shell and `ssh` both start one. */

/** Rocky Linux's prompt from /etc/bashrc: `[root@master01 ~]# `. */
export const ROCKY_PS1 = '[\\u@\\h \\W]\\$ ';

/** What `su -` / an SSH login gives root on a Rocky Linux 9 node. */
export function loginEnvironment(node: string): Record<string, string> {
  return {
    HOME: '/root',
    USER: 'root',
    LOGNAME: 'root',
    SHELL: '/bin/bash',
    TERM: 'xterm-256color',
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin',
    HOSTNAME: node,
    LANG: 'en_US.UTF-8',
    MAIL: '/var/spool/mail/root',
    HISTCONTROL: 'ignoredups',
    HISTSIZE: '1000',
    PS1: ROCKY_PS1,
  };
}
