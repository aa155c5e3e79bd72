/**
 * procps-ng's `pgrep` and `pkill` (3.3.17): an extended regular expression matched against each
 * process's name (its 15-character comm), or with -f its whole command line; -l/-a list names or
 * command lines, -n/-o the newest/oldest, -c counts, -x matches whole, -P and -u select by parent
 * and user. pkill signals what pgrep would list (SIGTERM unless `-SIGNAL`). Neither counts itself.
 */
import { parseSignal, sys, SysError, type Program, type SignalName, type Sys } from '../../../engine/runtime/process';
import { COMM_LENGTH, readProcesses, type ProcRow } from './processes';

interface Request {
  pattern: RegExp | undefined;
  full: boolean;
  list: 'pids' | 'names' | 'commands';
  count: boolean;
  newest: boolean;
  oldest: boolean;
  negate: boolean;
  echo: boolean;
  delimiter: string;
  parents: number[];
  users: string[];
  signal: SignalName;
}

class Usage extends Error {}

const OPTIONS_WITH_VALUE = new Set(['d', 'P', 'u', 'U', 'g', 'G', 's', 't']);

function parse(name: string, args: readonly string[]): { request: Request; source: string | undefined } {
  const request: Request = {
    pattern: undefined, full: false, list: 'pids', count: false, newest: false, oldest: false, negate: false, echo: false,
    delimiter: '\n', parents: [], users: [], signal: 'SIGTERM',
  };
  let ignoreCase = false;
  let exact = false;
  const operands: string[] = [];
  const queue = [...args];
  while (queue.length > 0) {
    const arg = queue.shift()!;
    if (arg === '--') {
      operands.push(...queue.splice(0));
      break;
    }
    if (arg.startsWith('--')) {
      const [long, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const take = (): string => inline ?? queue.shift() ?? '';
      if (long === 'signal' && name === 'pkill') request.signal = signalOf(take());
      else if (long === 'full') request.full = true;
      else if (long === 'list-name') request.list = 'names';
      else if (long === 'list-full') request.list = 'commands';
      else if (long === 'count') request.count = true;
      else if (long === 'newest') request.newest = true;
      else if (long === 'oldest') request.oldest = true;
      else if (long === 'exact') exact = true;
      else if (long === 'ignore-case') ignoreCase = true;
      else if (long === 'parent') request.parents.push(...numbers(take()));
      else throw new Usage(`unrecognized option '${arg}'`);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    // pkill -9, pkill -KILL: the first option may be a signal.
    if (name === 'pkill' && parseSignal(arg.slice(1)) !== undefined && !/^-[a-z]+$/.test(arg)) {
      request.signal = parseSignal(arg.slice(1))!;
      continue;
    }
    for (let i = 1; i < arg.length; i++) {
      const letter = arg[i]!;
      if (OPTIONS_WITH_VALUE.has(letter)) {
        const value = arg.slice(i + 1) || queue.shift();
        if (value === undefined) throw new Usage(`option requires an argument -- '${letter}'`);
        if (letter === 'd') request.delimiter = value;
        else if (letter === 'P') request.parents.push(...numbers(value));
        else if (letter === 'u' || letter === 'U') request.users.push(...value.split(','));
        break;
      }
      if (letter === 'f') request.full = true;
      else if (letter === 'l' && name === 'pgrep') request.list = 'names';
      else if (letter === 'a' && name === 'pgrep') request.list = 'commands';
      else if (letter === 'c') request.count = true;
      else if (letter === 'n') request.newest = true;
      else if (letter === 'o') request.oldest = true;
      else if (letter === 'x') exact = true;
      else if (letter === 'i') ignoreCase = true;
      else if (letter === 'v' && name === 'pgrep') request.negate = true;
      else if (letter === 'e' && name === 'pkill') request.echo = true;
      else throw new Usage(`invalid option -- '${letter}'`);
    }
  }
  if (operands.length > 1) throw new Usage('only one pattern can be provided');
  const source = operands[0];
  if (source !== undefined) request.pattern = new RegExp(exact ? `^(?:${source})$` : source, ignoreCase ? 'i' : '');
  return { request, source };
}

function numbers(text: string): number[] {
  return text.split(',').map(Number).filter((n) => Number.isInteger(n));
}

function signalOf(text: string): SignalName {
  const signal = parseSignal(text);
  if (signal === undefined) throw new Usage(`Unknown signal "${text}".`);
  return signal;
}

function matches(request: Request, row: ProcRow): boolean {
  if (request.parents.length > 0 && !request.parents.includes(row.ppid)) return false;
  if (request.users.length > 0 && !request.users.includes(row.user)) return false;
  if (!request.pattern) return true;
  // A kernel thread has no command line: -f matches its name.
  const subject = request.full && !/^\[.*\]$/.test(row.args) ? row.args : row.comm;
  return request.pattern.test(subject) !== request.negate;
}

function* pgrepOrPkill(name: 'pgrep' | 'pkill', proc: Parameters<Program>[0]): Sys<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(name, proc.argv.slice(1));
  } catch (e) {
    if (e instanceof SyntaxError) {
      yield* sys.write(2, `${name}: ${e.message}\n`);
      return 2;
    }
    if (!(e instanceof Usage)) throw e;
    yield* sys.write(2, `${name}: ${e.message}\nTry \`${name} --help' for more information.\n`);
    return 2;
  }
  const { request, source } = parsed;
  if (!request.pattern && request.parents.length === 0 && request.users.length === 0) {
    yield* sys.write(2, `${name}: no matching criteria specified\nTry \`${name} --help' for more information.\n`);
    return 2;
  }
  if (source !== undefined && !request.full && source.replace(/^\^|\$$/g, '').length > COMM_LENGTH) {
    yield* sys.write(2, `${name}: pattern that searches for process name longer than 15 characters will result in zero matches\n`
      + `Try \`${name} -f' option to match against the complete command line.\n`);
  }
  yield* sys.sleep(0);
  let found = readProcesses(proc).filter((row) => row.pid !== proc.pid && matches(request, row));
  if (request.newest || request.oldest) {
    const pick = found.reduce<ProcRow | undefined>((best, row) => {
      if (!best) return row;
      const newer = row.info.startedAt > best.info.startedAt || (row.info.startedAt === best.info.startedAt && row.pid > best.pid);
      return newer === request.newest ? row : best;
    }, undefined);
    found = pick ? [pick] : [];
  }
  if (name === 'pkill') return yield* signalAll(proc, request, found);
  if (request.count) {
    yield* sys.write(1, `${found.length}\n`);
  } else if (found.length > 0) {
    const line = (row: ProcRow): string =>
      request.list === 'names' ? `${row.pid} ${row.comm}` : request.list === 'commands' ? `${row.pid} ${/^\[.*\]$/.test(row.args) ? row.comm : row.args}` : String(row.pid);
    yield* sys.write(1, `${found.map(line).join(request.delimiter)}\n`);
  }
  return found.length > 0 ? 0 : 1;
}

function* signalAll(proc: Parameters<Program>[0], request: Request, found: readonly ProcRow[]): Sys<number> {
  let signalled = 0;
  for (const row of found) {
    try {
      proc.kill(row.pid, request.signal);
      signalled++;
      if (request.echo) yield* sys.write(1, `${row.comm} killed (pid ${row.pid})\n`);
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      yield* sys.write(2, `pkill: killing pid ${row.pid} failed: ${e.message}\n`);
    }
  }
  if (request.count) yield* sys.write(1, `${signalled}\n`);
  return signalled > 0 ? 0 : 1;
}

export const pgrep: Program = (proc) => pgrepOrPkill('pgrep', proc);
export const pkill: Program = (proc) => pgrepOrPkill('pkill', proc);
