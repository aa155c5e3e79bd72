/**
 * Which programs an image has on disk, as data: absolute path → the id of the simulated program
 * that will run when that path is executed (`busybox:wget`, `bash`, `coreutils:ls`, ...). The
 * userland implements the ids; an image only says which ones it ships and where.
 */

export type ProgramTable = Readonly<Record<string, string>>;

/** BusyBox applets a learner is likely to type. One binary, many names. */
const BUSYBOX_APPLETS = [
  'sh', 'ash', 'test', '[', 'basename', 'dirname', 'wc', 'cat', 'echo', 'ls', 'env', 'printenv', 'sleep', 'mkdir', 'rm', 'cp', 'mv', 'head',
  'tail', 'touch', 'date', 'uname', 'id', 'whoami', 'true', 'false', 'pwd', 'chmod', 'grep', 'sed',
  'find', 'vi', 'hostname', 'ps', 'top', 'kill', 'df', 'du', 'free', 'mount', 'uptime', 'which',
  'wget', 'ping', 'nslookup', 'nc', 'ip', 'ifconfig', 'netstat', 'traceroute', 'httpd',
  'sort', 'uniq', 'cut', 'tr', 'xargs', 'awk', 'less', 'more', 'clear', 'watch', 'timeout',
] as const;

/** The busybox image puts every applet in /bin. */
export function busyboxImagePrograms(): ProgramTable {
  const table: Record<string, string> = {};
  for (const applet of BUSYBOX_APPLETS) table[`/bin/${applet}`] = `busybox:${applet}`;
  return table;
}

/** Alpine installs the same applets, some under /usr/bin; it has no `httpd` link by default. */
const ALPINE_USR_BIN = new Set(['env', 'printenv', 'head', 'tail', 'id', 'whoami', 'find', 'top', 'du',
  'free', 'uptime', 'which', 'wget', 'nslookup', 'nc', 'traceroute', 'sort', 'uniq', 'cut', 'tr', 'xargs', 'awk', 'less', 'clear', 'timeout']);

export function alpinePrograms(): ProgramTable {
  const table: Record<string, string> = {};
  for (const applet of BUSYBOX_APPLETS) {
    if (applet === 'httpd') continue;
    table[`${ALPINE_USR_BIN.has(applet) ? '/usr/bin' : '/bin'}/${applet}`] = `busybox:${applet}`;
  }
  return table;
}

/** GNU coreutils a learner is likely to type (Debian images and the Rocky Linux nodes). */
const GNU_COREUTILS = ['test', '[', 'basename', 'dirname', 'wc', 'cat', 'echo', 'ls', 'env', 'printenv', 'sleep', 'mkdir', 'rm', 'cp', 'mv',
  'head', 'tail', 'touch', 'date', 'uname', 'id', 'whoami', 'true', 'false', 'pwd', 'chmod'] as const;

/**
 * GNU tools in a slim Debian image (12, bookworm, unless `bash` names bullseye's `bash:5.1.4`).
 * Deliberately absent: ps, ping, wget, ip, nslookup.
 */
export function debianPrograms(bash = 'bash'): ProgramTable {
  const table: Record<string, string> = {
    '/bin/bash': bash,
    // Debian's /bin/sh is dash; the simulator runs POSIX scripts with the same shell as bash.
    '/bin/sh': bash,
    '/bin/grep': 'grep',
    '/bin/sed': 'sed',
    '/bin/hostname': 'hostname',
    '/usr/bin/find': 'find',
    '/bin/kill': 'kill',
  };
  for (const tool of GNU_COREUTILS) table[`/bin/${tool}`] = `coreutils:${tool}`;
  return table;
}

/**
 * A Rocky Linux 9 node as kubeadm's prerequisites leave it (everything under /usr, /bin and /sbin
 * are links): bash and the GNU tools, curl, bind-utils' dig, iputils' ping, iproute2,
 * iptables-nft and kubectl. Ids without a simulation yet say so when run.
 */
export function rockyNodePrograms(): ProgramTable {
  const table: Record<string, string> = {
    '/usr/bin/bash': 'bash:5.1.8',
    '/usr/bin/sh': 'bash:5.1.8',
    '/usr/bin/grep': 'grep',
    '/usr/bin/sed': 'sed',
    '/usr/bin/hostname': 'hostname',
    '/usr/bin/find': 'find',
    '/usr/bin/kill': 'kill',
    '/usr/bin/ps': 'procps:ps',
    '/usr/bin/pgrep': 'procps:pgrep',
    '/usr/bin/pkill': 'procps:pkill',
    '/usr/bin/curl': 'curl:7.76',
    '/usr/bin/dig': 'dig',
    '/usr/bin/ping': 'iputils:ping',
    '/usr/sbin/ip': 'iproute2:ip',
    '/usr/sbin/iptables': 'iptables',
    '/usr/sbin/iptables-save': 'iptables-save',
    '/usr/bin/kubectl': 'kubectl',
    // The everyday tools of a lab node (procps' watch, gawk, less, ncurses' clear, openssh, vim-minimal).
    '/usr/bin/sort': 'coreutils:sort',
    '/usr/bin/uniq': 'coreutils:uniq',
    '/usr/bin/cut': 'coreutils:cut',
    '/usr/bin/tr': 'coreutils:tr',
    '/usr/bin/timeout': 'coreutils:timeout',
    '/usr/bin/xargs': 'xargs',
    '/usr/bin/awk': 'gawk',
    '/usr/bin/gawk': 'gawk',
    '/usr/bin/less': 'less',
    '/usr/bin/more': 'more',
    '/usr/bin/clear': 'clear',
    '/usr/bin/watch': 'watch',
    '/usr/bin/ssh': 'ssh',
    '/usr/bin/vi': 'vim',
    // kubeplay also installs vim and nano, so the editors tutorials name all open the session's editor.
    '/usr/bin/vim': 'vim',
    '/usr/bin/nano': 'nano',
  };
  for (const tool of GNU_COREUTILS) table[`/usr/bin/${tool}`] = `coreutils:${tool}`;
  return table;
}

/** Merges tables; later entries win (an image adding its server on top of its base). */
export function withPrograms(...tables: ProgramTable[]): ProgramTable {
  return Object.freeze(Object.assign({}, ...tables) as Record<string, string>);
}
