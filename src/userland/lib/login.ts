/** What a root login on a node gets — the terminal session's shell and `ssh` both start one. */

/**
 * What sshd hands root's login shell on a Rocky Linux 9 node. The rest of the session's
 * environment (the prompt, HISTSIZE, the aliases) comes from the node's own startup files, which
 * the login bash reads: /etc/profile, ~/.bash_profile, ~/.bashrc, /etc/bashrc.
 */
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
  };
}
