// Builtins about variables and options: export, readonly, unset, local, set, shift, let.
import type { Sys } from '../../../engine/runtime/process';
import { ArithError, evaluateArithmetic } from '../arith';
import { OPTION_NAMES, type Shell, type ShellOptions } from '../shell';
import { isValidName } from '../words';
import { parseCount, singleQuote, type Builtin } from './common';

/** bash's `declare -x NAME="value"`. */
function doubleQuote(text: string): string {
  return `"${text.replace(/["\\$`]/g, (c) => '\\' + c)}"`;
}

/** bash quotes `set` values only when it must. */
function bashValue(text: string): string {
  return /^[A-Za-z0-9_./:,@%+=-]*$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `export`, `readonly`: set flags, or list the variables that have them. */
export function declare(kind: 'export' | 'readonly'): Builtin['run'] {
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

export function* unset(shell: Shell, argv: string[]): Sys<number> {
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

export function* local(shell: Shell, argv: string[]): Sys<number> {
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

export function* set(shell: Shell, argv: string[]): Sys<number> {
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

export function* shift(shell: Shell, argv: string[]): Sys<number> {
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

export function* letBuiltin(shell: Shell, argv: string[]): Sys<number> {
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
