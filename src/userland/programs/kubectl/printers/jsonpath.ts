/**
 * JSONPath as kubectl implements it (client-go util/jsonpath), for `-o jsonpath=…`,
 * `-o custom-columns=…` and `--sort-by`. A template is text with actions in braces:
 * `{.spec.clusterIP}`, `{.items[*].metadata.name}`, `{range .items[*]}{.metadata.name}{"\n"}{end}`,
 * filters `[?(@.type=="Ready")]`, `..` recursive descent, slices `[0]`, `[-1:]`, `[0:4:2]`, unions
 * `[0,2]` and quoted text `{"\t"}`.
 *
 * The parser and evaluator follow the upstream rules closely because learners hit their corners:
 * results of one action are joined by spaces; maps and lists print as compact JSON; a missing key
 * prints nothing (kubectl allows missing keys) while an index out of range is an error; `{range}`
 * without `{end}` ranges to the end of the template. Go's map order is random; maps are walked in
 * sorted key order here.
 */
import { KubectlError } from '../framework';

/** A parse or evaluation failure, with client-go's message (`unclosed action`, `foo is not found`). */
export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

interface Param {
  value: number;
  known: boolean;
  /** `[3]` means `[3:4]`: the end is derived from the start. */
  derived: boolean;
}

type Node =
  | { type: 'list'; nodes: Node[] }
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'array'; params: [Param, Param, Param] }
  | { type: 'union'; lists: ListNode[] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'identifier'; name: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean };

type ListNode = Extract<Node, { type: 'list' }>;

/** A parsed template. */
export interface JsonPath {
  readonly root: ListNode;
}

const EOF = '';
const isSpace = (r: string): boolean => r === ' ' || r === '\t';
const isEndOfLine = (r: string): boolean => r === '\r' || r === '\n';
const isDigit = (r: string): boolean => r >= '0' && r <= '9';
const isAlphaNumeric = (r: string): boolean => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
const isTerminator = (r: string): boolean => isSpace(r) || isEndOfLine(r) || [EOF, '.', ',', '[', ']', '$', '@', '{', '}'].includes(r);

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;

/** Go's strconv.Unquote, extended to single-quoted strings of any length. */
function unquote(quoted: string): string {
  const quote = quoted[0];
  if (quoted.length < 2 || quoted.at(-1) !== quote) throw new Error('invalid syntax');
  const body = quoted.slice(1, -1);
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === quote) throw new Error('invalid syntax');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i] ?? '';
    const hex = (n: number): string => {
      const digits = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) throw new Error('invalid syntax');
      i += n;
      return String.fromCodePoint(parseInt(digits, 16));
    };
    if (e in simple && (e !== "'" || quote === "'") && (e !== '"' || quote === '"')) out += simple[e];
    else if (e === 'x') out += hex(2);
    else if (e === 'u') out += hex(4);
    else if (e === 'U') out += hex(8);
    else if (/[0-7]/.test(e) && /^[0-7]{3}$/.test(body.slice(i, i + 3))) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else throw new Error('invalid syntax');
  }
  return out;
}

/** client-go's jsonpath Parser: a cursor over the template, `start` marking the pending text. */
class Parser {
  private pos = 0;
  private start = 0;
  /** What the last `next()` advanced (0 at the end), for `backup()`. */
  private width = 0;
  readonly root: ListNode = { type: 'list', nodes: [] };

  constructor(private readonly input: string) {}

  parse(): ListNode {
    this.parseText(this.root);
    return this.root;
  }

  private next(): string {
    this.width = this.pos < this.input.length ? 1 : 0;
    if (this.width === 0) return EOF;
    return this.input[this.pos++]!;
  }

  private peek(): string {
    return this.input[this.pos] ?? EOF;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private consumeText(): string {
    const text = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return text;
  }

  /** One character of a field name; a backslash takes the next character with it. */
  private advance(): boolean {
    const r = this.next();
    if (r === '\\') this.next();
    else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
        this.pos++;
        this.consumeText();
        const action: ListNode = { type: 'list', nodes: [] };
        cur.nodes.push(action);
        this.parseInsideAction(action);
        continue;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
  }

  /** Reads one action up to its `}` (the caller resumes the text after it). */
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos++;
        this.consumeText();
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') this.consumeText();
      else if (r === '[') this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === '.') this.parseField(cur);
      else if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        const code = r.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        throw new JsonPathError(`unrecognized character in action: U+${code} '${r}'`);
      }
    }
  }

  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.type === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance());
    const value = this.consumeText();
    cur.nodes.push(value === '*' ? { type: 'wildcard' } : { type: 'field', name: value.replaceAll('\\', '') });
  }

  private parseNumber(cur: ListNode): void {
    if (this.peek() === '+' || this.peek() === '-') this.next();
    for (let r = this.next(); r === '.' || isDigit(r); r = this.next());
    this.backup();
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ type: 'int', value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ type: 'float', value: Number(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    try {
      cur.nodes.push({ type: 'text', text: unquote(value) });
    } catch {
      throw new JsonPathError(`unquote string ${value} error invalid syntax`);
    }
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ type: 'union', lists: parts.map((part) => parseAction(`[${part.trim()}]`)) });
      return;
    }
    const key = DICT_KEY.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }
    const slice = SLICE.exec(text);
    if (!slice) throw new JsonPathError(`invalid array index ${text}`);
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      const raw = slice[i + 1];
      if (raw) {
        const digits = i > 0 ? raw.slice(1) : raw;
        const known = i === 0 || digits !== '';
        if (known && !/^-?\d+$/.test(digits)) throw new JsonPathError(`array index ${digits} is not a number`);
        params.push({ value: known ? Number(digits) : 0, known, derived: false });
      } else if (i === 1) params.push({ value: params[0]!.value + 1, known: true, derived: true });
      else params.push({ value: 0, known: false, derived: false });
    }
    cur.nodes.push({ type: 'array', params: params as [Param, Param, Param] });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
        } else if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    else cur.nodes.push({ type: 'filter', left: parseAction(m[1]!), right: parseAction(m[3]!), operator: m[2]! });
  }
}

/** A piece of a template parsed as a whole action (`{…}`), as filters and unions do. */
const parseAction = (text: string): ListNode => new Parser(`{${text}}`).parse();

/** Parses a template; a JsonPathError carries client-go's message. */
export function parseJsonPath(template: string): JsonPath {
  return { root: new Parser(template).parse() };
}

// ---- values, as Go's reflection sees decoded JSON -----------------------------------------------

type Kind = 'nil' | 'map' | 'slice' | 'string' | 'int' | 'float' | 'bool';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    default:
      return 'map';
  }
}

/** Go's name of the type (`map[string]interface {} is not array or slice`). */
function goTypeName(v: unknown): string {
  return { nil: '<nil>', map: 'map[string]interface {}', slice: '[]interface {}', string: 'string', int: 'int64', float: 'float64', bool: 'bool' }[kindOf(v)];
}

const sortedEntries = (m: object): [string, unknown][] => Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Go's `%#v` of a decoded JSON value, as kubectl shows the object in a jsonpath error. */
export function goSyntax(v: unknown): string {
  switch (kindOf(v)) {
    case 'nil':
      return 'interface {}(nil)';
    case 'map':
      return `map[string]interface {}{${sortedEntries(v as object).map(([k, x]) => `${JSON.stringify(k)}:${goSyntax(x)}`).join(', ')}}`;
    case 'slice':
      return `[]interface {}{${(v as unknown[]).map(goSyntax).join(', ')}}`;
    case 'string':
      return JSON.stringify(v);
    default:
      return String(v);
  }
}

/** Go's `fmt.Sprint` of a decoded JSON value: `map[a:1 b:[x y]]`, `<nil>`. */
export function goSprint(v: unknown): string {
  switch (kindOf(v)) {
    case 'nil':
      return '<nil>';
    case 'map':
      return `map[${sortedEntries(v as object).map(([k, x]) => `${k}:${goSprint(x)}`).join(' ')}]`;
    case 'slice':
      return `[${(v as unknown[]).map(goSprint).join(' ')}]`;
    default:
      return String(v);
  }
}

/** Go's json.Marshal (MarshalIndent with `indent`): map keys sorted, `<`, `>` and `&` escaped. */
export function goJson(v: unknown, indent?: number): string {
  const sorted = (x: unknown): unknown =>
    kindOf(x) === 'map' ? Object.fromEntries(sortedEntries(x as object).map(([k, y]) => [k, sorted(y)])) : Array.isArray(x) ? x.map(sorted) : x;
  return JSON.stringify(sorted(v) ?? null, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// ---- comparisons of text/template (eq, lt, …) ---------------------------------------------------

function compare(left: unknown, right: unknown, operator: string): boolean {
  const basic = (k: Kind): boolean => k === 'string' || k === 'int' || k === 'float' || k === 'bool';
  const [kl, kr] = [kindOf(left), kindOf(right)];
  if (!basic(kl) || !basic(kr)) throw new JsonPathError('invalid type for comparison');
  if (kl !== kr) throw new JsonPathError('incompatible types for comparison');
  const eq = left === right;
  if (operator === '==') return eq;
  if (operator === '!=') return !eq;
  if (kl === 'bool') throw new JsonPathError('invalid type for comparison');
  const lt = (left as number | string) < (right as number | string);
  switch (operator) {
    case '<':
      return lt;
    case '<=':
      return lt || eq;
    case '>':
      return !(lt || eq);
    case '>=':
      return !lt;
    default:
      throw new JsonPathError(`unrecognized filter operator ${operator}`);
  }
}

// ---- evaluation ---------------------------------------------------------------------------------

const children = (v: unknown): unknown[] => {
  const k = kindOf(v);
  if (k === 'map') return sortedEntries(v as object).map(([, x]) => x);
  if (k === 'slice') return v as unknown[];
  return [];
};

/** One evaluation of a template: client-go keeps the range bookkeeping on the JSONPath object. */
class Evaluation {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;

  constructor(private readonly allowMissingKeys: boolean) {}

  /** The results of each top-level piece of the template, ranges unrolled. */
  findResults(nodes: readonly Node[], data: unknown): unknown[][] {
    const full: unknown[][] = [];
    const cur = [data];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]!);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0) for (const value of results) full.push(...this.findResults(rest, value));
        else this.findResults(rest, null);
        this.inRange--;
        // Resume after the `{end}` this range stopped at (or at the end of the template).
        const endAt = nodes.indexOf(this.lastEndNode!, i + 1);
        if (endAt >= 0) i = endAt;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: unknown[], node: Node): unknown[] {
    switch (node.type) {
      case 'list':
        return node.nodes.reduce((values, n) => this.walk(values, n), input);
      case 'text':
        return [node.text];
      case 'int':
      case 'float':
      case 'bool':
        return [node.value];
      case 'field':
        return this.field(input, node.name);
      case 'array':
        return input.flatMap((v) => (kindOf(v) === 'nil' ? [] : slice(v, node.params)));
      case 'wildcard':
        return input.flatMap(children);
      case 'recursive':
        return recursive(input);
      case 'union':
        return node.lists.flatMap((list) => this.walk(input, list));
      case 'filter':
        return this.filter(input, node);
      case 'identifier':
        return this.identifier(input, node.name);
    }
  }

  private field(input: unknown[], name: string): unknown[] {
    if (input.length === 0) return [];
    const results = input.filter((v) => kindOf(v) === 'map' && Object.hasOwn(v as object, name)).map((v) => (v as Record<string, unknown>)[name]);
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private identifier(input: unknown[], name: string): unknown[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange === 0) throw new JsonPathError('not in range, nothing to end');
      this.endRange++;
      return [];
    }
    throw new JsonPathError(`unrecognized identifier ${name}`);
  }

  private filter(input: unknown[], node: Extract<Node, { type: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (kindOf(value) !== 'slice') throw new JsonPathError(`${goSprint(value)} is not array or slice and cannot be filtered`);
      for (const item of value as unknown[]) {
        if (node.operator === 'exists') {
          let lefts: unknown[] = [];
          try {
            lefts = this.walk([item], node.left);
          } catch (e) {
            if (!(e instanceof JsonPathError)) throw e;
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const lefts = this.walk([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(lefts[0], rights[0], node.operator)) results.push(item);
      }
    }
    return results;
  }
}

function slice(value: unknown, template: readonly Param[]): unknown[] {
  if (kindOf(value) !== 'slice') throw new JsonPathError(`${goTypeName(value)} is not array or slice`);
  const list = value as unknown[];
  const [start, end, step] = template.map((p) => ({ ...p })) as [Param, Param, Param];
  const length = list.length;
  if (!start.known) start.value = 0;
  if (start.value < 0) start.value += length;
  if (!end.known) end.value = length;
  if (end.value < 0 || (end.value === 0 && end.derived)) end.value += length;
  if (end.value === start.value) return [];
  if (start.value >= length || start.value < 0) throw new JsonPathError(`array index out of bounds: index ${start.value}, length ${length}`);
  if (end.value > length || end.value < 0) throw new JsonPathError(`array index out of bounds: index ${end.value - 1}, length ${length}`);
  if (start.value > end.value) throw new JsonPathError(`starting index ${start.value} is greater than ending index ${end.value}`);
  if (step.known && step.value <= 0) throw new JsonPathError('step must be > 0');
  const every = step.known ? step.value : 1;
  return list.slice(start.value, end.value).filter((_, i) => i % every === 0);
}

/** `..`: every non-empty map and list under the inputs, each before its contents. */
function recursive(input: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const value of input) {
    const inner = children(value);
    if (inner.length === 0) continue;
    out.push(value, ...recursive(inner));
  }
  return out;
}

export interface JsonPathOptions {
  /** kubectl's `--allow-missing-template-keys` (true by default). */
  allowMissingKeys: boolean;
}

/** The results of each piece of the template (custom-columns and --sort-by read these). */
export function findResults(path: JsonPath, data: unknown, options: JsonPathOptions): unknown[][] {
  return new Evaluation(options.allowMissingKeys).findResults(path.root.nodes, data);
}

/** The printed template: scalars as text (`null` for nil), maps and lists as compact JSON. */
export function executeJsonPath(path: JsonPath, data: unknown, options: JsonPathOptions): string {
  return findResults(path, data, options)
    .map((results) => results.map((r) => (kindOf(r) === 'map' || kindOf(r) === 'slice' ? goJson(r) : kindOf(r) === 'nil' ? 'null' : String(r))).join(' '))
    .join('');
}

/** `-o jsonpath-as-json`: every result in one indented JSON array. */
export function executeJsonPathAsJson(path: JsonPath, data: unknown, options: JsonPathOptions): string {
  return `${goJson(findResults(path, data, options).flat(), 4)}\n`;
}

/**
 * kubectl's jsonpath printer for `-o jsonpath=…` (and `-o jsonpath-as-json=…`): a template that
 * does not parse fails at once; one that fails on the object shows the template and the object.
 */
export function jsonPathPrinter(template: string, options: JsonPathOptions & { asJson: boolean }): (data: unknown) => string {
  let path: JsonPath;
  try {
    path = parseJsonPath(template);
  } catch (e) {
    if (e instanceof JsonPathError) throw new KubectlError(`error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
  return (data) => {
    try {
      return (options.asJson ? executeJsonPathAsJson : executeJsonPath)(path, data, options);
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      throw new KubectlError(
        `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n`
          + `\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n\n`,
      );
    }
  };
}
