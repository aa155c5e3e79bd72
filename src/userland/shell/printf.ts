// `printf FORMAT [ARG]...` as the shells' builtin: C conversions (%s %b %c %d %i %o %u %x %X %e %f
// %g), flags, width and precision (also `*`), backslash escapes in the format, and the format
// reused while arguments remain. Pure: returns the text and any complaints about bad numbers.
import { expandEscapes } from '../lib/echo';
import type { Flavour } from '../lib/flavour';

export interface PrintfResult {
  readonly text: string;
  /** Messages after the `printf: ` prefix, e.g. `invalid number 'abc'`. */
  readonly errors: readonly string[];
}

const FORMAT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', "'": "'",
};

interface Spec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conversion: string;
}

export function formatPrintf(format: string, args: readonly string[], flavour: Flavour): PrintfResult {
  const errors: string[] = [];
  let out = '';
  let next = 0;
  const take = (): string | undefined => (next < args.length ? args[next++] : undefined);
  const number = (arg: string | undefined): bigint => {
    const parsed = parseInteger(arg ?? '');
    if (!parsed.ok) errors.push(flavour === 'gnu' ? `${arg}: invalid number` : `invalid number '${arg}'`);
    return parsed.value;
  };

  for (;;) {
    const start = next;
    let i = 0;
    while (i < format.length) {
      const c = format[i]!;
      if (c === '\\') {
        const escape = formatEscape(format, i);
        out += escape.text;
        i = escape.end;
        continue;
      }
      if (c !== '%') {
        out += c;
        i++;
        continue;
      }
      if (format[i + 1] === '%') {
        out += '%';
        i += 2;
        continue;
      }
      const spec = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXeEfFgGcsb])/.exec(format.slice(i));
      if (spec === null) {
        // An incomplete conversion is printed as it stands.
        out += c;
        i++;
        continue;
      }
      i += spec[0].length;
      const width = spec[2] === '*' ? Number(number(take())) : spec[2] === undefined ? undefined : Number(spec[2]);
      const precision = spec[3] === undefined ? undefined : spec[3] === '*' ? Number(number(take())) : Number(spec[3] || '0');
      const s: Spec = { flags: spec[1]!, width, precision, conversion: spec[4]! };
      if (s.width !== undefined && s.width < 0) {
        s.flags += '-';
        s.width = -s.width;
      }
      const converted = convert(s, take, number);
      out += converted.text;
      if (converted.stop) return { text: out, errors };
    }
    // Reuse the format while arguments remain, but only if it consumed any.
    if (next >= args.length || next === start) break;
  }
  return { text: out, errors };
}

function formatEscape(format: string, i: number): { text: string; end: number } {
  const next = format[i + 1];
  if (next === undefined) return { text: '\\', end: i + 1 };
  if (next in FORMAT_ESCAPES) return { text: FORMAT_ESCAPES[next]!, end: i + 2 };
  const octal = /^[0-7]{1,3}/.exec(format.slice(i + 1, i + 4));
  if (octal) return { text: String.fromCharCode(parseInt(octal[0], 8) & 0xff), end: i + 1 + octal[0].length };
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(format.slice(i + 1, i + 4));
  if (hex) return { text: String.fromCharCode(parseInt(hex[1]!, 16)), end: i + 1 + hex[0].length };
  return { text: '\\' + next, end: i + 2 };
}

/** strtol-like: decimal, 0x hex, 0 octal, or 'c for a character's code. */
function parseInteger(text: string): { ok: boolean; value: bigint } {
  const t = text.trim();
  if (t === '') return { ok: true, value: 0n };
  if (t.startsWith("'") || t.startsWith('"')) return { ok: true, value: BigInt(t.codePointAt(1) ?? 0) };
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(t);
  if (m === null) return { ok: false, value: 0n };
  const digits = m[2]!;
  let value = /^0[xX]/.test(digits) ? BigInt(digits) : digits.startsWith('0') && digits.length > 1 ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
  if (m[1] === '-') value = -value;
  return { ok: m[0].length === t.length, value: BigInt.asIntN(64, value) };
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  if (text.length >= width) return text;
  if (spec.flags.includes('-')) return text.padEnd(width);
  if (numeric && spec.flags.includes('0') && spec.precision === undefined) {
    const sign = /^[+\- ]|^0[xX]/.exec(text)?.[0] ?? '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

function convert(spec: Spec, take: () => string | undefined, number: (arg: string | undefined) => bigint): { text: string; stop?: boolean } {
  switch (spec.conversion) {
    case 's': {
      let text = take() ?? '';
      if (spec.precision !== undefined) text = text.slice(0, spec.precision);
      return { text: pad(text, spec, false) };
    }
    case 'b': {
      const expanded = expandEscapes(take() ?? '', 'gnu');
      let text = expanded.text;
      if (spec.precision !== undefined) text = text.slice(0, spec.precision);
      return { text: pad(text, spec, false), stop: expanded.stopped };
    }
    case 'c':
      return { text: pad((take() ?? '').slice(0, 1), spec, false) };
    case 'd':
    case 'i': {
      const value = number(take());
      let digits = (value < 0n ? -value : value).toString();
      if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
      const sign = value < 0n ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
      return { text: pad(sign + digits, spec, true) };
    }
    case 'o':
    case 'u':
    case 'x':
    case 'X': {
      const value = BigInt.asUintN(64, number(take()));
      const base = spec.conversion === 'o' ? 8 : spec.conversion === 'u' ? 10 : 16;
      let digits = value.toString(base);
      if (spec.conversion === 'X') digits = digits.toUpperCase();
      if (spec.precision !== undefined) digits = digits.padStart(spec.precision, '0');
      if (spec.flags.includes('#') && value !== 0n) {
        if (spec.conversion === 'o' && !digits.startsWith('0')) digits = '0' + digits;
        if (spec.conversion === 'x') digits = '0x' + digits;
        if (spec.conversion === 'X') digits = '0X' + digits;
      }
      return { text: pad(digits, spec, true) };
    }
    default: {
      const arg = take() ?? '0';
      const value = Number(arg.trim() === '' ? 0 : arg);
      const precision = spec.precision ?? 6;
      let text: string;
      const c = spec.conversion.toLowerCase();
      if (!Number.isFinite(value)) text = Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
      else if (c === 'f') text = value.toFixed(precision);
      else if (c === 'e') text = cExponent(value.toExponential(precision));
      else text = shortestG(value, precision === 0 ? 1 : precision);
      if (spec.conversion === 'E' || spec.conversion === 'G' || spec.conversion === 'F') text = text.toUpperCase();
      if (value >= 0 && spec.flags.includes('+')) text = '+' + text;
      return { text: pad(text, spec, true) };
    }
  }
}

/** JavaScript writes `1.5e+0`; C writes `1.5e+00`. */
function cExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** %g: %e or %f, whichever is shorter for the precision, without trailing zeros. */
function shortestG(value: number, precision: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= precision) {
    return cExponent(value.toExponential(precision - 1).replace(/\.?0+e/, 'e'));
  }
  const fixed = value.toFixed(Math.max(0, precision - 1 - exponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
