// `shopt`: bash's own options. They live in $BASHOPTS, the colon-separated list of those that are
// on (as bash itself shows them), so a subshell inherits them with the variables. Setting one
// changes only the list: what the simulation honours is read where it matters (login_shell is how
// /etc/bashrc tells a login shell from another).
import type { Shell } from '../shell';
import type { Builtin } from './common';

/** bash 5.1's options, and whether each is on in a shell that has not changed them. */
const DEFAULTS: Readonly<Record<string, boolean>> = {
  autocd: false, cdable_vars: false, cdspell: false, checkhash: false, checkjobs: false, checkwinsize: true,
  cmdhist: true, complete_fullquote: true, direxpand: false, dirspell: false, dotglob: false, execfail: false,
  expand_aliases: false, extdebug: false, extglob: false, extquote: true, failglob: false, force_fignore: true,
  globasciiranges: true, globstar: false, gnu_errfmt: false, histappend: false, histreedit: false, histverify: false,
  hostcomplete: true, huponexit: false, inherit_errexit: false, interactive_comments: true, lastpipe: false,
  lithist: false, localvar_inherit: false, localvar_unset: false, login_shell: false, mailwarn: false,
  no_empty_cmd_completion: false, nocaseglob: false, nocasematch: false, nullglob: false, progcomp: true,
  progcomp_alias: false, promptvars: true, restricted_shell: false, shift_verbose: false, sourcepath: true, xpg_echo: false,
};

/** $BASHOPTS of a new shell: interactive ones expand aliases, a login shell says so. */
export function defaultShopts(interactive: boolean, login: boolean): string {
  const on = Object.keys(DEFAULTS).filter((name) => DEFAULTS[name]
    || (name === 'expand_aliases' && interactive) || (name === 'login_shell' && login));
  return on.join(':');
}

function enabled(shell: Shell): Set<string> {
  return new Set((shell.vars.get('BASHOPTS') ?? '').split(':').filter(Boolean));
}

/** `shopt [-pqsu] [optname ...]` */
export const shopt: Builtin = {
  special: false,
  *run(shell, argv) {
    // busybox ash has no such builtin (nor program).
    if (shell.dialect !== 'bash') {
      yield* shell.report(shell.messages.notFound('shopt'));
      return 127;
    }
    let mode: 's' | 'u' | undefined;
    let quiet = false;
    let reusable = false;
    let i = 1;
    for (; i < argv.length && /^-[pqsu]+$/.test(argv[i]!); i++) {
      for (const letter of argv[i]!.slice(1)) {
        if (letter === 'q') quiet = true;
        else if (letter === 'p') reusable = true;
        else mode = letter as 's' | 'u';
      }
    }
    if (i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '--') {
      yield* shell.report(`${argv[i]!.slice(0, 2)}: invalid option\nshopt: usage: shopt [-pqsu] [-o] [optname ...]`);
      return 2;
    }
    const names = argv.slice(i).filter((n) => n !== '--');
    const on = enabled(shell);
    let status = 0;
    for (const name of names) {
      if (!(name in DEFAULTS)) {
        yield* shell.report(`${name}: invalid shell option name`);
        status = 1;
      }
    }
    const known = names.filter((n) => n in DEFAULTS);
    if (mode) {
      for (const name of known) {
        if (mode === 's') on.add(name);
        else on.delete(name);
      }
      shell.vars.set('BASHOPTS', Object.keys(DEFAULTS).filter((n) => on.has(n)).join(':'));
      return status;
    }
    const shown = known.length > 0 ? known : Object.keys(DEFAULTS);
    for (const name of shown) {
      if (!on.has(name)) status = known.length > 0 ? 1 : status;
      if (quiet) continue;
      const line = reusable ? `shopt ${on.has(name) ? '-s' : '-u'} ${name}` : `${name.padEnd(15)}\t${on.has(name) ? 'on' : 'off'}`;
      yield* shell.write(1, `${line}\n`);
    }
    return status;
  },
};
