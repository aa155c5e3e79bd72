/**
 * The files that make root's login on a Rocky Linux 9 node what it is: /etc/profile and
 * /etc/bashrc (the setup package's roles), the /etc/profile.d scripts of a minimal install
 * (colour aliases for ls and grep, the locale), root's dot files and /etc/skel. They are
 * kubeplay's own short versions with the effect Rocky's have — the same variables, aliases,
 * prompt and start-up order — so a learner who `cat`s them reads what really runs here.
 */
import type { LayerEntry } from '../runtime/fs';

const profile = `# /etc/profile: read by login shells (kubeplay's rendition of Rocky Linux 9's).
# Aliases and functions belong in /etc/bashrc; local changes in /etc/profile.d/*.sh.

if [ -x /usr/bin/id ]; then
    USER="$(id -un)"
    LOGNAME=$USER
    MAIL="/var/spool/mail/$USER"
fi

# root gets the sbin directories first in its PATH, everyone else last.
for dir in /usr/sbin /usr/local/sbin; do
    case ":$PATH:" in
        *":$dir:"*) ;;
        *) if [ "$(id -u)" = 0 ]; then PATH=$dir:$PATH; else PATH=$PATH:$dir; fi ;;
    esac
done

HOSTNAME=$(/usr/bin/hostname 2>/dev/null)
HISTSIZE=1000
HISTCONTROL=ignoredups
export PATH USER LOGNAME MAIL HOSTNAME HISTSIZE HISTCONTROL

umask 022

for i in /etc/profile.d/*.sh /etc/profile.d/sh.local; do
    [ -r "$i" ] && . "$i"
done
unset i dir

# bash login shells read /etc/bashrc through here; other bash shells read it themselves.
if [ -n "\${BASH_VERSION-}" ] && [ -f /etc/bashrc ]; then
    . /etc/bashrc
fi
`;

const bashrc = `# /etc/bashrc: functions, aliases and the prompt for bash (kubeplay's rendition of Rocky Linux 9's).

# Read once per shell, however it was reached.
if [ -z "$BASHRCSOURCED" ]; then
  BASHRCSOURCED="Y"

  # Interactive shells: keep history across sessions, follow the window size, and use the
  # Rocky prompt [user@host dir]$ instead of bash's own.
  if [ "$PS1" ]; then
    shopt -s histappend
    shopt -s checkwinsize
    [ "$PS1" = "\\\\s-\\\\v\\\\\\$ " ] && PS1="[\\u@\\h \\W]\\\\$ "
  fi

  # A shell that is not a login shell has not been through /etc/profile: do its part here.
  if ! shopt -q login_shell; then
    [ \`umask\` -eq 0 ] && umask 022
    SHELL=/bin/bash
    for i in /etc/profile.d/*.sh; do
      [ -r "$i" ] && . "$i"
    done
    unset i
  fi
fi
`;

const colorls = `# ls in colour, and the ll and l. shorthands, for interactive shells.
[ ! -t 0 ] && return

alias ll='ls -l --color=auto' 2>/dev/null
alias l.='ls -d .* --color=auto' 2>/dev/null
alias ls='ls --color=auto' 2>/dev/null
`;

/** colorgrep.sh and its gzip and xz twins: aliases unless /etc/GREP_COLORS says `COLOR none`. */
const colorGrep = (what: string, tools: readonly string[]): string => `# ${what}: matches in colour, unless /etc/GREP_COLORS turns it off.
/usr/libexec/grepconf.sh -c || return

${tools.map((t) => `alias ${t}='${t} --color=auto' 2>/dev/null\n`).join('')}`;

const grepconf = `#!/usr/bin/sh
# -c: may interactive shells colour grep's output? Not when /etc/GREP_COLORS says COLOR none.
case "$1" in
  -c | --interactive-color) ! grep -qsi "^COLOR.*none" /etc/GREP_COLORS ;;
  *) echo >&2 "usage: grepconf.sh -c"; exit 1 ;;
esac
`;

const lang = `# /etc/profile.d/lang.sh: the system's locale, unless the environment chose one.
if [ -z "$LANG" ] && [ -r /etc/locale.conf ]; then
    . /etc/locale.conf
    export LANG
fi
`;

/** grep 3.6's egrep and fgrep: scripts that run grep -E / -F. */
const grepScript = (option: string): LayerEntry => ({ file: `#!/usr/bin/sh\nexec grep ${option} "$@"\n`, mode: 0o755 });

const bashProfile = `# ~/.bash_profile: read by login shells; the aliases live in ~/.bashrc.
if [ -f ~/.bashrc ]; then
\t. ~/.bashrc
fi
`;

/** root's: Rocky's rootfiles package asks before rm, cp and mv overwrite or remove anything. */
const rootBashrc = `# ~/.bashrc: root's aliases, then the system-wide settings.
alias rm='rm -i'
alias cp='cp -i'
alias mv='mv -i'

if [ -f /etc/bashrc ]; then
\t. /etc/bashrc
fi
`;

const skelBashrc = `# ~/.bashrc: the system-wide settings, ~/bin and ~/.local/bin on the PATH, then ~/.bashrc.d/*.
if [ -f /etc/bashrc ]; then
\t. /etc/bashrc
fi

case ":$PATH:" in
    *":$HOME/.local/bin:$HOME/bin:"*) ;;
    *) PATH="$HOME/.local/bin:$HOME/bin:$PATH" ;;
esac
export PATH

for rc in ~/.bashrc.d/*; do
\t[ -f "$rc" ] && . "$rc"
done
unset rc
`;

const bashLogout = '# ~/.bash_logout\n\n';

/** Path → file, for the node's image layer. */
export const ROCKY_LOGIN_FILES: Readonly<Record<string, LayerEntry>> = {
  '/etc/profile': profile,
  '/etc/bashrc': bashrc,
  '/etc/locale.conf': 'LANG="en_US.UTF-8"\n',
  '/etc/profile.d/colorls.sh': colorls,
  '/etc/profile.d/colorgrep.sh': colorGrep('color-grep', ['grep', 'egrep', 'fgrep']),
  '/etc/profile.d/colorzgrep.sh': colorGrep('color-zgrep', ['zgrep', 'zfgrep', 'zegrep']),
  '/etc/profile.d/colorxzgrep.sh': colorGrep('color-xzgrep', ['xzgrep', 'xzegrep', 'xzfgrep']),
  '/etc/profile.d/lang.sh': lang,
  '/etc/profile.d/sh.local': '# Local settings for every login shell (read by /etc/profile).\n',
  '/usr/libexec/grepconf.sh': { file: grepconf, mode: 0o755 },
  '/usr/bin/egrep': grepScript('-E'),
  '/usr/bin/fgrep': grepScript('-F'),
  '/root/.bash_profile': bashProfile,
  '/root/.bashrc': rootBashrc,
  '/root/.bash_logout': bashLogout,
  '/etc/skel/.bash_profile': bashProfile,
  '/etc/skel/.bashrc': skelBashrc,
  '/etc/skel/.bash_logout': bashLogout,
};
