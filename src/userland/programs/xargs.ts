/**
 * `xargs [-0] [-d DELIM] [-n N] [-L N] [-I REPLACE] [-r] [-t] [COMMAND [ARG]...]`: reads words from
 * stdin and runs COMMAND (echo) with them, through the kernel like any other program. Exit status
 * 123 when a run failed, 124 when one exited 255, 125 when one was killed, 126/127 when COMMAND
 * cannot run.
 */
import { sys, SysError, type Sys } from '../../engine/runtime/process';
import { defineTool, errorText, readAll, type Tool } from '../lib/tool';

/** Splits input the default way: blanks and newlines separate, quotes and backslashes protect. */
function splitWords(input: string): string[] | string {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'" || ch === '"') {
      const end = input.indexOf(ch, i + 1);
      const newline = input.indexOf('\n', i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) return ch === "'" ? 'single' : 'double';
      word = (word ?? '') + input.slice(i + 1, end);
      i = end;
    } else if (ch === '\\' && i + 1 < input.length) {
      word = (word ?? '') + input[++i];
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The argument lists to run: -I once per line, -L per N lines, -n per N words, else all at once. */
function batches(input: string, options: { delimiter?: string; lines?: number; max?: number; replace?: string }): string[][] | string {
  if (options.delimiter !== undefined) {
    const items = input.split(options.delimiter);
    if (items.at(-1) === '') items.pop();
    return chunk(items.map((i) => [i]), options.max ?? Infinity);
  }
  if (options.replace !== undefined) {
    return input.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '').map((l) => [l]);
  }
  if (options.lines !== undefined) {
    const perLine: string[][] = [];
    for (const line of input.split('\n')) {
      const words = splitWords(line);
      if (typeof words === 'string') return words;
      if (words.length > 0) perLine.push(words);
    }
    return chunk(perLine, options.lines);
  }
  const words = splitWords(input);
  if (typeof words === 'string') return words;
  return chunk(words.map((w) => [w]), options.max ?? Infinity);
}

function chunk(groups: readonly string[][], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < groups.length; i += Number.isFinite(size) ? size : groups.length) out.push(groups.slice(i, i + (Number.isFinite(size) ? size : groups.length)).flat());
  return out;
}

export const xargs = defineTool(
  {
    usage: 'xargs [OPTIONS] [PROG ARGS]',
    options: {
      short: '0d:n:L:I:irtP:s:x',
      long: { null: '0', 'delimiter=': 'd', 'max-args=': 'n', 'max-lines=': 'L', 'replace=': 'I', 'no-run-if-empty': 'r', verbose: 't', 'max-procs=': 'P' },
      stopAtOperand: true,
    },
  },
  function* (tool, options) {
    const command = options.operands.length > 0 ? [...options.operands] : ['echo'];
    const replace = options.value('I') ?? (options.has('i') ? '{}' : undefined);
    for (const letter of ['n', 'L']) {
      const text = options.value(letter);
      if (text !== undefined && !/^[1-9]\d*$/.test(text)) {
        yield* tool.warn(tool.flavour === 'gnu' ? `invalid number "${text}" for -${letter} option` : `invalid number '${text}'`);
        return 1;
      }
    }
    const delimiter = options.has('0') ? '\0' : options.value('d');
    const input = yield* readAll(0);
    const plan = batches(input, {
      ...(delimiter !== undefined ? { delimiter } : {}),
      ...(options.has('L') ? { lines: Number(options.value('L')) } : {}),
      ...(options.has('n') ? { max: Number(options.value('n')) } : {}),
      ...(replace !== undefined ? { replace } : {}),
    });
    if (typeof plan === 'string') {
      yield* tool.warn(`unmatched ${plan} quote; by default quotes are special to xargs unless you use the -0 option`);
      return 1;
    }
    // GNU runs the command once even without input, unless -r (or -I, which runs per line).
    if (plan.length === 0 && !options.has('r') && replace === undefined) plan.push([]);
    let status = 0;
    for (const args of plan) {
      const argv = replace === undefined ? [...command, ...args] : command.map((a) => a.split(replace).join(args[0]!));
      const result = yield* runOnce(tool, argv, options.has('t'));
      if (result.stop) return result.status;
      if (result.status !== 0) status = result.status;
    }
    return status;
  },
);

/** One run of the command; `stop` when xargs gives up on the rest (as it does for 255 and signals). */
function* runOnce(tool: Tool, argv: string[], trace: boolean): Sys<{ status: number; stop: boolean }> {
  if (trace) yield* sys.write(2, `${argv.join(' ')}\n`);
  let pid: number;
  try {
    // The command's stdin is /dev/null: xargs itself reads the real one.
    pid = tool.proc.spawn(argv, { fds: [undefined, 1, 2] });
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    yield* tool.warn(tool.flavour === 'gnu' ? `${argv[0]}: ${errorText(e)}` : `can't execute '${argv[0]}': ${errorText(e)}`);
    return { status: e.errno === 'EACCES' ? 126 : 127, stop: true };
  }
  const result = yield* sys.wait(pid);
  if (result.signal) {
    yield* tool.warn(`${argv[0]}: terminated by signal ${result.code - 128}`);
    return { status: 125, stop: true };
  }
  if (result.code === 255) {
    yield* tool.warn(`${argv[0]}: exited with status 255; aborting`);
    return { status: 124, stop: true };
  }
  return { status: result.code === 0 ? 0 : 123, stop: false };
}
