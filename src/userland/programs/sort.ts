/** `sort` (keys, numeric and human-readable orders, -u, -r, -c, -o) and `uniq` (-c -d -u -i -f -s -w). */
import { sys, type Sys } from '../../engine/runtime/process';
import { defineTool, errorText, type Tool } from '../lib/tool';
import { busyboxCantOpen, linesOf, readText } from './tool-input';
import { defineToolWithUsageStatus } from './usage-status';

/** The ordering options a key may carry (`-k2,2nr`) or the command line give for every key. */
interface Order {
  readonly numeric: boolean;
  readonly general: boolean;
  readonly human: boolean;
  readonly reverse: boolean;
  readonly fold: boolean;
  readonly blanks: boolean;
}

interface Key {
  readonly startField: number;
  readonly startChar: number;
  /** 0: to the end of the line. */
  readonly endField: number;
  /** 0: to the end of the field. */
  readonly endChar: number;
  readonly order: Order;
}

const ORDER_LETTERS = 'nghrfb';

function orderFrom(letters: string, base?: Order): Order {
  const has = (l: string): boolean => letters.includes(l) || (base !== undefined && letters === '' && hasIn(base, l));
  return { numeric: has('n'), general: has('g'), human: has('h'), reverse: has('r'), fold: has('f'), blanks: has('b') };
}

function hasIn(order: Order, letter: string): boolean {
  return { n: order.numeric, g: order.general, h: order.human, r: order.reverse, f: order.fold, b: order.blanks }[letter] ?? false;
}

/** `-k F[.C][OPTS][,F[.C][OPTS]]`; a string is GNU's complaint. */
function parseKey(spec: string, global: Order): Key | string {
  const m = /^(\d*)(?:\.(\d+))?([a-zA-Z]*)(?:,(\d*)(?:\.(\d+))?([a-zA-Z]*))?$/.exec(spec);
  if (!m || m[1] === '') return `invalid number at field start: invalid count at start of '${spec}'`;
  if (Number(m[1]) === 0) return `field number is zero: invalid field specification '${spec}'`;
  if (m[2] !== undefined && Number(m[2]) === 0) return `character offset is zero: invalid field specification '${spec}'`;
  const letters = `${m[3] ?? ''}${m[6] ?? ''}`;
  const unknown = [...letters].find((l) => !ORDER_LETTERS.includes(l));
  if (unknown) return `stray character in field spec: invalid field specification '${spec}'`;
  return {
    startField: Number(m[1]),
    startChar: Number(m[2] ?? 1),
    endField: m[4] ? Number(m[4]) : 0,
    endChar: Number(m[5] ?? 0),
    order: orderFrom(letters, global),
  };
}

const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/** Where each field starts and ends: split at `tab`, or else each field is its leading blanks and a word. */
function fieldBounds(line: string, tab: string | undefined): [number, number][] {
  const bounds: [number, number][] = [];
  if (tab !== undefined) {
    let start = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i === line.length || line[i] === tab) {
        bounds.push([start, i]);
        start = i + 1;
      }
    }
    return bounds;
  }
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (isBlank(line[i])) i++;
    while (i < line.length && !isBlank(line[i])) i++;
    bounds.push([start, i]);
  }
  return bounds;
}

function skipBlanks(line: string, i: number, end: number): number {
  while (i < end && isBlank(line[i])) i++;
  return i;
}

function keyText(line: string, key: Key, tab: string | undefined): string {
  const bounds = fieldBounds(line, tab);
  const start = bounds[key.startField - 1];
  if (!start) return '';
  const from = Math.min((key.order.blanks ? skipBlanks(line, start[0], start[1]) : start[0]) + key.startChar - 1, key.endField === 0 ? line.length : start[1]);
  let to = line.length;
  const end = key.endField === 0 ? undefined : bounds[key.endField - 1];
  if (end) to = key.endChar === 0 ? end[1] : Math.min(end[1], (key.order.blanks ? skipBlanks(line, end[0], end[1]) : end[0]) + key.endChar);
  return to > from ? line.slice(from, to) : '';
}

const HUMAN_SUFFIXES = 'KMGTPEZY';

/** -n: the leading number (blanks, sign, digits, a decimal point); anything else counts as zero. */
function leadingNumber(text: string): number {
  const m = /^[ \t]*(-?(?:\d+\.?\d*|\.\d+))/.exec(text);
  return m ? Number(m[1]) : 0;
}

function compareHuman(a: string, b: string): number {
  const parse = (t: string): [number, number] => {
    const m = /^[ \t]*(-?(?:\d+\.?\d*|\.\d+))([kKMGTPEZY]?)/.exec(t);
    if (!m) return [0, 0];
    const value = Number(m[1]);
    return [value, m[2] ? (HUMAN_SUFFIXES.indexOf(m[2].toUpperCase()) + 1) * Math.sign(value) : 0];
  };
  const [va, ra] = parse(a);
  const [vb, rb] = parse(b);
  return Math.sign(va) - Math.sign(vb) || ra - rb || va - vb;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBy(order: Order, a: string, b: string): number {
  let result: number;
  if (order.human) result = compareHuman(a, b);
  else if (order.numeric) result = leadingNumber(a) - leadingNumber(b);
  else if (order.general) result = generalNumber(a) - generalNumber(b);
  else {
    const prepare = (t: string): string => {
      const trimmed = order.blanks ? t.replace(/^[ \t]+/, '') : t;
      return order.fold ? trimmed.toUpperCase() : trimmed;
    };
    result = compareText(prepare(a), prepare(b));
  }
  return order.reverse ? -Math.sign(result) : Math.sign(result);
}

/** -g: strtod's reading; what is no number sorts first. */
function generalNumber(text: string): number {
  const value = Number.parseFloat(text);
  return Number.isNaN(value) ? -Infinity : value;
}

interface SortPlan {
  readonly keys: readonly Key[];
  readonly global: Order;
  readonly tab: string | undefined;
  /** -s and -u: lines whose keys are equal keep their order, without a whole-line comparison. */
  readonly stable: boolean;
}

/** Keys first; when they tie, the whole line byte by byte (reversed by a global -r) unless -s or -u. */
function comparator(plan: SortPlan, lastResort: boolean): (a: string, b: string) => number {
  return (a, b) => {
    if (plan.keys.length === 0) {
      const result = compareBy(plan.global, a, b);
      if (result !== 0) return result;
    }
    for (const key of plan.keys) {
      const result = compareBy(key.order, keyText(a, key, plan.tab), keyText(b, key, plan.tab));
      if (result !== 0) return result;
    }
    if (!lastResort) return 0;
    const whole = compareText(a, b);
    return plan.global.reverse ? -whole : whole;
  };
}

export const sort = defineToolWithUsageStatus(
  {
    usage: 'sort [-nrughMcszbdfiokt] [-o FILE] [-k START[.OFS]][OPTS][,END[.OFS]][OPTS]] [-t CHAR] [FILE]...',
    options: {
      short: 'nrughfbsucCo:k:t:',
      long: {
        'numeric-sort': 'n', reverse: 'r', unique: 'u', 'general-numeric-sort': 'g', 'human-numeric-sort': 'h',
        'ignore-case': 'f', 'ignore-leading-blanks': 'b', stable: 's', check: 'c', 'output=': 'o', 'key=': 'k', 'field-separator=': 't',
      },
    },
  },
  2,
  function* (tool, options) {
    const global = orderFrom([...ORDER_LETTERS].filter((l) => options.has(l)).join(''));
    const tab = options.value('t');
    if (tab !== undefined && tab.length !== 1) {
      yield* tool.warn(tab === '' ? 'empty tab' : `multi-character tab '${tab}'`);
      return tool.flavour === 'gnu' ? 2 : 1;
    }
    const keys: Key[] = [];
    for (const spec of options.all('k')) {
      const key = parseKey(spec, global);
      if (typeof key === 'string') return yield* keyError(tool, key);
      keys.push(key);
    }
    const plan: SortPlan = { keys, global, tab, stable: options.has('s') || options.has('u') };
    const lines = yield* readAllInputs(tool, options.operands.length > 0 ? options.operands : ['-']);
    if (lines === undefined) return tool.flavour === 'gnu' ? 2 : 1;
    if (options.has('c') || options.has('C')) return yield* checkSorted(tool, plan, lines, { quiet: options.has('C'), unique: options.has('u'), path: options.operands[0] ?? '-' });
    const sorted = [...lines].sort(comparator(plan, !plan.stable));
    const equal = comparator(plan, false);
    const kept = options.has('u') ? sorted.filter((line, i) => i === 0 || equal(sorted[i - 1]!, line) !== 0) : sorted;
    const text = kept.map((l) => `${l}\n`).join('');
    const output = options.value('o');
    if (output === undefined) {
      yield* tool.out(text);
      return 0;
    }
    try {
      tool.proc.fs.writeFile(output, text, tool.proc.now());
      return 0;
    } catch (e) {
      yield* tool.warn(tool.flavour === 'gnu' ? `open failed: ${output}: ${errorText(e)}` : `can't open '${output}': ${errorText(e)}`);
      return tool.flavour === 'gnu' ? 2 : 1;
    }
  },
);

function* keyError(tool: Tool, message: string): Sys<number> {
  if (tool.flavour === 'busybox') {
    yield* tool.warn('bad field specification');
    return 1;
  }
  yield* sys.write(2, `${tool.name}: ${message}\n`);
  return 2;
}

/** Every line of every input; undefined after the first one that cannot be read (sort gives up). */
function* readAllInputs(tool: Tool, paths: readonly string[]): Sys<string[] | undefined> {
  const lines: string[] = [];
  for (const path of paths) {
    const text = yield* readText(tool, path, tool.flavour === 'gnu' ? (p, reason) => `cannot read: ${p}: ${reason}` : busyboxCantOpen);
    if (text === undefined) return undefined;
    lines.push(...linesOf(text));
  }
  return lines;
}

/** `-c`: the first line out of order is reported (`-C`: only the status says so). */
function* checkSorted(tool: Tool, plan: SortPlan, lines: readonly string[], check: { quiet: boolean; unique: boolean; path: string }): Sys<number> {
  const { quiet, unique, path } = check;
  const compare = comparator(plan, !plan.stable);
  for (let i = 1; i < lines.length; i++) {
    const result = compare(lines[i - 1]!, lines[i]!);
    // With -u, two equal lines are out of order too.
    if (result > 0 || (unique && result === 0)) {
      if (!quiet) yield* tool.warn(tool.flavour === 'gnu' ? `${path}:${i + 1}: disorder: ${lines[i]}` : `disorder at line ${i + 1}`);
      return 1;
    }
  }
  return 0;
}

/** The part of a line uniq compares: skip -f fields and -s characters, keep -w characters. */
function uniqKey(line: string, fields: number, chars: number, width: number | undefined, fold: boolean): string {
  let i = 0;
  for (let f = 0; f < fields; f++) {
    while (isBlank(line[i])) i++;
    while (i < line.length && !isBlank(line[i])) i++;
  }
  const key = line.slice(i + chars, width === undefined ? undefined : i + chars + width);
  return fold ? key.toLowerCase() : key;
}

/** `uniq [-cdu] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]`: adjacent repeated lines collapsed into one. */
export const uniq = defineTool(
  {
    usage: 'uniq [-cdui] [-f,s,w N] [FILE [OUTFILE]]',
    options: { short: 'cduif:s:w:', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i', 'skip-fields=': 'f', 'skip-chars=': 's', 'check-chars=': 'w' } },
  },
  function* (tool, options) {
    const [input = '-', output, extra] = options.operands;
    if (extra !== undefined) return yield* tool.usage(`extra operand '${extra}'`);
    const numbers: Record<string, number | undefined> = {};
    for (const letter of ['f', 's', 'w']) {
      const text = options.value(letter);
      if (text !== undefined && !/^\d+$/.test(text)) {
        const what = { f: 'fields to skip', s: 'bytes to skip', w: 'bytes to compare' }[letter]!;
        yield* tool.warn(tool.flavour === 'gnu' ? `${text}: invalid number of ${what}` : `invalid number '${text}'`);
        return 1;
      }
      numbers[letter] = text === undefined ? undefined : Number(text);
    }
    const text = yield* readText(tool, input, tool.flavour === 'gnu' ? (p, reason) => `${p}: ${reason}` : busyboxCantOpen);
    if (text === undefined) return 1;
    const key = (line: string): string => uniqKey(line, numbers['f'] ?? 0, numbers['s'] ?? 0, numbers['w'], options.has('i'));
    let out = '';
    const lines = linesOf(text);
    for (let i = 0; i < lines.length;) {
      let j = i + 1;
      while (j < lines.length && key(lines[j]!) === key(lines[i]!)) j++;
      const count = j - i;
      const wanted = (!options.has('d') || count > 1) && (!options.has('u') || count === 1);
      if (wanted) out += `${options.has('c') ? `${String(count).padStart(7)} ` : ''}${lines[i]}\n`;
      i = j;
    }
    if (output === undefined) {
      yield* tool.out(out);
      return 0;
    }
    try {
      tool.proc.fs.writeFile(output, out, tool.proc.now());
      return 0;
    } catch (e) {
      yield* tool.warn(`${output}: ${errorText(e)}`);
      return 1;
    }
  },
);
