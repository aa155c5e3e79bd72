/** Finding files: `find` (names, types, depths) and `which`. */
import type { FileStat } from '../../engine/runtime/fs';
import { DEFAULT_PATH, type Sys } from '../../engine/runtime/process';
import { defineTool, errorText, type Tool } from '../lib/tool';

/** A shell glob (`*.html`, `index.???`, `[ab]*`) as a regular expression over a whole name. */
export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else if (ch === '[' && glob.indexOf(']', i + 2) > 0) {
      const end = glob.indexOf(']', i + 2);
      source += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (ch === '\\' && i + 1 < glob.length) source += `\\${glob[++i]}`;
    else source += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
}

interface FindTest {
  (path: string, name: string, stat: FileStat, depth: number): boolean;
}

interface FindPlan {
  readonly roots: string[];
  readonly tests: FindTest[];
  readonly minDepth: number;
  readonly maxDepth: number;
}

const TYPES: Readonly<Record<string, FileStat['type']>> = { f: 'file', d: 'dir', l: 'symlink' };

/** Reads `find`'s arguments: paths first, then an expression of tests joined by "and". */
function plan(args: readonly string[]): FindPlan | string {
  const roots: string[] = [];
  let i = 0;
  while (i < args.length && !args[i]!.startsWith('-') && args[i] !== '!' && args[i] !== '(') roots.push(args[i++]!);
  const tests: FindTest[] = [];
  let minDepth = 0;
  let maxDepth = Infinity;
  let negate = false;
  const add = (test: FindTest): void => {
    const negated = negate;
    tests.push(negated ? (...a) => !test(...a) : test);
    negate = false;
  };
  for (; i < args.length; i++) {
    const option = args[i]!;
    const value = args[i + 1];
    const needs = ['-name', '-iname', '-type', '-maxdepth', '-mindepth', '-path', '-size'];
    if (needs.includes(option) && value === undefined) return `missing argument to '${option}'`;
    switch (option) {
      case '!':
      case '-not':
        negate = !negate;
        break;
      case '-name':
      case '-iname': {
        const re = globToRegExp(value!, option === '-iname');
        add((_p, name) => re.test(name));
        i++;
        break;
      }
      case '-path': {
        const re = globToRegExp(value!);
        add((path) => re.test(path));
        i++;
        break;
      }
      case '-type': {
        const type = TYPES[value!];
        if (!type) return `Unknown argument to -type: ${value}`;
        add((_p, _n, stat) => stat.type === type);
        i++;
        break;
      }
      case '-maxdepth':
      case '-mindepth':
        if (option === '-maxdepth') maxDepth = Number(value);
        else minDepth = Number(value);
        i++;
        break;
      case '-print':
      case '-a':
      case '-and':
        break;
      default:
        return `unknown predicate '${option}'`;
    }
  }
  return { roots: roots.length > 0 ? roots : ['.'], tests, minDepth, maxDepth };
}

export const find = defineTool({ usage: 'find [-HL] [PATH]... [OPTIONS] [ACTIONS]', options: 'none' }, function* (tool, options) {
  const p = plan(options.operands);
  if (typeof p === 'string') {
    yield* tool.warn(p);
    return 1;
  }
  let status = 0;
  for (const root of p.roots) {
    if (!(yield* walk(tool, p, root, root.replace(/\/+$/, '').split('/').pop() || root, 0))) status = 1;
  }
  return status;
});

/** Prints what matches under `path`, depth first in name order; false when something could not be read. */
function* walk(tool: Tool, p: FindPlan, path: string, name: string, depth: number): Sys<boolean> {
  const { fs } = tool.proc;
  let stat: FileStat;
  try {
    stat = fs.lstat(path);
  } catch (e) {
    yield* tool.warn(tool.flavour === 'busybox' ? `${path}: ${errorText(e)}` : `'${path}': ${errorText(e)}`);
    return false;
  }
  if (depth >= p.minDepth && p.tests.every((t) => t(path, name, stat, depth))) yield* tool.out(`${path}\n`);
  if (stat.type !== 'dir' || depth >= p.maxDepth) return true;
  let ok = true;
  let names: string[];
  try {
    names = fs.readdir(path);
  } catch (e) {
    yield* tool.warn(tool.flavour === 'busybox' ? `${path}: ${errorText(e)}` : `'${path}': ${errorText(e)}`);
    return false;
  }
  for (const child of names) {
    if (!(yield* walk(tool, p, path.endsWith('/') ? `${path}${child}` : `${path}/${child}`, child, depth + 1))) ok = false;
  }
  return ok;
}

/** `which [-a] NAME...`: the executables PATH would run; exit 1 when one is not found. */
export const which = defineTool({ usage: 'which [-a] COMMAND...', options: { short: 'a' } }, function* (tool, options) {
  if (options.operands.length === 0) return yield* tool.usage('');
  const { fs, env } = tool.proc;
  let status = 0;
  for (const name of options.operands) {
    const candidates = name.includes('/') ? [name] : (env['PATH'] ?? DEFAULT_PATH).split(':').map((dir) => `${dir || '.'}/${name}`);
    const found = candidates.filter((c) => {
      const st = fs.tryStat(c);
      return typeof st !== 'string' && st.type !== 'dir' && (st.mode & 0o111) !== 0;
    });
    if (found.length === 0) status = 1;
    for (const path of options.has('a') ? found : found.slice(0, 1)) yield* tool.out(`${path}\n`);
  }
  return status;
});
