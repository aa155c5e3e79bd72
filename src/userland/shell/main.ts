// Starting a shell: `sh -c 'cmd' [name [args]]`, `sh script args`, or commands from standard
// input — interactively (prompts, line editing, Ctrl-C) when stdin is a terminal, else read to end
// of file (so busybox's `sh` with no terminal and no input exits 0 at once, and
// `kubectl run b --image=busybox` crash-loops as it does on a real cluster).
import { FsError } from '../../engine/runtime/fs';
import { SignalInterrupt, sys, TtyFile, type Proc, type Program, type Sys, type TtySignal } from '../../engine/runtime/process';
import { BUILTINS } from './builtins';
import { defaultShopts } from './builtins/shopt';
import { ExitShell, Interrupted, LoopControl, ReturnFromFunction, ShellError } from './control';
import { ShellIncompleteError, ShellParseError, type ShellDialect } from './errors';
import { historyOf } from './history';
import { HISTORY_SAVERS, loadHistory, saveHistory } from './history-file';
import { notifyJobs } from './job-control';
import { LineEditor } from './line-editor';
import { parse, parseExpansionText } from './parser';
import { EXIT, OPTION_NAMES, Shell, type ShellOptions } from './shell';
import { errorChunk, parseSource } from './source';

/** Which bash a system has: Rocky Linux 9's 5.1.8, Debian 11's 5.1.4, Debian 12's 5.2.15. */
export interface BashBuild {
  /** `$BASH_VERSION`: `5.1.8(1)-release`. */
  readonly version: string;
  /** The build's machine triple, as `bash --version` names it. */
  readonly machine: string;
  /** The year of its copyright line. */
  readonly year: number;
  /**
   * PS1 of an interactive shell before its startup files run: bash's own `\s-\v\$ ` unless the
   * system says otherwise (Debian's bash reads /etc/bash.bashrc, which sets `\u@\h:\w\$ `; its
   * images do not carry that file, so the build stands in for it).
   */
  readonly prompt?: string;
}

/** `bash --version`. */
const versionBanner = (b: BashBuild): string => `GNU bash, version ${b.version} (${b.machine})
Copyright (C) ${b.year} Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>

This is free software; you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
`;

interface Invocation {
  readonly mode: 'command' | 'file' | 'stdin';
  readonly text?: string;
  readonly arg0: string;
  /** `-c cmd name` or a script: $0 was given, and busybox puts it and the line in messages. */
  readonly named: boolean;
  readonly positional: string[];
  readonly interactive: boolean | undefined;
  readonly login: boolean;
  /** bash's `--noprofile`, `--norc` and `--rcfile FILE`. */
  readonly startup: { readonly noprofile: boolean; readonly norc: boolean; readonly rcfile?: string };
  readonly options: Partial<ShellOptions>;
}

/** Reads the shell's own options; a string is the error to print. */
function parseInvocation(argv: readonly string[], dialect: ShellDialect): Invocation | string {
  const name = argv[0] ?? 'sh';
  let login = name.startsWith('-');
  let interactive: boolean | undefined;
  let command = false;
  let stdin = false;
  const options: Partial<ShellOptions> = {};
  const startup: { noprofile: boolean; norc: boolean; rcfile?: string } = { noprofile: false, norc: false };
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--' || arg === '-') {
      i++;
      break;
    }
    if (dialect === 'bash' && arg.startsWith('--')) {
      if (arg === '--login') login = true;
      else if (arg === '--noprofile') startup.noprofile = true;
      else if (arg === '--norc') startup.norc = true;
      else if (arg === '--rcfile' || arg === '--init-file') {
        if (argv[i + 1] === undefined) return `${name}: ${arg}: option requires an argument`;
        startup.rcfile = argv[++i];
      } else if (!['--posix', '--noediting'].includes(arg)) return `${name}: ${arg}: invalid option`;
      continue;
    }
    if (!/^[-+][A-Za-z]+$/.test(arg)) break;
    const on = arg[0] === '-';
    for (const letter of arg.slice(1)) {
      if (letter === 'c') command = on;
      else if (letter === 's') stdin = on;
      else if (letter === 'i') interactive = on;
      else if (letter === 'l') login = on;
      else if (letter === 'o') {
        const option = OPTION_NAMES.find(([, , long]) => long === argv[i + 1]);
        i++;
        if (option) options[option[0]] = on;
      } else {
        const option = OPTION_NAMES.find(([, short]) => short === letter);
        if (option) options[option[0]] = on;
        else if (letter !== 'v' && letter !== 'm') return dialect === 'bash' ? `${name}: ${arg[0]}${letter}: invalid option` : `${name}: illegal option ${arg[0]}${letter}`;
      }
    }
  }
  const rest = argv.slice(i);
  if (command) {
    if (rest.length === 0) return dialect === 'bash' ? `${name}: -c: option requires an argument` : `${name}: -c requires an argument`;
    return { mode: 'command', text: rest[0]!, arg0: rest[1] ?? name, named: rest.length > 1, positional: rest.slice(2), interactive, login, startup, options };
  }
  if (!stdin && rest.length > 0) {
    return { mode: 'file', text: rest[0]!, arg0: rest[0]!, named: true, positional: rest.slice(1), interactive, login, startup, options };
  }
  return { mode: 'stdin', arg0: name, named: false, positional: rest, interactive, login, startup, options };
}

/** The shell as a program (`busybox:sh`, or `bash` of one build). */
export function shellProgram(dialect: ShellDialect, build?: BashBuild): Program {
  const program: Program = (proc) => runShell(proc, dialect, program, build);
  return program;
}

function* runShell(proc: Proc, dialect: ShellDialect, program: Program, build: BashBuild | undefined): Sys<number> {
  if (build && proc.argv[1] === '--version') {
    yield* sys.write(1, versionBanner(build));
    return 0;
  }
  const invocation = parseInvocation(proc.argv, dialect);
  if (typeof invocation === 'string') {
    yield* sys.write(2, `${invocation}\n`);
    return 2;
  }
  const interactive = invocation.interactive
    ?? (invocation.mode === 'stdin' && proc.isatty(0) && proc.isatty(dialect === 'bash' ? 2 : 1));
  const shell = new Shell(proc, {
    dialect,
    arg0: invocation.arg0,
    positional: invocation.positional,
    interactive,
    invokedAs: proc.argv[0] ?? 'sh',
    ...(invocation.named ? { scriptName: invocation.arg0 } : {}),
    commandString: invocation.mode === 'command',
    program,
  });
  initialVariables(shell, build, invocation.login);
  Object.assign(shell.options, invocation.options);
  if (interactive) {
    // Ctrl-C interrupts the command line, not the shell; TERM and QUIT leave it alone.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGQUIT'] as const) proc.signal(signal, 'catch');
  }

  let status = 0;
  const keepsHistory = interactive && dialect === 'bash';
  try {
    yield* readStartupFiles(shell, invocation);
    if (keepsHistory) keepHistory(shell);
    if (invocation.mode === 'command') status = yield* shell.runChunks(parseSource(invocation.text!, dialect), EXIT);
    else if (invocation.mode === 'file') status = yield* runFile(shell, invocation.text!);
    else if (interactive) status = yield* interactiveLoop(shell);
    else status = yield* readCommands(shell);
  } catch (e) {
    if (e instanceof ExitShell || e instanceof ShellError || e instanceof ReturnFromFunction) status = e.status;
    else if (e instanceof LoopControl) status = shell.status;
    else if (e instanceof Interrupted) status = 130;
    else throw e;
  }
  // An interactive login bash reads ~/.bash_logout as it leaves.
  if (invocation.login && interactive && shell.dialect === 'bash') {
    const home = shell.vars.get('HOME');
    if (home) yield* source(shell, `${home}/.bash_logout`);
  }
  status = yield* shell.finish(status);
  if (keepsHistory) saveHistory(shell, historyOf(shell));
  return status;
}

/**
 * An interactive bash's history file: read now that the startup files have set HISTFILE and
 * HISTSIZE; saved when the shell leaves (below), when a hangup ends it (bash's SIGHUP handler
 * saves before it dies), and when the machines are snapshotted (HISTORY_SAVERS).
 */
function keepHistory(shell: Shell): void {
  const history = historyOf(shell);
  loadHistory(shell, history);
  const stop = shell.proc.facility(HISTORY_SAVERS)?.add(() => saveHistory(shell, history));
  shell.proc.onExit((status) => {
    stop?.();
    if (status.signal === 'SIGHUP') saveHistory(shell, history);
  });
}

/** Variables every shell starts with besides its environment. */
function initialVariables(shell: Shell, build: BashBuild | undefined, login: boolean): void {
  const { vars, proc } = shell;
  vars.set('IFS', ' \t\n');
  // bash gives only an interactive shell prompts; a PS1 from the environment is kept.
  if (shell.dialect === 'busybox' || shell.interactive) {
    if (vars.get('PS1') === undefined) vars.set('PS1', shell.dialect === 'bash' ? (build?.prompt ?? '\\s-\\v\\$ ') : '\\w \\$ ');
    vars.set('PS2', '> ');
  }
  vars.set('PS4', '+ ');
  vars.set('OPTIND', '1');
  vars.set('PPID', String(proc.ppid));
  const pwd = vars.get('PWD');
  let validPwd = false;
  try {
    validPwd = pwd !== undefined && pwd.startsWith('/') && shell.fs().realpath(pwd) === proc.cwd;
  } catch {
    validPwd = false;
  }
  vars.export('PWD', validPwd ? pwd : proc.cwd);
  const level = Number(vars.get('SHLVL') ?? '0');
  vars.export('SHLVL', String((Number.isFinite(level) ? level : 0) + 1));
  if (shell.dialect === 'bash' || vars.get('HOSTNAME') === undefined) vars.set('HOSTNAME', proc.hostname);
  if (shell.dialect === 'bash') {
    vars.set('BASH', '/bin/bash');
    const home = vars.get('HOME');
    if (shell.interactive && home !== undefined && vars.get('HISTFILE') === undefined) vars.set('HISTFILE', `${home}/.bash_history`);
    if (build) vars.set('BASH_VERSION', build.version);
    const uid = String(shell.fs().cred.uid);
    vars.set('UID', uid);
    vars.set('EUID', uid);
    vars.set('BASHOPTS', defaultShopts(shell.interactive, login));
  }
}

/**
 * bash's startup files (bash(1), INVOCATION). A login shell reads /etc/profile, then the first of
 * ~/.bash_profile, ~/.bash_login and ~/.profile; an interactive shell that is not a login shell
 * reads ~/.bashrc (or --rcfile's file); any other reads the file $BASH_ENV names. Invoked as `sh`,
 * bash reads /etc/profile and ~/.profile at login and $ENV when interactive, as busybox ash does.
 */
function* readStartupFiles(shell: Shell, invocation: Invocation): Sys<void> {
  const home = shell.vars.get('HOME');
  const inHome = (name: string): string[] => (home ? [`${home}/${name}`] : []);
  const shMode = shell.dialect === 'busybox' || /^-?sh$/.test(shell.invokedAs.slice(shell.invokedAs.lastIndexOf('/') + 1));
  if (shMode) {
    if (invocation.login) for (const path of ['/etc/profile', ...inHome('.profile')]) yield* source(shell, path);
    if (shell.interactive) yield* sourceNamedBy(shell, 'ENV');
    return;
  }
  const { startup } = invocation;
  if (invocation.login) {
    if (startup.noprofile) return;
    yield* source(shell, '/etc/profile');
    const personal = ['.bash_profile', '.bash_login', '.profile'].flatMap(inHome).find((path) => shell.fs().exists(path));
    if (personal) yield* source(shell, personal);
  } else if (shell.interactive) {
    if (!startup.norc) yield* source(shell, startup.rcfile ?? inHome('.bashrc')[0]);
  } else {
    yield* sourceNamedBy(shell, 'BASH_ENV');
  }
}

/** Reads a file into the shell, as `.` does, when it exists. */
function* source(shell: Shell, path: string | undefined): Sys<void> {
  if (path !== undefined && shell.fs().exists(path)) yield* BUILTINS.get('.')!.run(shell, ['.', path]);
}

/** `$ENV` / `$BASH_ENV`: a file name that undergoes parameter expansion first. */
function* sourceNamedBy(shell: Shell, variable: string): Sys<void> {
  const named = shell.vars.get(variable);
  if (!named) return;
  const path = yield* shell.expander.hereDocument(parseExpansionText(named, { dialect: shell.dialect }));
  yield* source(shell, path);
}

function* runFile(shell: Shell, path: string): Sys<number> {
  let text: string;
  try {
    text = shell.fs().readFile(path);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    yield* shell.write(2, `${shell.invokedAs}: ${shell.messages.scriptNotFound(path, e.text)}\n`);
    return shell.dialect === 'bash' ? 127 : 2;
  }
  return yield* shell.runChunks(parseSource(text, shell.dialect), 0);
}

/** Commands from a pipe or file on stdin, each run as soon as it is complete. */
function* readCommands(shell: Shell): Sys<number> {
  let buffered = '';
  let text = '';
  let firstLine = 1;
  let lineNumber = 0;
  let ended = false;
  let status = 0;
  for (;;) {
    const newline = buffered.indexOf('\n');
    if (newline < 0 && !ended) {
      const chunk = yield* shell.syscall(() => sys.read(0));
      if (chunk === null) ended = true;
      else buffered += chunk;
      continue;
    }
    if (newline < 0 && buffered === '') break;
    const line = newline < 0 ? buffered : buffered.slice(0, newline + 1);
    buffered = buffered.slice(line.length);
    lineNumber++;
    if (text === '') firstLine = lineNumber;
    text += line;
    let script;
    try {
      script = parse(text, { dialect: shell.dialect, firstLine });
    } catch (e) {
      if (e instanceof ShellIncompleteError && !(ended && buffered === '')) continue;
      if (!(e instanceof ShellParseError)) throw e;
      const chunk = errorChunk(e, text, firstLine);
      if (chunk.kind === 'error') yield* shell.syntaxError(chunk);
      return 2;
    }
    text = '';
    status = yield* shell.runScript(script, 0);
  }
  return status;
}

/** The prompt loop of an interactive shell. */
function* interactiveLoop(shell: Shell): Sys<number> {
  const input = shell.proc.file(0);
  const editor = input ? shell.editorFor(0, input) : new LineEditor(0);
  const terminal = input instanceof TtyFile ? input : undefined;
  const features = { history: historyOf(shell), completion: true };
  const previousForeground = terminal?.signalForeground;
  if (terminal) terminal.signalForeground = (signal) => signalForeground(shell, terminal, signal);
  try {
    let text = '';
    for (;;) {
      if (text === '') yield* notifyJobs(shell);
      const prompt = text === '' ? yield* promptString(shell) : (shell.vars.get('PS2') ?? '> ');
      let line: string | null;
      try {
        line = yield* editor.readLine(shell, prompt, true, features);
      } catch (e) {
        if (!(e instanceof SignalInterrupt)) throw e;
        // Ctrl-C at the prompt drops what was typed; a trapped signal runs its handler.
        text = '';
        try {
          shell.checkInterrupt();
        } catch (interrupt) {
          if (!(interrupt instanceof Interrupted)) throw interrupt;
          shell.status = 130;
          yield* shell.write(2, '\n');
        }
        yield* shell.tick();
        continue;
      }
      if (line === null) {
        yield* shell.write(2, shell.dialect === 'bash' ? `${shell.farewell}\n` : '\n');
        return shell.status;
      }
      text += line + '\n';
      let script;
      try {
        script = parse(text, { dialect: shell.dialect });
      } catch (e) {
        if (e instanceof ShellIncompleteError) continue;
        if (!(e instanceof ShellParseError)) throw e;
        remember(shell, text);
        const chunk = errorChunk(e, text, 1);
        if (chunk.kind === 'error') yield* shell.syntaxError(chunk);
        shell.status = 2;
        text = '';
        continue;
      }
      remember(shell, text);
      text = '';
      try {
        yield* shell.runScript(script, 0);
      } catch (e) {
        if (e instanceof Interrupted) {
          shell.status = 130;
          yield* shell.write(2, '\n');
        } else if (e instanceof ShellError || e instanceof ReturnFromFunction) {
          shell.status = e.status;
        } else if (!(e instanceof LoopControl)) {
          throw e;
        }
      }
    }
  } finally {
    if (terminal) terminal.signalForeground = previousForeground;
  }
}

/** A command read at the prompt goes into the history, as HISTSIZE and HISTCONTROL say now. */
function remember(shell: Shell, text: string): void {
  const history = historyOf(shell);
  if (shell.dialect === 'bash') history.limit(shell.vars.get('HISTSIZE'));
  history.add(historyEntry(text), shell.vars.get('HISTCONTROL') ?? '');
}

/**
 * A command typed over several lines, as one history entry: bash's cmdhist joins the lines with
 * `; ` unless a line ends where a command cannot (`do`, `|`, `&&`, …) or inside a quote; a
 * here-document keeps its lines.
 */
function historyEntry(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  if (text.includes('<<')) return lines.join('\n');
  return lines.reduce((joined, line) => {
    const trimmed = joined.trimEnd();
    if (trimmed.endsWith('\\')) return trimmed.slice(0, -1) + line;
    // Inside an open quote the newline is part of the word.
    if (/^(?:[^'"\\]|\\.|'[^']*'|"(?:[^"\\]|\\.)*")*(?:'[^']*|"(?:[^"\\]|\\.)*)$/s.test(joined)) return `${joined}\n${line}`;
    return /(^|\s)(do|then|else|in)$|[{(|&;]$/.test(trimmed) ? `${trimmed} ${line.trimStart()}` : `${trimmed}; ${line.trimStart()}`;
  });
}

/** How the terminal echoes a signal key (ECHOCTL). */
const SIGNAL_ECHO: Readonly<Record<TtySignal, string>> = { SIGINT: '^C', SIGQUIT: '^\\', SIGTSTP: '^Z', SIGWINCH: '' };

/**
 * Ctrl-C / Ctrl-\ / Ctrl-Z or a window change on the shell's terminal: the terminal shows `^C` for
 * a key, and the signal goes to the foreground job, or to the shell's own group when it is running
 * commands itself or waiting at the prompt — except Ctrl-Z, which an interactive shell ignores.
 */
function signalForeground(shell: Shell, terminal: TtyFile, signal: TtySignal): void {
  if (signal === 'SIGTSTP' && shell.foregroundGroup === undefined) return;
  terminal.write(SIGNAL_ECHO[signal]);
  const group = shell.foregroundGroup ?? shell.proc.pgid;
  try {
    shell.proc.kill(-group, signal);
  } catch {
    // the group is already gone
  }
}

/** PS1 with its backslash escapes (`\w`, `\$`, `\u@\h`) and then its parameters expanded. */
function* promptString(shell: Shell): Sys<string> {
  const raw = shell.vars.get('PS1') ?? '';
  const escaped = promptEscapes(shell, raw);
  if (!escaped.includes('$') && !escaped.includes('`')) return escaped;
  try {
    return yield* shell.expander.hereDocument(parseExpansionText(escaped, { dialect: shell.dialect }));
  } catch (e) {
    if (e instanceof ShellParseError || e instanceof ShellError) return escaped;
    throw e;
  }
}

function promptEscapes(shell: Shell, text: string): string {
  const root = shell.fs().cred.uid === 0;
  const cwd = shell.vars.get('PWD') ?? shell.proc.cwd;
  const home = shell.vars.get('HOME');
  const tilde = home && home !== '/' && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd;
  return text.replace(/\\(.)/g, (all, c: string) => {
    switch (c) {
      case 'u': return root ? 'root' : (shell.vars.get('USER') ?? 'user');
      case 'h': return shell.proc.hostname.split('.')[0]!;
      case 'H': return shell.proc.hostname;
      case 'w': return tilde;
      case 'W': return tilde === '/' || tilde === '~' ? tilde : tilde.slice(tilde.lastIndexOf('/') + 1);
      case '$': return root ? '#' : '$';
      case 'v': return (shell.vars.get('BASH_VERSION') ?? '').split('.').slice(0, 2).join('.');
      case 's': return shell.invokedAs.slice(shell.invokedAs.lastIndexOf('/') + 1).replace(/^-/, '');
      case 'n': return '\n';
      case 'e': return '\x1b';
      case 'a': return '\x07';
      case '\\': return '\\';
      case '[':
      case ']': return '';
      default: return all;
    }
  });
}
