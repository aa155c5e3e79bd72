/**
 * Label selectors, as `kubectl get -l` sends them and as controllers hold them.
 *
 * The parser follows apimachinery's `labels.Parse` token by token so that a bad selector fails with
 * the same words a real apiserver uses (`unable to parse requirement: found 'b', expected: in,
 * notin, =, ==, !=, gt, lt`). Requirements are ANDed; `key`, `!key`, `=`/`==`/`!=`, `in (...)`,
 * `notin (...)` and the rarely used `gt`/`lt` are supported.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  /** Sorted and de-duplicated, as upstream keeps them. */
  values: string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** A parsed selector. `requirements` is sorted by key; an empty list matches everything. */
export interface Selector {
  readonly requirements: readonly Requirement[];
  matches(labels: Labels): boolean;
  /** True when it selects everything (no requirements). */
  readonly empty: boolean;
  /** The canonical text (`app=nginx,tier in (a,b)`), as kubectl prints selectors. */
  toString(): string;
}

export class SelectorParseError extends Error {}

const has = (labels: Labels, key: string): boolean => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(labels, r.key) && r.values.includes(labels![r.key]!);
    case 'notin':
    case '!=':
      return !has(labels, r.key) || !r.values.includes(labels![r.key]!);
    case 'exists':
      return has(labels, r.key);
    case '!':
      return !has(labels, r.key);
    case 'gt':
    case 'lt': {
      if (!has(labels, r.key)) return false;
      const actual = parseGoInt(labels![r.key]!);
      const wanted = parseGoInt(r.values[0] ?? '');
      if (actual === undefined || wanted === undefined) return false;
      return r.operator === 'gt' ? actual > wanted : actual < wanted;
    }
  }
}

const parseGoInt = (s: string): number | undefined => (/^[+-]?\d+$/.test(s) ? Number(s) : undefined);

function requirementText(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key}${r.operator}${r.values[0]}`;
  }
}

export function selectorOf(requirements: Requirement[]): Selector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    requirements: sorted,
    empty: sorted.length === 0,
    matches(labels) {
      for (const r of sorted) if (!requirementMatches(r, labels)) return false;
      return true;
    },
    toString: () => sorted.map(requirementText).join(','),
  };
}

export const EVERYTHING: Selector = selectorOf([]);

/** Matches nothing: what a nil `metav1.LabelSelector` means for a controller's pods. */
export const NOTHING: Selector = {
  requirements: [],
  empty: false,
  matches: () => false,
  toString: () => '',
};

// ---------------------------------------------------------------------------------------------
// Validation of keys and values (apimachinery `validation.IsQualifiedName`, `IsValidLabelValue`).

const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Each example is followed by `', '` and joined with ` or `: hence the double space upstream. */
function regexError(msg: string, re: string, ...examples: string[]): string {
  const eg = examples.length > 0 ? ` (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')` : ` (regex used for validation is '${re}')`;
  return msg + eg;
}

const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

export function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*',
        'example.com',
      ),
    );
  }
  return errs;
}

/** Problems with a label key (`app`, `app.kubernetes.io/name`); empty when valid. */
export function labelKeyErrors(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...dns1123SubdomainErrors(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME_RE.test(name)) errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** Problems with a label value (may be empty); empty when valid. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?',
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

const quote = (s: string): string => JSON.stringify(s);
const goStringSlice = (vals: string[]): string => `[]string{${vals.map(quote).join(', ')}}`;

/** Checks a requirement as `labels.NewRequirement` does; returns the aggregate error text or undefined. */
function requirementError(key: string, op: Operator, values: string[]): string | undefined {
  const errs: string[] = [];
  const keyErrs = labelKeyErrors(key);
  const keyPath = 'key';
  const valuesPath = 'values';
  if (keyErrs.length > 0) errs.push(`${keyPath}: Invalid value: ${quote(key)}: ${keyErrs.join('; ')}`);
  if ((op === 'in' || op === 'notin') && values.length === 0) {
    errs.push(`${valuesPath}: Invalid value: ${goStringSlice(values)}: for 'in', 'notin' operators, values set can't be empty`);
  }
  if ((op === '=' || op === '==' || op === '!=') && values.length !== 1) {
    errs.push(`${valuesPath}: Invalid value: ${goStringSlice(values)}: exact-match compatibility requires one single value`);
  }
  if ((op === 'exists' || op === '!') && values.length !== 0) {
    errs.push(`${valuesPath}: Invalid value: ${goStringSlice(values)}: values set must be empty for exists and does not exist`);
  }
  if (op === 'gt' || op === 'lt') {
    if (values.length !== 1) errs.push(`${valuesPath}: Invalid value: ${goStringSlice(values)}: for 'Gt', 'Lt' operators, exactly one value is required`);
    values.forEach((v, i) => {
      if (parseGoInt(v) === undefined) errs.push(`${valuesPath}[${i}]: Invalid value: ${quote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
    });
  }
  values.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length > 0) errs.push(`${valuesPath}[${i}][${key}]: Invalid value: ${quote(v)}: ${valueErrs.join('; ')}`);
  });
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// The string syntax: a lexer and a recursive-descent parser with upstream's error texts.

type Tok = 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'in' | '<' | '!=' | 'notin' | '(' | 'id';

const KEYWORDS: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch);

interface Item {
  tok: Tok;
  lit: string;
}

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos]!)) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'end', lit: '' });
      return items;
    }
    if (isSpecial(s[pos]!)) {
      // Longest run of special characters that is still a known operator (`!=`, `==`).
      let buffer = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos]!)) {
        buffer += s[pos];
        const tok = KEYWORDS[buffer];
        if (tok) {
          last = { tok, lit: buffer };
          pos++;
        } else if (last) break;
        else pos++;
      }
      // Every single special character is a token, so `last` is always set here.
      items.push(last ?? { tok: 'id', lit: buffer });
    } else {
      let buffer = '';
      while (pos < s.length && !isSpecial(s[pos]!) && !isWhitespace(s[pos]!)) buffer += s[pos++];
      const tok = Object.prototype.hasOwnProperty.call(KEYWORDS, buffer) ? KEYWORDS[buffer]! : 'id';
      items.push({ tok, lit: buffer });
    }
  }
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  /** In a value position, `in` and `notin` are ordinary identifiers (`env in (in)`). */
  private look(asValue: boolean): Item {
    const it = this.items[this.position]!;
    return asValue && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  private next(asValue: boolean): Item {
    const it = this.look(asValue);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === 'end') return requirements;
      if (tok !== 'id' && tok !== '!') throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        requirements.push(this.requirement());
      } catch (e) {
        if (e instanceof SelectorParseError) throw new SelectorParseError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const after = this.next(true);
      if (after.tok === 'end') return requirements;
      if (after.tok !== ',') throw new SelectorParseError(`found '${after.lit}', expected: ',' or 'end of string'`);
      const following = this.look(true);
      if (following.tok !== 'id' && following.tok !== '!') {
        throw new SelectorParseError(`found '${following.lit}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): Requirement {
    let operator: Operator | undefined;
    let { tok, lit } = this.next(true);
    if (tok === '!') {
      operator = '!';
      ({ tok, lit } = this.next(true));
    }
    if (tok !== 'id') throw new SelectorParseError(`found '${lit}', expected: identifier`);
    const key = lit;
    const keyErrs = labelKeyErrors(key);
    if (keyErrs.length > 0) throw new SelectorParseError(`<nil>: Invalid value: ${quote(key)}: ${keyErrs.join('; ')}`);
    const ahead = this.look(true).tok;
    if (ahead === 'end' || ahead === ',') operator ??= 'exists';
    if (operator === 'exists' || operator === '!') return this.build(key, operator, []);

    const op = this.next(false);
    let binary: Operator;
    switch (op.tok) {
      case 'in':
      case 'notin':
      case '=':
      case '==':
      case '!=':
        binary = op.tok;
        break;
      case '>':
        binary = 'gt';
        break;
      case '<':
        binary = 'lt';
        break;
      default:
        throw new SelectorParseError(`found '${op.lit}', expected: ${BINARY_OPERATORS}`);
    }
    const values = binary === 'in' || binary === 'notin' ? this.valueSet() : this.exactValue();
    return this.build(key, binary, [...new Set(values)].sort());
  }

  private build(key: string, operator: Operator, values: string[]): Requirement {
    const err = requirementError(key, operator, values);
    if (err) throw new SelectorParseError(err);
    return { key, operator, values };
  }

  private valueSet(): string[] {
    const open = this.next(true);
    if (open.tok !== '(') throw new SelectorParseError(`found '${open.lit}' expected: '('`);
    const first = this.look(true);
    if (first.tok === ')') {
      this.next(true);
      return [''];
    }
    if (first.tok !== 'id' && first.tok !== ',') throw new SelectorParseError(`found '${first.lit}', expected: ',', ')' or identifier`);
    const values = this.identifierList();
    if (this.next(true).tok !== ')') throw new SelectorParseError(`found '${first.lit}', expected: ')'`);
    return values;
  }

  /** `(a,b)`, `(,a)`, `(a,)`, `(a,,b)`: empty entries are the empty string, as upstream. */
  private identifierList(): string[] {
    const values = new Set<string>();
    for (;;) {
      const { tok, lit } = this.next(true);
      if (tok === 'id') {
        values.add(lit);
        const ahead = this.look(true);
        if (ahead.tok === ',') continue;
        if (ahead.tok === ')') return [...values];
        throw new SelectorParseError(`found '${ahead.lit}', expected: ',' or ')'`);
      }
      if (tok === ',') {
        if (values.size === 0) values.add('');
        const ahead = this.look(true).tok;
        if (ahead === ')') {
          values.add('');
          return [...values];
        }
        if (ahead === ',') values.add('');
        continue;
      }
      throw new SelectorParseError(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private exactValue(): string[] {
    const ahead = this.look(true).tok;
    if (ahead === 'end' || ahead === ',') return [''];
    const { tok, lit } = this.next(true);
    if (tok === 'id') return [lit];
    throw new SelectorParseError(`found '${lit}', expected: identifier`);
  }
}

/**
 * Parses `app=nginx,tier!=db`, `env in (a,b)`, `!canary`. Throws SelectorParseError with the
 * upstream message; the apiserver turns it into a 400 BadRequest.
 */
export function parseLabelSelector(text: string): Selector {
  return selectorOf(new Parser(lex(text)).parse());
}

/** Like parseLabelSelector but returns the error message instead of throwing. */
export function tryParseLabelSelector(text: string): Selector | string {
  try {
    return parseLabelSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) return e.message;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// metav1.LabelSelector (matchLabels + matchExpressions), as Deployments and Services hold them.

export class LabelSelectorError extends Error {}

/**
 * Converts a `metav1.LabelSelector` into a matcher, like `metav1.LabelSelectorAsSelector`:
 * `undefined`/null selects nothing, `{}` selects everything. Throws LabelSelectorError for an
 * unknown operator or a bad key/value (validation normally rejects those on write).
 */
export function labelSelectorAsSelector(selector: LabelSelector | null | undefined): Selector {
  if (selector === undefined || selector === null) return NOTHING;
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const err = requirementError(key, '=', [value]);
    if (err) throw new LabelSelectorError(err);
    requirements.push({ key, operator: '=', values: [value] });
  }
  for (const expr of selector.matchExpressions ?? []) {
    let op: Operator;
    switch (expr.operator) {
      case 'In':
        op = 'in';
        break;
      case 'NotIn':
        op = 'notin';
        break;
      case 'Exists':
        op = 'exists';
        break;
      case 'DoesNotExist':
        op = '!';
        break;
      default:
        throw new LabelSelectorError(`${quote(expr.operator)} is not a valid label selector operator`);
    }
    const values = [...new Set(expr.values ?? [])].sort();
    const err = requirementError(expr.key, op, values);
    if (err) throw new LabelSelectorError(err);
    requirements.push({ key: expr.key, operator: op, values });
  }
  return selectorOf(requirements);
}

/** `matchLabels` only, as a Service's `spec.selector` or an RC's selector: empty map selects everything. */
export function selectorFromSet(set: Readonly<Record<string, string>> | undefined): Selector {
  return selectorOf(Object.entries(set ?? {}).map(([key, value]) => ({ key, operator: '=' as const, values: [value] })));
}

/** `metav1.FormatLabelSelector`: the text kubectl shows in SELECTOR columns (`<none>` when empty). */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  if (selector === undefined || selector === null) return '<none>';
  try {
    const text = labelSelectorAsSelector(selector).toString();
    return text.length === 0 ? '<none>' : text;
  } catch {
    return '<error>';
  }
}

/**
 * For index lookups: a label key and the values it must have when the selector pins it with
 * `=`, `==` or `in`. The store starts from those objects instead of scanning every one.
 */
export function pinnedLabel(selector: Selector): { key: string; values: readonly string[] } | undefined {
  let best: Requirement | undefined;
  for (const r of selector.requirements) {
    if (r.operator === '=' || r.operator === '==' || r.operator === 'in') {
      if (!best || r.values.length < best.values.length) best = r;
    }
  }
  return best ? { key: best.key, values: best.values } : undefined;
}
