/** Column tools: `cut` (bytes, characters or delimited fields) and `tr` (translate, delete, squeeze). */
import { sys, type Sys } from '../../engine/runtime/process';
import { LineReader } from '../lib/lines';
import { defineTool, errorText, type Tool } from '../lib/tool';

/** One item of a cut list: `N`, `N-`, `-M` or `N-M`, 1-based and inclusive. */
interface Range {
  readonly from: number;
  readonly to: number;
}

/** Parses a cut list; a string is GNU's complaint about it. */
function parseList(list: string, fields: boolean): Range[] | string {
  const ranges: Range[] = [];
  for (const item of list.split(/[, ]/)) {
    if (item === '') continue;
    const m = /^(\d*)(-?)(\d*)$/.exec(item);
    if (!m || (m[1] === '' && m[3] === '')) {
      if (item === '-') return 'invalid range with no endpoint: -';
      const bad = list.slice(list.indexOf(item));
      return fields ? `invalid field value '${bad}'` : `invalid byte or character range`;
    }
    const from = m[1] === '' ? 1 : Number(m[1]);
    const to = m[2] === '' ? from : m[3] === '' ? Infinity : Number(m[3]);
    if (from === 0 || to === 0) return fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (to < from) return 'invalid decreasing range';
    ranges.push({ from, to });
  }
  if (ranges.length === 0) return fields ? 'missing list of fields' : 'missing list of byte/character positions';
  return ranges;
}

const selected = (ranges: readonly Range[], n: number): boolean => ranges.some((r) => n >= r.from && n <= r.to);

interface CutPlan {
  readonly ranges: readonly Range[];
  readonly fields: boolean;
  readonly delimiter: string;
  readonly outputDelimiter: string;
  readonly onlyDelimited: boolean;
  readonly complement: boolean;
}

/** The selected part of one line, or undefined when -s drops it. */
function cutLine(line: string, plan: CutPlan): string | undefined {
  const keep = (n: number): boolean => selected(plan.ranges, n) !== plan.complement;
  if (!plan.fields) return [...line].filter((_, i) => keep(i + 1)).join('');
  if (!line.includes(plan.delimiter)) return plan.onlyDelimited ? undefined : line;
  return line.split(plan.delimiter).filter((_, i) => keep(i + 1)).join(plan.outputDelimiter);
}

/** `cut -f LIST [-d DELIM] [-s] | -c LIST | -b LIST [FILE]...` */
export const cut = defineTool(
  {
    usage: 'cut [OPTIONS] [FILE]...',
    options: {
      short: 'b:c:f:d:sn',
      long: { 'bytes=': 'b', 'characters=': 'c', 'fields=': 'f', 'delimiter=': 'd', 'only-delimited': 's', 'output-delimiter=': 'O', complement: 'C' },
    },
  },
  function* (tool, options) {
    const lists = ['b', 'c', 'f'].filter((l) => options.has(l));
    const problem = cutProblem(tool, lists, options.has('d'), options.has('s'), options.value('d'));
    if (problem) return yield* complain(tool, problem, true);
    const fields = lists[0] === 'f';
    const ranges = parseList(options.value(lists[0]!)!, fields);
    if (typeof ranges === 'string') return yield* complain(tool, ranges, true);
    const delimiter = options.value('d') || '\t';
    const plan: CutPlan = {
      ranges, fields, delimiter, outputDelimiter: options.value('O') ?? delimiter, onlyDelimited: options.has('s'), complement: options.has('C'),
    };
    let status = 0;
    for (const path of options.operands.length > 0 ? options.operands : ['-']) {
      const reader = yield* openLines(tool, path);
      if (!reader) {
        status = 1;
        continue;
      }
      for (let line = yield* reader.next(); line !== null; line = yield* reader.next()) {
        const cutText = cutLine(line, plan);
        if (cutText !== undefined) yield* tool.out(`${cutText}\n`);
      }
    }
    return status;
  },
);

/** What is wrong with cut's options before the list is even read. */
function cutProblem(tool: Tool, lists: readonly string[], hasDelimiter: boolean, suppress: boolean, delimiter: string | undefined): string | undefined {
  const gnu = tool.flavour === 'gnu';
  if (lists.length === 0) return gnu ? 'you must specify a list of bytes, characters, or fields' : 'expected a list of bytes, characters, or fields';
  if (lists.length > 1) return 'only one type of list may be specified';
  if (delimiter !== undefined && [...delimiter].length > 1) return 'the delimiter must be a single character';
  if (lists[0] !== 'f' && suppress) return gnu ? 'suppressing non-delimited lines makes sense\n\tonly when operating on fields' : 'suppressing non-delimited lines makes sense only when operating on fields';
  if (lists[0] !== 'f' && hasDelimiter) return gnu ? 'an input delimiter may be specified only when operating on fields' : 'a delimiter may be specified only when operating on fields';
  return undefined;
}

/** GNU says what is wrong and points to --help; busybox only says what is wrong. */
function* complain(tool: Tool, message: string, pointToHelp: boolean): Sys<number> {
  yield* tool.warn(message);
  if (pointToHelp && tool.flavour === 'gnu') yield* sys.write(2, `Try '${tool.name} --help' for more information.\n`);
  return 1;
}

/** Lines of a file (read at once) or of stdin (as they come); undefined after a message. */
function* openLines(tool: Tool, path: string): Sys<LineReader | undefined> {
  if (path === '-') return new LineReader(0);
  try {
    return new LineReader(-1, tool.proc.fs.readFile(path));
  } catch (e) {
    yield* tool.warn(tool.flavour === 'gnu' ? `${path}: ${errorText(e)}` : `can't open '${path}': ${errorText(e)}`);
    return undefined;
  }
}

const TR_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z', upper: 'A-Z', lower: 'a-z', digit: '0-9', alnum: '0-9A-Za-z', xdigit: '0-9A-Fa-f',
  space: '\t\n\v\f\r ', blank: '\t ', punct: '!-/:-@[-`{-~', print: ' -~', graph: '!-~', cntrl: '\x00-\x1f\x7f',
};

const TR_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\' };

/** A tr set as the list of its characters, in order; a string is the complaint. */
export function expandSet(spec: string): string[] | string {
  // First the escapes, marking each character as literal so `\-` is no range.
  const items: { ch: string; literal: boolean }[] = [];
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i]!;
    if (ch !== '\\' || i + 1 >= spec.length) {
      items.push({ ch, literal: false });
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(spec.slice(i + 1));
    if (octal) {
      items.push({ ch: String.fromCharCode(parseInt(octal[0], 8) & 0xff), literal: true });
      i += octal[0].length;
    } else {
      const next = spec[++i]!;
      items.push({ ch: TR_ESCAPES[next] ?? next, literal: true });
    }
  }
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const rest = items.slice(i).map((x) => (x.literal ? '\0' : x.ch)).join('');
    const cls = /^\[:([a-z]*):\]/.exec(rest);
    if (!item.literal && cls) {
      const range = TR_CLASSES[cls[1]!];
      if (range === undefined) return `invalid character class '${cls[1]}'`;
      out.push(...(expandSet(range) as string[]));
      i += cls[0].length - 1;
      continue;
    }
    const repeat = /^\[(.)\*(\d*)\]/.exec(rest);
    if (!item.literal && repeat) {
      out.push(...Array<string>(Number(repeat[2] || 0) || 1).fill(items[i + 1]!.ch));
      i += repeat[0].length - 1;
      continue;
    }
    const dash = items[i + 1];
    const end = items[i + 2];
    if (dash && end && dash.ch === '-' && !dash.literal) {
      const [a, b] = [item.ch.charCodeAt(0), end.ch.charCodeAt(0)];
      if (b < a) return `range-endpoints of '${item.ch}-${end.ch}' are in reverse collating sequence order`;
      for (let c = a; c <= b; c++) out.push(String.fromCharCode(c));
      i += 2;
      continue;
    }
    out.push(item.ch);
  }
  return out;
}

/** `tr [-cdst] SET1 [SET2]`, a chunk of input at a time so it works in the middle of a pipe. */
export const tr = defineTool(
  { usage: 'tr [-cds] STRING1 [STRING2]', options: { short: 'cCdst', long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' } } },
  function* (tool, options) {
    const del = options.has('d');
    const squeeze = options.has('s');
    const [spec1, spec2, extra] = options.operands;
    const wanted = del && !squeeze ? 1 : del || squeeze ? (spec2 === undefined ? 1 : 2) : 2;
    if (spec1 === undefined) return yield* tool.usage('missing operand');
    if (wanted === 2 && spec2 === undefined) {
      if (tool.flavour === 'busybox') return yield* tool.usage('');
      return yield* complain(tool, `missing operand after '${spec1}'\nTwo strings must be given when translating.`, true);
    }
    if (extra !== undefined || (wanted === 1 && spec2 !== undefined)) {
      const word = wanted === 1 ? spec2 : extra;
      const why = wanted === 1 && del ? '\nOnly one string may be given when deleting without squeezing repeats.' : '';
      return yield* complain(tool, `extra operand '${word}'${why}`, true);
    }
    const set1 = expandSet(spec1);
    const set2 = spec2 === undefined ? [] : expandSet(spec2);
    if (typeof set1 === 'string') return yield* complain(tool, set1, false);
    if (typeof set2 === 'string') return yield* complain(tool, set2, false);
    const complement = options.has('c') || options.has('C');
    const inSet1 = new Set(set1);
    const matches1 = (ch: string): boolean => inSet1.has(ch) !== complement;
    const translating = !del && spec2 !== undefined;
    if (translating && set2.length === 0 && tool.flavour === 'gnu') return yield* complain(tool, 'when not truncating set1, string2 must be non-empty', false);
    const map = new Map<string, string>();
    if (translating && !complement) set1.forEach((ch, i) => map.set(ch, set2[Math.min(i, set2.length - 1)]!));
    const translate = (ch: string): string => (complement ? (matches1(ch) ? set2.at(-1)! : ch) : map.get(ch) ?? ch);
    // Squeezing applies to the last set given: SET2 when translating, else SET1.
    const squeezeSet = spec2 !== undefined ? new Set(set2) : undefined;
    const squeezes = (ch: string): boolean => (squeezeSet ? squeezeSet.has(ch) : matches1(ch));
    let last: string | undefined;
    for (let chunk = yield* sys.read(0); chunk !== null; chunk = yield* sys.read(0)) {
      let out = '';
      for (const ch of chunk) {
        if (del && matches1(ch)) continue;
        const mapped = translating ? translate(ch) : ch;
        if (squeeze && mapped === last && squeezes(mapped)) continue;
        out += mapped;
        last = mapped;
      }
      yield* tool.out(out);
    }
    return 0;
  },
);
