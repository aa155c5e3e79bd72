/**
 * `sed [-n] [-E] [-i[SUFFIX]] [-e SCRIPT]... [SCRIPT] [FILE]...` with the commands people use in
 * containers: `s/re/repl/[gpI]`, `d`, `p`, `q`, `=`, on lines chosen by a number, `$`, `/re/`
 * or a range `a,b`. Regular expressions are POSIX (basic unless -E), as grep's.
 */
import type { Sys } from '../../engine/runtime/process';
import { posixToRegExp, PosixRegexError } from '../lib/posix-regex';
import { defineTool, errorText, readAll, type Tool } from '../lib/tool';

type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 'regex'; re: RegExp };

interface Command {
  readonly from?: Address;
  readonly to?: Address;
  readonly name: 's' | 'd' | 'p' | 'q' | '=';
  readonly regex?: RegExp;
  readonly replacement?: string;
  readonly global?: boolean;
  readonly print?: boolean;
  /** For ranges: whether the range is open (mutable per run). */
  active?: boolean;
}

class SedError extends Error {}

/** Parses a script into commands; `extended` selects ERE. */
export function parseScript(script: string, extended: boolean): Command[] {
  const commands: Command[] = [];
  let i = 0;
  const regexUntil = (delimiter: string, flags = ''): { re: RegExp; source: string } => {
    let source = '';
    while (i < script.length && script[i] !== delimiter) {
      if (script[i] === '\\' && script[i + 1] === delimiter) i++;
      else if (script[i] === '\\') source += script[i++];
      source += script[i++];
    }
    if (i >= script.length) throw new SedError(`unterminated address regex`);
    i++;
    return { re: posixToRegExp(source, { extended, ignoreCase: flags.includes('I') }), source };
  };
  const address = (): Address | undefined => {
    if (/\d/.test(script[i] ?? '')) {
      const m = /^\d+/.exec(script.slice(i))!;
      i += m[0].length;
      return { kind: 'line', n: Number(m[0]) };
    }
    if (script[i] === '$') {
      i++;
      return { kind: 'last' };
    }
    if (script[i] === '/') {
      i++;
      return { kind: 'regex', re: regexUntil('/').re };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
    if (i >= script.length) break;
    const from = address();
    let to: Address | undefined;
    if (from && script[i] === ',') {
      i++;
      to = address();
      if (!to) throw new SedError('unexpected `,\'');
    }
    while (script[i] === ' ') i++;
    const name = script[i++];
    if (name === 's') {
      const delimiter = script[i++];
      if (!delimiter) throw new SedError("unterminated `s' command");
      let pattern = '';
      while (i < script.length && script[i] !== delimiter) {
        if (script[i] === '\\' && script[i + 1] === delimiter) i++;
        else if (script[i] === '\\') pattern += script[i++];
        pattern += script[i++];
      }
      if (i >= script.length) throw new SedError("unterminated `s' command");
      i++;
      let replacement = '';
      while (i < script.length && script[i] !== delimiter) {
        if (script[i] === '\\' && i + 1 < script.length) replacement += script[i++];
        replacement += script[i++];
      }
      if (i >= script.length) throw new SedError("unterminated `s' command");
      i++;
      const flags = /^[gpI0-9]*/.exec(script.slice(i))![0];
      i += flags.length;
      const regex = posixToRegExp(pattern, { extended, ignoreCase: flags.includes('I') });
      commands.push({ ...(from ? { from } : {}), ...(to ? { to } : {}), name, regex, replacement, global: flags.includes('g'), print: flags.includes('p') });
    } else if (name === 'd' || name === 'p' || name === 'q' || name === '=') {
      commands.push({ ...(from ? { from } : {}), ...(to ? { to } : {}), name });
    } else {
      throw new SedError(`unknown command: \`${name ?? ''}'`);
    }
  }
  return commands;
}

/** `&` is the match, `\1`…`\9` the groups, `\n` a newline, `\&` a literal ampersand. */
function expandReplacement(replacement: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch === '&') out += match[0];
    else if (ch === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i]!;
      out += /\d/.test(next) ? (match[Number(next)] ?? '') : next === 'n' ? '\n' : next;
    } else out += ch;
  }
  return out;
}

function matches(address: Address, line: string, number: number, last: boolean): boolean {
  if (address.kind === 'line') return address.n === number;
  if (address.kind === 'last') return last;
  address.re.lastIndex = 0;
  return address.re.test(line);
}

function selected(command: Command, line: string, number: number, last: boolean): boolean {
  if (!command.from) return true;
  if (!command.to) return matches(command.from, line, number, last);
  if (command.active) {
    if (matches(command.to, line, number, last) || (command.to.kind === 'line' && number >= command.to.n)) command.active = false;
    return true;
  }
  if (!matches(command.from, line, number, last)) return false;
  command.active = !(command.to.kind === 'line' && command.to.n <= number);
  return true;
}

/** Runs the script over `text` and returns what sed prints. */
export function runScript(commands: Command[], text: string, quiet: boolean): string {
  for (const c of commands) c.active = false;
  const lines = text.split('\n');
  const trailingNewline = text.endsWith('\n');
  if (trailingNewline) lines.pop();
  let out = '';
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    const last = n === lines.length - 1;
    const newline = last && !trailingNewline ? '' : '\n';
    let deleted = false;
    let quit = false;
    for (const command of commands) {
      if (!selected(command, line, n + 1, last)) continue;
      if (command.name === 'd') {
        deleted = true;
        break;
      }
      if (command.name === 'p') out += `${line}\n`;
      else if (command.name === '=') out += `${n + 1}\n`;
      else if (command.name === 'q') {
        quit = true;
        break;
      } else {
        const re = new RegExp(command.regex!.source, command.regex!.flags + (command.global ? 'g' : ''));
        let replaced = false;
        line = line.replace(re, (...groups) => {
          replaced = true;
          const match = Object.assign(groups.slice(0, -2) as string[], { index: 0, input: line }) as unknown as RegExpExecArray;
          return expandReplacement(command.replacement!, match);
        });
        if (replaced && command.print) out += `${line}\n`;
      }
    }
    if (!deleted && !quiet) out += line + newline;
    if (quit) break;
  }
  return out;
}

export const sed = defineTool(
  {
    usage: 'sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...',
    options: { short: 'ne:rEs', long: { quiet: 'n', silent: 'n', 'expression=': 'e', 'regexp-extended': 'E', 'in-place=': 'i' } },
    // -i takes its backup suffix glued on or nothing at all, which getopt cannot say.
    rewrite: (args) => args.map((a) => (/^-i/.test(a) ? `--in-place=${a.slice(2)}` : a)),
  },
  function* (tool, options) {
    const operands = [...options.operands];
    const scripts = options.has('e') ? options.all('e') : operands.splice(0, 1);
    if (scripts.length === 0) return yield* tool.usage('');
    let commands: Command[];
    try {
      commands = parseScript(scripts.join('\n'), options.has('E') || options.has('r'));
    } catch (e) {
      if (!(e instanceof SedError || e instanceof PosixRegexError)) throw e;
      yield* tool.warn(tool.flavour === 'busybox' ? e.message : `-e expression #1, char ${scripts[0]!.length}: ${e.message}`);
      return 1;
    }
    const quiet = options.has('n');
    const inPlace = options.has('i');
    if (operands.length === 0) {
      yield* tool.out(runScript(commands, yield* readAll(0), quiet));
      return 0;
    }
    let status = 0;
    for (const path of operands) {
      const text = yield* readFile(tool, path);
      if (text === undefined) {
        status = tool.flavour === 'busybox' ? 1 : 2;
        continue;
      }
      const result = runScript(commands, text, quiet);
      if (!inPlace) {
        yield* tool.out(result);
        continue;
      }
      const suffix = options.value('i') ?? '';
      try {
        if (suffix) tool.proc.fs.writeFile(path + suffix, text, tool.proc.now());
        tool.proc.fs.writeFile(path, result, tool.proc.now());
      } catch (e) {
        yield* tool.warn(`couldn't open temporary file ${path}: ${errorText(e)}`);
        status = 4;
      }
    }
    return status;
  },
);

function* readFile(tool: Tool, path: string): Sys<string | undefined> {
  try {
    return tool.proc.fs.readFile(path);
  } catch (e) {
    yield* tool.warn(tool.flavour === 'busybox' ? `${path}: ${errorText(e)}` : `can't read ${path}: ${errorText(e)}`);
    return undefined;
  }
}
