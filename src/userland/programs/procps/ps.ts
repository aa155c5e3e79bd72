/**
 * procps-ng's `ps` (3.3.17, Rocky Linux 9): UNIX options (`-e`, `-f`, `-p`, `-C`, `-o`), BSD ones
 * (`aux`, `ax`, `f`), `--forest`, and the formats they select. On a node's host it sees every
 * process of the machine, the containers' under their host PIDs.
 */
import { sys, TtyFile, type Program, type Sys } from '../../../engine/runtime/process';
import { column, renderTable, type Chosen } from './format';
import { readProcesses, type ProcRow } from './processes';

/** The formats procps names (its macros). */
const FORMATS = {
  default: 'pid,tname,time,ucmd',
  full: 'uid_hack,pid,ppid,c,stime,tname,time,cmd',
  bsd: 'pid,tname,stat,bsdtime,args',
  bsdUser: 'user,pid,%cpu,%mem,vsz,rss,tname,stat,start_time,bsdtime,args',
} as const;

interface Request {
  /** -e, -A, or BSD a with x. */
  all: boolean;
  /** BSD a: every process with a terminal; BSD x: also those without one. */
  bsdA: boolean;
  bsdX: boolean;
  bsd: boolean;
  full: boolean;
  user: boolean;
  forest: boolean;
  headers: boolean;
  /** Explicit selections: a process matching any of them is shown. */
  pids: number[];
  ppids: number[];
  commands: string[];
  users: string[];
  format: string[];
  /** How many w's: one widens to 132 columns, two lift the limit. */
  wide: number;
  /** --cols N. */
  cols: number | undefined;
}

class UsageError extends Error {}

const list = (text: string): string[] => text.split(/[,\s]+/).filter((s) => s !== '');

function pidList(text: string): number[] {
  const pids = list(text);
  if (pids.length === 0 || pids.some((p) => !/^\d+$/.test(p))) throw new UsageError('process ID list syntax error');
  return pids.map(Number);
}

/** Reads ps's three option syntaxes. */
function parse(args: readonly string[]): Request {
  const request: Request = {
    all: false, bsdA: false, bsdX: false, bsd: false, full: false, user: false, forest: false, headers: true,
    pids: [], ppids: [], commands: [], users: [], format: [], wide: 0, cols: undefined,
  };
  const queue = [...args];
  // A list after an option letter: the rest of the word, else the next argument.
  const value = (rest: string): string => {
    if (rest !== '') return rest;
    const next = queue.shift();
    if (next === undefined) throw new UsageError('list of process IDs must follow -p');
    return next;
  };
  while (queue.length > 0) {
    const arg = queue.shift()!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const take = (): string => inline ?? value('');
      if (name === 'forest') request.forest = true;
      else if (name === 'no-headers' || name === 'no-heading') request.headers = false;
      else if (name === 'pid') request.pids.push(...pidList(take()));
      else if (name === 'ppid') request.ppids.push(...pidList(take()));
      else if (name === 'format') request.format.push(take());
      else if (name === 'user') request.users.push(...list(take()));
      else if (name === 'cols' || name === 'columns' || name === 'width') request.cols = Number(take());
      else throw new UsageError('unknown gnu long option');
      continue;
    }
    // `ps -aux` means BSD aux (procps guesses so when there is no user named x).
    const bsd = !arg.startsWith('-') || arg === '-aux';
    const letters = arg.replace(/^-/, '');
    if (bsd && /^\d+$/.test(letters)) {
      request.pids.push(Number(letters));
      continue;
    }
    for (let i = 0; i < letters.length; i++) {
      const letter = letters[i]!;
      const rest = letters.slice(i + 1);
      if (bsd) request.bsd = true;
      if (letter === 'p' || letter === 'o' || letter === 'C' || letter === 'u' && !bsd || letter === 'U') {
        const text = value(rest);
        if (letter === 'p') request.pids.push(...pidList(text));
        else if (letter === 'o') request.format.push(text);
        else if (letter === 'C') request.commands.push(...list(text));
        else request.users.push(...list(text));
        break;
      }
      if (bsd) {
        if (letter === 'a') request.bsdA = true;
        else if (letter === 'x') request.bsdX = true;
        else if (letter === 'u') request.user = true;
        else if (letter === 'f') request.forest = true;
        else if (letter === 'h') request.headers = false;
        else if (letter === 'w') request.wide += 1;
        else if (letter === 'e' || letter === 'c') continue;
        else throw new UsageError('unsupported option (BSD syntax)');
      } else if (letter === 'e' || letter === 'A') request.all = true;
      else if (letter === 'f') request.full = true;
      else if (letter === 'H') request.forest = true;
      else if (letter === 'w') request.wide += 1;
      // -a: the processes of terminals (procps leaves out their session leaders); -d: all but them.
      else if (letter === 'a') request.bsdA = true;
      else if (letter === 'd') request.all = true;
      else throw new UsageError('unsupported SysV option');
    }
  }
  return request;
}

function selects(request: Request, row: ProcRow, own: ProcRow | undefined): boolean {
  const explicit = request.pids.length + request.ppids.length + request.commands.length + request.users.length > 0;
  if (explicit) {
    return request.pids.includes(row.pid) || request.ppids.includes(row.ppid)
      || request.commands.includes(row.comm) || request.users.includes(row.user);
  }
  if (request.all || (request.bsdA && request.bsdX)) return true;
  if (request.bsdA) return row.tty !== '?';
  if (request.bsdX) return row.user === (own?.user ?? 'root');
  return row.tty === own?.tty && row.user === own.user;
}

function chooseColumns(request: Request): Chosen[] {
  const spec = request.format.length > 0
    ? request.format.join(',')
    : request.user ? FORMATS.bsdUser : request.full ? FORMATS.full : request.bsd ? FORMATS.bsd : FORMATS.default;
  return list(spec.replace(/,/g, ' ')).flatMap((item) => item.split(',')).map((item) => {
    const [name, header] = item.split(/=(.*)/s) as [string, string | undefined];
    const found = column(name);
    if (!found) throw new UsageError(`unknown user-defined format specifier "${name}"`);
    return { column: found, header: header ?? found.header, forest: request.forest && found.align === 'unlimited' };
  });
}

/** Rows in tree order, with the prefix procps draws before each command (` \_ `, ` |  `). */
function forestOrder(rows: readonly ProcRow[]): { row: ProcRow; prefix: string }[] {
  const pids = new Set(rows.map((r) => r.pid));
  const children = new Map<number, ProcRow[]>();
  for (const row of rows) if (pids.has(row.ppid) && row.ppid !== row.pid) children.set(row.ppid, [...children.get(row.ppid) ?? [], row]);
  const out: { row: ProcRow; prefix: string }[] = [];
  const visit = (row: ProcRow, lines: string, depth: number, last: boolean): void => {
    out.push({ row, prefix: depth === 0 ? '' : `${lines} \\_ ` });
    const kids = children.get(row.pid) ?? [];
    const below = depth === 0 ? '' : `${lines}${last ? '    ' : ' |  '}`;
    kids.forEach((kid, i) => visit(kid, below, depth + 1, i === kids.length - 1));
  };
  const roots = rows.filter((row) => !pids.has(row.ppid) || row.ppid === row.pid);
  // procps draws the kernel's tree (kthreadd's) before init's.
  const kernelThread = (row: ProcRow): boolean => row.args.startsWith('[');
  const kernelFirst = [...roots.filter(kernelThread), ...roots.filter((row) => !kernelThread(row))];
  for (const row of kernelFirst) visit(row, '', 0, true);
  return out;
}

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

/** How wide a line may be: a terminal's width (w: at least 132, ww: no limit); no limit into a pipe. */
function lineWidth(request: Request, terminalCols: number | undefined, env: Record<string, string>): number {
  if (request.cols !== undefined) return request.cols;
  if (request.wide >= 2) return Infinity;
  const columns = Number(env['COLUMNS']);
  const screen = columns > 0 ? columns : terminalCols === undefined ? Infinity : terminalCols || 80;
  return request.wide === 1 ? Math.max(screen, 132) : screen;
}

export const ps: Program = function* (proc): Sys<number> {
  let request: Request;
  let columns: Chosen[];
  try {
    request = parse(proc.argv.slice(1));
    columns = chooseColumns(request);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    yield* sys.write(2, `error: ${e.message}\n${USAGE}`);
    return 1;
  }
  // Reading /proc takes a moment: the other commands of a pipeline (`ps -ef | grep nginx`) have
  // started by then, and show — as they do on a real node.
  yield* sys.sleep(0);
  const rows = readProcesses(proc);
  const own = rows.find((r) => r.pid === proc.pid);
  const chosen = rows.filter((r) => selects(request, r, own));
  const ordered = request.forest ? forestOrder(chosen) : chosen.map((row) => ({ row, prefix: '' }));
  const now = proc.wallClock();
  const cells = ordered.map(({ row, prefix }) => columns.map((c) => (c.forest ? prefix : '') + c.column.value(row, now)));
  const stdout = proc.file(1);
  const width = lineWidth(request, stdout instanceof TtyFile ? stdout.cols : undefined, proc.env);
  yield* sys.write(1, renderTable(columns, cells, request.headers, width));
  // procps exits 1 when nothing was selected.
  return ordered.length > 0 ? 0 : 1;
};
