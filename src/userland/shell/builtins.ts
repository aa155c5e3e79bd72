// The builtin commands of busybox ash and bash. Each gets the shell and its argv and returns an exit
// status; "special" builtins (POSIX's term: `exit`, `set`, `.`, ...) keep the variable assignments
// written before them, and their errors end a non-interactive shell.
import { FsError } from '../../engine/runtime/fs';
import { parseSignal, SIGNAL_NUMBERS, SignalInterrupt, sys, SysError, TtyFile, type SignalName, type Sys } from '../../engine/runtime/process';
import { formatEcho } from '../lib/echo';
import { evaluateTest } from '../lib/test-expr';
import type { Flavour } from '../lib/flavour';
import { ArithError, evaluateArithmetic } from './arith';
import { ExitShell, LoopControl, ReturnFromFunction, ShellError } from './control';
import { LineEditor } from './line-editor';
import { printScript } from './printer';
import { matchPattern } from './pattern';
import { formatPrintf } from './printf';
import { OPTION_NAMES, Shell, type ShellOptions } from './shell';
import { parseSource } from './source';
import { isValidName } from './words';

export interface Builtin {
  readonly special: boolean;
  run(shell: Shell, argv: string[]): Sys<number>;
}

const flavourOf = (shell: Shell): Flavour => (shell.dialect === 'bash' ? 'gnu' : 'busybox');

/** busybox applets report errors as `sh: message`, under the shell's own applet name. */
function appletName(shell: Shell): string {
  return shell.invokedAs.slice(shell.invokedAs.lastIndexOf('/') + 1).replace(/^-/, '');
}

/** An error from one of the busybox applets built into ash (test, printf) or a bash builtin. */
function* appletError(shell: Shell, message: string): Sys<void> {
  if (shell.dialect === 'busybox') yield* shell.write(2, `${appletName(shell)}: ${message}\n`);
  else yield* shell.report(message);
}

/** `exit abc`, `shift x`: busybox's `Illegal number`, bash's `numeric argument required`. */
function parseCount(text: string): number | undefined {
  return /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : undefined;
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'in']);

/** Single-quotes a value for `set`, `export -p` and `trap` listings. */
function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}

/** bash's `declare -x NAME="value"`. */
function doubleQuote(text: string): string {
  return `"${text.replace(/["\\$`]/g, (c) => '\\' + c)}"`;
}

/** bash quotes `set` values only when it must. */
function bashValue(text: string): string {
  return /^[A-Za-z0-9_./:,@%+=-]*$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

// --- simple ones ---

/** `:`, `true`, `false`: a status and nothing else. */
const exitWith = (status: number): Builtin['run'] =>
  // eslint-disable-next-line require-yield -- no system call needed
  function* () {
    return status;
  };

function* echo(shell: Shell, argv: string[]): Sys<number> {
  return (yield* shell.out(formatEcho(argv.slice(1), flavourOf(shell)))) ? 0 : 1;
}

function* printf(shell: Shell, argv: string[]): Sys<number> {
  if (argv.length < 2) {
    if (shell.dialect === 'bash') yield* shell.report('usage: printf [-v var] format [arguments]');
    else yield* shell.write(2, 'Usage: printf FORMAT [ARG]...\n');
    return shell.dialect === 'bash' ? 2 : 1;
  }
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  const result = formatPrintf(args[0] ?? '', args.slice(1), flavourOf(shell));
  const ok = yield* shell.out(result.text);
  for (const error of result.errors) yield* appletError(shell, shell.dialect === 'busybox' ? `printf: ${error}` : error);
  return ok && result.errors.length === 0 ? 0 : 1;
}

function* test(shell: Shell, argv: string[]): Sys<number> {
  const result = evaluateTest(argv.slice(1), shell.fs(), {
    bracket: argv[0] === '[',
    flavour: flavourOf(shell),
    isatty: (fd) => shell.proc.isatty(fd),
  });
  if (result.error !== undefined) yield* appletError(shell, result.error);
  return result.status;
}

/**
 * `[[ ... ]]`, approximated as a builtin: the parser has no such keyword, so the words inside are
 * expanded as usual and `&&`/`||` cannot appear inside. `==`/`!=` match a pattern, as in bash.
 */
function* doubleBracket(shell: Shell, argv: string[]): Sys<number> {
  if (argv[argv.length - 1] !== ']]') {
    yield* appletError(shell, shell.dialect === 'bash' ? "missing `]]'" : 'missing ]]');
    return 2;
  }
  const args = argv.slice(1, -1);
  if (args.length === 3 && (args[1] === '==' || args[1] === '=' || args[1] === '!=')) {
    return matchPattern(args[2]!, args[0]!) === (args[1] !== '!=') ? 0 : 1;
  }
  return yield* test(shell, ['test', ...args]);
}

// --- directories ---

/** `/a/b/../c` → `/a/c`, without looking at the disk (the shell's logical $PWD). */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

function* cd(shell: Shell, argv: string[]): Sys<number> {
  let args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P');
  if (args[0] === '--') args = args.slice(1);
  if (shell.dialect === 'bash' && args.length > 1) {
    yield* shell.report('too many arguments');
    return 1;
  }
  let dir = args[0];
  let print = false;
  if (dir === undefined) {
    dir = shell.vars.get('HOME');
    if (dir === undefined) {
      if (shell.dialect === 'bash') yield* shell.report('HOME not set');
      return shell.dialect === 'bash' ? 1 : 0;
    }
  } else if (dir === '-') {
    dir = shell.vars.get('OLDPWD');
    if (dir === undefined) {
      yield* shell.report(shell.dialect === 'bash' ? 'OLDPWD not set' : shell.messages.cd('-', 'No such file or directory'));
      return shell.messages.builtinFailure;
    }
    print = true;
  }
  if (dir === '') return 0;
  const oldPwd = shell.vars.get('PWD') ?? shell.proc.cwd;
  const target = normalize(dir.startsWith('/') ? dir : `${oldPwd}/${dir}`);
  try {
    shell.proc.chdir(target);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    yield* shell.report(shell.messages.cd(dir, e.text));
    return shell.messages.builtinFailure;
  }
  shell.vars.set('OLDPWD', oldPwd);
  shell.vars.export('PWD', target);
  if (print) yield* shell.out(`${target}\n`);
  return 0;
}

function* pwd(shell: Shell, argv: string[]): Sys<number> {
  const logical = shell.vars.get('PWD');
  const physical = shell.proc.cwd;
  const usePhysical = argv.includes('-P') || logical === undefined || !shell.fs().exists(logical);
  return (yield* shell.out(`${usePhysical ? physical : logical}\n`)) ? 0 : 1;
}

// --- variables ---

/** `export`, `readonly`: set flags, or list the variables that have them. */
function declare(kind: 'export' | 'readonly'): Builtin['run'] {
  return function* (shell, argv) {
    let args = argv.slice(1);
    let unexport = false;
    while (args[0] === '-p' || args[0] === '-n' || args[0] === '--') {
      if (args[0] === '-n') unexport = true;
      const dashdash = args[0] === '--';
      args = args.slice(1);
      if (dashdash) break;
    }
    if (args.length === 0) {
      let listing = '';
      for (const name of shell.vars.names()) {
        const v = shell.vars.lookup(name)!;
        if (kind === 'export' ? !v.exported : !v.readonly) continue;
        if (shell.dialect === 'bash') {
          listing += `declare -${kind === 'export' ? 'x' : 'r'} ${name}${v.value === undefined ? '' : `=${doubleQuote(v.value)}`}\n`;
        } else {
          listing += `${kind} ${name}${v.value === undefined ? '' : `=${singleQuote(v.value)}`}\n`;
        }
      }
      return (yield* shell.out(listing)) ? 0 : 1;
    }
    let status = 0;
    for (const arg of args) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const value = eq < 0 ? undefined : arg.slice(eq + 1);
      if (!isValidName(name)) {
        if (shell.dialect === 'bash') {
          yield* shell.report(`\`${arg}': not a valid identifier`);
          status = 1;
          continue;
        }
        yield* shell.fail(`${name}: bad variable name`, 2);
      }
      const current = shell.vars.lookup(name);
      if (value !== undefined && current?.readonly) {
        yield* shell.fail(shell.messages.readonlyVariable(name), shell.dialect === 'bash' ? 1 : 2);
      }
      if (kind === 'readonly') shell.vars.setReadonly(name, value);
      else if (unexport) shell.vars.unexport(name);
      else shell.vars.export(name, value);
    }
    return status;
  };
}

function* unset(shell: Shell, argv: string[]): Sys<number> {
  let args = argv.slice(1);
  let mode: 'v' | 'f' | undefined;
  while (args[0] === '-v' || args[0] === '-f') {
    mode = args[0] === '-v' ? 'v' : 'f';
    args = args.slice(1);
  }
  let status = 0;
  for (const name of args) {
    if (mode === 'f') {
      shell.functions.delete(name);
      continue;
    }
    const v = shell.vars.lookup(name);
    if (v?.readonly) {
      if (shell.dialect === 'bash') {
        yield* shell.report(`${name}: cannot unset: readonly variable`);
        status = 1;
        continue;
      }
      yield* shell.fail(shell.messages.readonlyVariable(name), 2);
    }
    if (v !== undefined) shell.vars.unset(name);
    else if (mode === undefined) shell.functions.delete(name);
  }
  return status;
}

function* local(shell: Shell, argv: string[]): Sys<number> {
  if (shell.functionDepth === 0) {
    if (shell.dialect === 'bash') {
      yield* shell.report(shell.messages.notInFunction);
      return 1;
    }
    yield* shell.fail(shell.messages.notInFunction, 2);
  }
  for (const arg of argv.slice(1)) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!isValidName(name)) {
      yield* shell.report(shell.dialect === 'bash' ? `\`${arg}': not a valid identifier` : `${name}: bad variable name`);
      return 1;
    }
    shell.vars.makeLocal(name);
    if (eq >= 0) yield* shell.assign(name, arg.slice(eq + 1));
  }
  return 0;
}

/** Options real shells have and kubeplay accepts without simulating (job control, editing...). */
const ACCEPTED_OPTION_LETTERS = 'abhmvBCEHPT';
const ACCEPTED_OPTION_NAMES = new Set(['pipefail', 'monitor', 'emacs', 'vi', 'verbose', 'allexport', 'notify', 'noclobber']);

function* set(shell: Shell, argv: string[]): Sys<number> {
  const args = argv.slice(1);
  if (args.length === 0) {
    let listing = '';
    for (const name of shell.vars.names()) {
      const value = shell.vars.get(name);
      if (value === undefined) continue;
      listing += `${name}=${shell.dialect === 'bash' ? bashValue(value) : singleQuote(value)}\n`;
    }
    return (yield* shell.out(listing)) ? 0 : 1;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      shell.positional = args.slice(i + 1);
      return 0;
    }
    if (arg === '-') {
      shell.options.xtrace = false;
      i++;
      break;
    }
    if (!/^[-+]/.test(arg) || arg.length < 2) break;
    const on = arg[0] === '-';
    for (const letter of arg.slice(1)) {
      if (letter === 'o') {
        const name = args[i + 1];
        if (name === undefined) return yield* listOptions(shell, on);
        i++;
        const option = OPTION_NAMES.find(([, , long]) => long === name);
        if (option) shell.options[option[0]] = on;
        else if (!ACCEPTED_OPTION_NAMES.has(name)) {
          yield* shell.fail(shell.dialect === 'bash' ? `${name}: invalid option name` : `illegal option -o ${name}`, shell.dialect === 'bash' ? 1 : 2);
        }
        continue;
      }
      const option = OPTION_NAMES.find(([, l]) => l === letter);
      if (option) shell.options[option[0] as keyof ShellOptions] = on;
      else if (!ACCEPTED_OPTION_LETTERS.includes(letter)) {
        yield* shell.fail(shell.dialect === 'bash' ? `${arg[0]}${letter}: invalid option` : `illegal option ${arg[0]}${letter}`, 2);
      }
    }
  }
  if (i < args.length) shell.positional = args.slice(i);
  return 0;
}

function* listOptions(shell: Shell, on: boolean): Sys<number> {
  let listing = '';
  for (const [key, , name] of OPTION_NAMES) {
    const value = shell.options[key];
    if (!on) listing += `set ${value ? '-' : '+'}o ${name}\n`;
    else if (shell.dialect === 'bash') listing += `${name.padEnd(15)}\t${value ? 'on' : 'off'}\n`;
    else listing += `${name.padEnd(16)}${value ? 'on' : 'off'}\n`;
  }
  return (yield* shell.out(listing)) ? 0 : 1;
}

function* shift(shell: Shell, argv: string[]): Sys<number> {
  const arg = argv[1];
  const n = arg === undefined ? 1 : parseCount(arg);
  if (n === undefined || n < 0) {
    if (shell.dialect === 'bash') {
      yield* shell.report(`${arg}: numeric argument required`);
      return 1;
    }
    yield* shell.fail(`Illegal number: ${arg}`, 2);
    return 2;
  }
  if (n > shell.positional.length) {
    if (shell.messages.cannotShift === undefined) return 1;
    yield* shell.fail(shell.messages.cannotShift, 2);
  }
  shell.positional = shell.positional.slice(n);
  return 0;
}

// --- input ---

function* read(shell: Shell, argv: string[]): Sys<number> {
  let raw = false;
  let silent = false;
  let prompt: string | undefined;
  let timeoutMs: number | undefined;
  let fd = 0;
  let delimiter = '\n';
  let maxChars: number | undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg.length < 2) break;
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (letter === 'r') raw = true;
      else if (letter === 's') silent = true;
      else if ('ptudn'.includes(letter)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i];
        if (value === undefined) {
          yield* shell.report(`${letter}: option requires an argument`);
          return 2;
        }
        if (letter === 'p') prompt = value;
        else if (letter === 't') timeoutMs = Number(value) * 1000;
        else if (letter === 'u') fd = Number(value);
        else if (letter === 'd') delimiter = value[0] ?? '\0';
        else maxChars = Number(value);
        break;
      } else {
        yield* shell.report(`-${letter}: invalid option`);
        return 2;
      }
    }
  }
  const names = argv.slice(i);
  if (names.length === 0) names.push('REPLY');
  const file = shell.proc.file(fd);
  if (file === undefined) {
    yield* shell.report(`${fd}: invalid file descriptor: Bad file descriptor`);
    return 1;
  }

  let line = '';
  let eof = false;
  if (file instanceof TtyFile && delimiter === '\n' && maxChars === undefined) {
    // A raw terminal: echo what is typed, as the tty's line discipline would in cooked mode.
    try {
      const typed = yield* new LineEditor(fd, 2).readLine(shell, prompt ?? '', !silent);
      if (typed === null) eof = true;
      else line = typed;
    } catch (e) {
      if (e instanceof SignalInterrupt) return Shell.signalStatus(e.signal);
      throw e;
    }
  } else {
    let buffered = shell.readAhead.get(file) ?? '';
    for (;;) {
      const end = maxChars !== undefined ? (buffered.length >= maxChars ? maxChars : -1) : buffered.indexOf(delimiter);
      if (end >= 0) {
        line = buffered.slice(0, end);
        buffered = buffered.slice(end + (maxChars !== undefined ? 0 : 1));
        // Without -r, a backslash before the newline continues the line.
        if (!raw && maxChars === undefined && /(^|[^\\])(\\\\)*\\$/.test(line)) {
          buffered = line.slice(0, -1) + buffered;
          line = '';
          const more = buffered.indexOf(delimiter, end - 1);
          if (more >= 0) continue;
        } else break;
      }
      let chunk: string | null;
      try {
        chunk = yield* shell.syscall(() => sys.read(fd, timeoutMs), true);
      } catch (e) {
        shell.readAhead.set(file, buffered);
        if (e instanceof SignalInterrupt) return Shell.signalStatus(e.signal);
        if (e instanceof SysError && e.errno === 'ETIMEDOUT') return shell.dialect === 'bash' ? 142 : 1;
        throw e;
      }
      if (chunk === null) {
        line = buffered;
        buffered = '';
        eof = true;
        break;
      }
      buffered += chunk;
    }
    shell.readAhead.set(file, buffered);
  }

  const values = splitForRead(line, names.length, shell.vars.get('IFS') ?? ' \t\n', raw);
  for (let k = 0; k < names.length; k++) yield* shell.assign(names[k]!, values[k] ?? '');
  return eof ? 1 : 0;
}

/** Splits a line read by `read` into `count` fields; the last takes the rest of the line. */
export function splitForRead(line: string, count: number, ifs: string, raw: boolean): string[] {
  // Characters escaped with a backslash (without -r) are never separators.
  const chars: { c: string; quoted: boolean }[] = [];
  for (let i = 0; i < line.length; i++) {
    if (!raw && line[i] === '\\' && i + 1 < line.length) chars.push({ c: line[++i]!, quoted: true });
    else if (!raw && line[i] === '\\') continue;
    else chars.push({ c: line[i]!, quoted: false });
  }
  const white = (ch: { c: string; quoted: boolean }) => !ch.quoted && ifs.includes(ch.c) && ' \t\n'.includes(ch.c);
  const sep = (ch: { c: string; quoted: boolean }) => !ch.quoted && ifs.includes(ch.c);
  const fields: string[] = [];
  let i = 0;
  while (i < chars.length && white(chars[i]!)) i++;
  while (fields.length < count - 1 && i < chars.length) {
    let field = '';
    while (i < chars.length && !sep(chars[i]!)) field += chars[i++]!.c;
    fields.push(field);
    while (i < chars.length && white(chars[i]!)) i++;
    if (i < chars.length && sep(chars[i]!)) {
      i++;
      while (i < chars.length && white(chars[i]!)) i++;
    }
  }
  let end = chars.length;
  while (end > i && white(chars[end - 1]!)) end--;
  fields.push(chars.slice(i, end).map((ch) => ch.c).join(''));
  return fields;
}

// --- control flow ---

function* exit(shell: Shell, argv: string[]): Sys<number> {
  if (shell.interactive && shell.dialect === 'bash') yield* shell.write(2, 'exit\n');
  const arg = argv[1];
  if (arg === undefined) throw new ExitShell(shell.status);
  const n = parseCount(arg);
  if (n === undefined) {
    if (shell.dialect === 'bash') {
      yield* shell.report(shell.messages.badExitNumber(arg));
      throw new ExitShell(2);
    }
    yield* shell.fail(shell.messages.badExitNumber(arg), 2);
  }
  if (shell.dialect === 'bash' && argv.length > 2) {
    yield* shell.report('too many arguments');
    return 1;
  }
  throw new ExitShell(n! & 0xff);
}

function* returnBuiltin(shell: Shell, argv: string[]): Sys<number> {
  const arg = argv[1];
  const n = arg === undefined ? shell.status : parseCount(arg);
  if (n === undefined) {
    if (shell.dialect === 'bash') {
      yield* shell.report(`${arg}: numeric argument required`);
      throw new ReturnFromFunction(2);
    }
    yield* shell.fail(`Illegal number: ${arg}`, 2);
  }
  if (shell.dialect === 'bash' && shell.functionDepth === 0 && shell.sourceDepth === 0) {
    yield* shell.report("can only `return' from a function or sourced script");
    return 1;
  }
  throw new ReturnFromFunction(n! & 0xff);
}

function loopControl(kind: 'break' | 'continue'): Builtin['run'] {
  return function* (shell, argv) {
    const arg = argv[1];
    const n = arg === undefined ? 1 : parseCount(arg);
    if (n === undefined || n <= 0) {
      if (shell.dialect === 'bash') {
        yield* shell.report(n === undefined ? `${arg}: numeric argument required` : `${arg}: loop count out of range`);
        return 1;
      }
      yield* shell.fail(`Illegal number: ${arg}`, 2);
    }
    if (shell.loopDepth === 0) {
      if (shell.dialect === 'bash') yield* shell.report("only meaningful in a `for', `while', or `until' loop");
      return 0;
    }
    throw new LoopControl(kind, Math.min(n!, shell.loopDepth));
  };
}

/** Reached through `command exec ...`; a plain `exec` is handled with its redirections by the shell. */
function* execBuiltin(shell: Shell, argv: string[]): Sys<number> {
  const args = argv.slice(argv[1] === '--' ? 2 : 1);
  if (args.length === 0) return 0;
  return yield* shell.replaceWith(args, shell.vars.environment(), 'exec');
}

function* evalBuiltin(shell: Shell, argv: string[]): Sys<number> {
  const text = argv.slice(1).join(' ');
  if (text.trim() === '') return 0;
  try {
    return yield* shell.evalString(text, 'eval');
  } catch (e) {
    // A syntax error inside eval ends a busybox script; bash carries on with status 2.
    if (e instanceof ShellError && shell.dialect === 'bash') return e.status;
    throw e;
  }
}

function* dot(shell: Shell, argv: string[]): Sys<number> {
  const name = argv[1];
  if (name === undefined) {
    if (shell.dialect === 'bash') {
      yield* shell.report('filename argument required');
      return 2;
    }
    return 0;
  }
  const fs = shell.fs();
  const path = name.includes('/') ? name : (findReadable(shell, name) ?? name);
  let text: string;
  try {
    text = fs.readFile(path);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    const message = e.code === 'ENOENT' ? shell.messages.dotNotFound(name) : `${name}: ${e.text}`;
    if (shell.dialect === 'bash') {
      yield* shell.report(message);
      return 1;
    }
    yield* shell.fail(message, 2);
    return 2;
  }
  const savedPositional = shell.positional;
  const savedName = shell.sourceName;
  const savedLine = shell.line;
  if (argv.length > 2) shell.positional = argv.slice(2);
  shell.sourceDepth++;
  shell.sourceName = path;
  const savedBuiltin = shell.currentBuiltin;
  shell.currentBuiltin = undefined;
  try {
    return yield* shell.nested(argv[0]!, () => shell.runChunks(parseSource(text, shell.dialect), 0));
  } catch (e) {
    if (e instanceof ReturnFromFunction) return e.status;
    throw e;
  } finally {
    shell.currentBuiltin = savedBuiltin;
    shell.sourceDepth--;
    shell.sourceName = savedName;
    shell.line = savedLine;
    if (argv.length > 2) shell.positional = savedPositional;
  }
}

/** `.` looks for a bare name on the PATH (any readable file), then in the working directory. */
function findReadable(shell: Shell, name: string): string | undefined {
  const fs = shell.fs();
  for (const dir of (shell.vars.get('PATH') ?? '').split(':')) {
    const candidate = `${dir === '' ? '.' : dir}/${name}`;
    try {
      if (fs.stat(candidate).type === 'file') return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

// --- processes and signals ---

function* wait(shell: Shell, argv: string[]): Sys<number> {
  const targets = argv.slice(1);
  try {
    if (targets.length === 0) {
      for (const pid of [...shell.jobs.keys()]) {
        yield* shell.syscall(() => sys.wait(pid), true);
        shell.jobs.delete(pid);
      }
      return 0;
    }
    let status = 0;
    for (const target of targets) {
      const pid = target.startsWith('%') ? [...shell.jobs].find(([, n]) => String(n) === target.slice(1))?.[0] : parseCount(target);
      if (pid === undefined || !shell.jobs.has(pid)) {
        if (shell.dialect === 'bash') yield* shell.report(`pid ${target} is not a child of this shell`);
        status = 127;
        continue;
      }
      status = (yield* shell.syscall(() => sys.wait(pid), true)).code;
      shell.jobs.delete(pid);
    }
    return status;
  } catch (e) {
    // A trapped signal ends the wait at once; its handler runs next.
    if (e instanceof SignalInterrupt) return Shell.signalStatus(e.signal);
    throw e;
  }
}

const SIGNAL_LIST = (Object.keys(SIGNAL_NUMBERS) as SignalName[]).sort((a, b) => SIGNAL_NUMBERS[a] - SIGNAL_NUMBERS[b]);

function* kill(shell: Shell, argv: string[]): Sys<number> {
  let args = argv.slice(1);
  let signal: SignalName | 0 = 'SIGTERM';
  if (args[0] === '-l' || args[0] === '-L') {
    const which = args[1];
    if (which !== undefined) {
      const n = Number(which) > 128 ? Number(which) - 128 : Number(which);
      const name = SIGNAL_LIST.find((s) => SIGNAL_NUMBERS[s] === n);
      yield* shell.out(`${name?.slice(3) ?? which}\n`);
      return name ? 0 : 1;
    }
    yield* shell.out(SIGNAL_LIST.map((s) => s.slice(3)).join(' ') + '\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const spec = args[1] ?? '';
    const parsed = spec === '0' ? 0 : parseSignal(spec);
    if (parsed === undefined) {
      yield* shell.report(shell.messages.badSignal(spec));
      return 1;
    }
    signal = parsed;
    args = args.slice(2);
  } else if (args[0]?.startsWith('-') && args[0] !== '--' && args[0].length > 1) {
    const spec = args[0].slice(1);
    const parsed = spec === '0' ? 0 : parseSignal(spec);
    if (parsed === undefined) {
      yield* shell.report(shell.messages.badSignal(spec));
      return 1;
    }
    signal = parsed;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    yield* shell.report(shell.dialect === 'bash' ? 'usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]' : 'usage: kill [-s SIGNAL | -SIGNAL] PID...');
    return shell.dialect === 'bash' ? 2 : 1;
  }
  let status = 0;
  for (const target of args) {
    const pid = target.startsWith('%') ? [...shell.jobs].find(([, n]) => String(n) === target.slice(1))?.[0] : parseCount(target);
    if (pid === undefined) {
      yield* shell.report(shell.dialect === 'bash' ? `${target}: arguments must be process or job IDs` : `invalid number '${target}'`);
      status = 1;
      continue;
    }
    try {
      if (signal === 0) {
        if (!shell.proc.processes().some((p) => p.pid === pid)) throw new SysError('ESRCH');
      } else {
        shell.proc.kill(pid, signal);
      }
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      yield* shell.report(shell.messages.killFailed(target, e.message));
      status = 1;
    }
  }
  // A signal to ourselves is taken at the next system call.
  yield* shell.syscall(() => sys.tick());
  return status;
}

/** `EXIT`/`0` or a signal (`INT`, `SIGINT`, `2`); undefined for nonsense. */
function trapCondition(spec: string): string | undefined {
  if (spec === '0' || spec.toUpperCase() === 'EXIT') return 'EXIT';
  return parseSignal(spec);
}

/** How `trap` lists a condition: busybox `INT`, bash `SIGINT`. */
function conditionName(shell: Shell, condition: string): string {
  if (condition === 'EXIT' || shell.dialect === 'bash') return condition;
  return condition.slice(3);
}

function* trap(shell: Shell, argv: string[]): Sys<number> {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0 || args[0] === '-p') {
    let listing = '';
    for (const [condition, action] of shell.traps) listing += `trap -- ${singleQuote(action)} ${conditionName(shell, condition)}\n`;
    return (yield* shell.out(listing)) ? 0 : 1;
  }
  if (args[0] === '-l') {
    yield* shell.out(SIGNAL_LIST.map((s) => `${SIGNAL_NUMBERS[s]}) ${s}`).join('\n') + '\n');
    return 0;
  }
  // `trap 2 15` (a number first) or `trap INT` (one operand) reset those conditions.
  let action: string | undefined = args[0]!;
  let conditions = args.slice(1);
  if (/^\d+$/.test(action) || conditions.length === 0) {
    conditions = args;
    action = undefined;
  }
  let status = 0;
  for (const spec of conditions) {
    const condition = trapCondition(spec);
    if (condition === undefined) {
      if (shell.dialect === 'busybox') yield* shell.fail(shell.messages.badTrap(spec), 2);
      yield* shell.report(shell.messages.badTrap(spec));
      status = 1;
      continue;
    }
    setTrap(shell, condition, action === '-' ? undefined : action);
  }
  return status;
}

/** Installs (action), ignores ('') or resets (undefined) the handling of a condition. */
export function setTrap(shell: Shell, condition: string, action: string | undefined): void {
  if (action === undefined) shell.traps.delete(condition);
  else shell.traps.set(condition, action);
  if (condition === 'EXIT') return;
  const signal = condition as SignalName;
  // An interactive shell keeps catching Ctrl-C (and ignoring TERM and QUIT) when a trap is reset.
  const interactiveDefault = shell.interactive && (signal === 'SIGINT' || signal === 'SIGTERM' || signal === 'SIGQUIT');
  const disposition = action === undefined ? (interactiveDefault ? 'catch' : 'default') : action === '' ? 'ignore' : 'catch';
  try {
    shell.proc.signal(signal, disposition);
  } catch (e) {
    // SIGKILL and SIGSTOP cannot be trapped; shells accept the request and nothing happens.
    if (!(e instanceof SysError)) throw e;
  }
}

// --- describing commands ---

function describe(shell: Shell, name: string): { kind: 'keyword' | 'function' | 'builtin' | 'special' | 'file' | 'none'; path?: string } {
  if (KEYWORDS.has(name)) return { kind: 'keyword' };
  if (shell.functions.has(name)) return { kind: 'function' };
  const builtin = BUILTINS.get(name);
  if (builtin) return { kind: builtin.special ? 'special' : 'builtin' };
  if (name.includes('/')) {
    try {
      const st = shell.fs().stat(name);
      if (st.type === 'file' && (st.mode & 0o111) !== 0) return { kind: 'file', path: name };
    } catch {
      // missing
    }
    return { kind: 'none' };
  }
  const path = shell.lookPath(name);
  return path === undefined ? { kind: 'none' } : { kind: 'file', path };
}

function* typeBuiltin(shell: Shell, argv: string[]): Sys<number> {
  let status = 0;
  for (const name of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const d = describe(shell, name);
    let line: string;
    switch (d.kind) {
      case 'keyword':
        line = `${name} is a shell keyword`;
        break;
      case 'function':
        line = shell.dialect === 'bash'
          ? `${name} is a function\n${name} () ${printScript({ type: 'script', items: [{ command: { type: 'andor', first: { type: 'pipeline', negated: false, commands: [shell.functions.get(name)!.body] }, rest: [] }, background: false }] }).trimEnd()}`
          : `${name} is a shell function`;
        break;
      case 'builtin':
        line = `${name} is a shell builtin`;
        break;
      case 'special':
        line = `${name} is a ${shell.dialect === 'bash' ? '' : 'special '}shell builtin`;
        break;
      case 'file':
        line = `${name} is ${d.path}`;
        break;
      case 'none':
        if (shell.dialect === 'bash') {
          yield* shell.report(shell.messages.typeNotFound(name));
          status = 1;
        } else {
          yield* shell.out(`${shell.messages.typeNotFound(name)}\n`);
          status = 127;
        }
        continue;
    }
    yield* shell.out(`${line}\n`);
  }
  return status;
}

function* command(shell: Shell, argv: string[]): Sys<number> {
  let i = 1;
  let mode: 'run' | 'v' | 'V' = 'run';
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.includes('v')) mode = 'v';
    if (arg.includes('V')) mode = 'V';
  }
  const rest = argv.slice(i);
  if (rest.length === 0) return 0;
  if (mode === 'V') return yield* typeBuiltin(shell, ['type', ...rest]);
  if (mode === 'v') {
    let status = 0;
    for (const name of rest) {
      const d = describe(shell, name);
      if (d.kind === 'none') status = shell.dialect === 'bash' ? 1 : 127;
      else yield* shell.out(`${d.kind === 'file' ? d.path : name}\n`);
    }
    return status;
  }
  return yield* shell.dispatch(rest, [], 0, true);
}

function* umask(shell: Shell, argv: string[]): Sys<number> {
  const args = argv.slice(1);
  const symbolic = args[0] === '-S';
  if (symbolic) args.shift();
  if (args.length === 0) {
    if (!symbolic) return (yield* shell.out(`${shell.umask.toString(8).padStart(4, '0')}\n`)) ? 0 : 1;
    const perms = (bits: number) => `${bits & 4 ? '' : 'r'}${bits & 2 ? '' : 'w'}${bits & 1 ? '' : 'x'}`;
    const m = shell.umask;
    return (yield* shell.out(`u=${perms(m >> 6)},g=${perms((m >> 3) & 7)},o=${perms(m & 7)}\n`)) ? 0 : 1;
  }
  if (!/^[0-7]{1,4}$/.test(args[0]!)) {
    yield* shell.report(shell.dialect === 'bash' ? `${args[0]}: octal number out of range` : `illegal mode: ${args[0]}`);
    return 1;
  }
  shell.umask = parseInt(args[0]!, 8) & 0o777;
  return 0;
}

function* letBuiltin(shell: Shell, argv: string[]): Sys<number> {
  if (argv.length < 2) {
    yield* shell.fail('expression expected', 1);
  }
  let value = 0n;
  for (const expression of argv.slice(1)) {
    try {
      value = evaluateArithmetic(expression, shell.arithmeticVariables);
    } catch (e) {
      if (!(e instanceof ArithError)) throw e;
      yield* shell.fail(shell.messages.arithmetic(e.kind, expression, e.token), 1);
    }
  }
  return value === 0n ? 1 : 0;
}

const special = (run: Builtin['run']): Builtin => ({ special: true, run });
const regular = (run: Builtin['run']): Builtin => ({ special: false, run });

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['.', special(dot)],
  [':', special(exitWith(0))],
  ['[', regular(test)],
  ['[[', regular(doubleBracket)],
  ['break', special(loopControl('break'))],
  ['cd', regular(cd)],
  ['command', regular(command)],
  ['continue', special(loopControl('continue'))],
  ['echo', regular(echo)],
  ['eval', special(evalBuiltin)],
  ['exec', special(execBuiltin)],
  ['exit', special(exit)],
  ['export', special(declare('export'))],
  ['false', regular(exitWith(1))],
  ['kill', regular(kill)],
  ['let', regular(letBuiltin)],
  ['local', special(local)],
  ['printf', regular(printf)],
  ['pwd', regular(pwd)],
  ['read', regular(read)],
  ['readonly', special(declare('readonly'))],
  ['return', special(returnBuiltin)],
  ['set', special(set)],
  ['shift', special(shift)],
  ['source', special(dot)],
  ['test', regular(test)],
  ['trap', special(trap)],
  ['true', regular(exitWith(0))],
  ['type', regular(typeBuiltin)],
  ['umask', regular(umask)],
  ['unset', special(unset)],
  ['wait', regular(wait)],
]);
