/**
 * The files that make root's login on a Rocky Linux 9 node what it is: the setup package's
 * /etc/profile and /etc/bashrc, the /etc/profile.d scripts of the packages a minimal install has
 * (coreutils' colorls.sh, grep's colorgrep.sh, gzip's and xz's colour aliases, the locale),
 * rootfiles' dot files in /root and bash's in /etc/skel. Their text is Rocky's, less what the
 * simulation cannot do (node-os.ts says what was left out): a learner who `cat`s them reads what
 * really runs.
 */
import type { LayerEntry } from '../runtime/fs';

const profile = `# /etc/profile

# System wide environment and startup programs, for login setup
# Functions and aliases go in /etc/bashrc

# It's NOT a good idea to change this file unless you know what you
# are doing. It's much better to create a custom.sh shell script in
# /etc/profile.d/ to make custom changes to your environment, as this
# will prevent the need for merging in future updates.

pathmunge () {
    case ":\${PATH}:" in
        *:"$1":*)
            ;;
        *)
            if [ "$2" = "after" ] ; then
                PATH=$PATH:$1
            else
                PATH=$1:$PATH
            fi
    esac
}


if [ -x /usr/bin/id ]; then
    if [ -z "$EUID" ]; then
        # ksh workaround
        EUID=\`id -u\`
        UID=\`id -ru\`
    fi
    USER="\`id -un\`"
    LOGNAME=$USER
    MAIL="/var/spool/mail/$USER"
fi

# Path manipulation
if [ "$EUID" = "0" ]; then
    pathmunge /usr/sbin
    pathmunge /usr/local/sbin
else
    pathmunge /usr/local/sbin after
    pathmunge /usr/sbin after
fi

HOSTNAME=$(/usr/bin/hostnamectl --transient 2>/dev/null) || \\
HOSTNAME=$(/usr/bin/hostname 2>/dev/null) || \\
HOSTNAME=$(/usr/bin/uname -n 2>/dev/null)

HISTSIZE=1000
if [ "$HISTCONTROL" = "ignorespace" ] ; then
    export HISTCONTROL=ignoreboth
else
    export HISTCONTROL=ignoredups
fi

export PATH USER LOGNAME MAIL HOSTNAME HISTSIZE HISTCONTROL

# By default, we want umask to get set. This sets it for login shell
# Current threshold for system reserved uid/gids is 200
# You could check uidgid reservation validity in
# /usr/share/doc/setup-*/uidgid file
if [ $UID -gt 199 ] && [ "\`id -gn\`" = "\`id -un\`" ]; then
    umask 002
else
    umask 022
fi

for i in /etc/profile.d/*.sh /etc/profile.d/sh.local ; do
    if [ -r "$i" ]; then
        if [ "\${-#*i}" != "$-" ]; then
            . "$i"
        else
            . "$i" >/dev/null
        fi
    fi
done

unset i
unset -f pathmunge

if [ -n "\${BASH_VERSION-}" ] ; then
        if [ -f /etc/bashrc ] ; then
                # Bash login shells run only /etc/profile
                # Bash non-login shells run only /etc/bashrc
                # Check for double sourcing is done in /etc/bashrc.
                . /etc/bashrc
       fi
fi
`;

const bashrc = `# /etc/bashrc

# System wide functions and aliases
# Environment stuff goes in /etc/profile

# It's NOT a good idea to change this file unless you know what you
# are doing. It's much better to create a custom.sh shell script in
# /etc/profile.d/ to make custom changes to your environment, as this
# will prevent the need for merging in future updates.

# Prevent doublesourcing
if [ -z "$BASHRCSOURCED" ]; then
  BASHRCSOURCED="Y"

  # are we an interactive shell?
  if [ "$PS1" ]; then
    # Turn on parallel history
    shopt -s histappend
    # Turn on checkwinsize
    shopt -s checkwinsize
    # Change the default prompt string
    [ "$PS1" = "\\\\s-\\\\v\\\\\\$ " ] && PS1="[\\u@\\h \\W]\\\\$ "
    # You might want to have e.g. tty in prompt (e.g. more virtual machines)
    # and console windows
    # If you want to do so, just add e.g.
    # if [ "$PS1" ]; then
    #   PS1="[\\u@\\h:\\l \\W]\\\\$ "
    # fi
    # to your custom modification shell script in /etc/profile.d/ directory
  fi

  if ! shopt -q login_shell ; then # We're not a login shell
    # Need to redefine pathmunge, it gets undefined at the end of /etc/profile
    pathmunge () {
        case ":\${PATH}:" in
            *:"$1":*)
                ;;
            *)
                if [ "$2" = "after" ] ; then
                    PATH=$PATH:$1
                else
                    PATH=$1:$PATH
                fi
        esac
    }

    # Set default umask for non-login shell only if it is set to 0
    [ \`umask\` -eq 0 ] && umask 022

    SHELL=/bin/bash
    # Only display echos from profile.d scripts if we are no login shell
    # and interactive - otherwise just process them to set envvars
    for i in /etc/profile.d/*.sh; do
        if [ -r "$i" ]; then
            if [ "$PS1" ]; then
                . "$i"
            else
                . "$i" >/dev/null
            fi
        fi
    done

    unset i
    unset -f pathmunge
  fi

fi
# vim:ts=4:sw=4
`;

const colorls = `# color-ls initialization

# Skip all for noninteractive shells.
[ ! -t 0 ] && return

alias ll='ls -l --color=auto' 2>/dev/null
alias l.='ls -d .* --color=auto' 2>/dev/null
alias ls='ls --color=auto' 2>/dev/null
`;

/** colorgrep.sh and its gzip and xz twins: aliases unless /etc/GREP_COLORS says `COLOR none`. */
const colorGrep = (what: string, tools: readonly string[]): string => `# ${what} initialization

/usr/libexec/grepconf.sh -c || return

${tools.map((t) => `alias ${t}='${t} --color=auto' 2>/dev/null\n`).join('')}`;

const grepconf = `#!/usr/bin/sh

case "$1" in
  -c | --interactive-color)
    ! grep -qsi "^COLOR.*none" /etc/GREP_COLORS
    ;;
  *)
    echo >&2 "Invalid / no option passed, so far only -c | --interactive-color is supported."
    exit 1
    ;;
esac
`;

const lang = `# /etc/profile.d/lang.sh - exports environment variables, and provides fallback
#                          for CJK languages that can't be displayed in console.
#                          Resets the locale if unavailable.

unset LANGSH_SOURCED

if [ -z "$LANG" ]; then
    if [ -r /etc/locale.conf ]; then
        . /etc/locale.conf
    fi
    export LANG
fi
`;

/** grep 3.6's egrep and fgrep: scripts that run grep -E / -F. */
const grepScript = (option: string): LayerEntry => ({ file: `#!/usr/bin/sh\nexec grep ${option} "$@"\n`, mode: 0o755 });

const bashProfile = `# .bash_profile

# Get the aliases and functions
if [ -f ~/.bashrc ]; then
\t. ~/.bashrc
fi

# User specific environment and startup programs
`;

const rootBashrc = `# .bashrc

# User specific aliases and functions

alias rm='rm -i'
alias cp='cp -i'
alias mv='mv -i'

# Source global definitions
if [ -f /etc/bashrc ]; then
\t. /etc/bashrc
fi
`;

const skelBashrc = `# .bashrc

# Source global definitions
if [ -f /etc/bashrc ]; then
\t. /etc/bashrc
fi

# User specific environment
if ! [[ "$PATH" =~ "$HOME/.local/bin:$HOME/bin:" ]]
then
    PATH="$HOME/.local/bin:$HOME/bin:$PATH"
fi
export PATH

# Uncomment the following line if you don't like systemctl's auto-paging feature:
# export SYSTEMD_PAGER=

# User specific aliases and functions
if [ -d ~/.bashrc.d ]; then
\tfor rc in ~/.bashrc.d/*; do
\t\tif [ -f "$rc" ]; then
\t\t\t. "$rc"
\t\tfi
\tdone
fi

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
  '/etc/profile.d/sh.local': '#Add any required envvar overrides to this file, it is sourced from /etc/profile\n',
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
