/**
 * awk's values: numbers, strings, and "strnums" — text from input (fields, -v, ENVIRON) that
 * compares as a number when it looks like one. Undefined is the uninitialized value ("" and 0).
 */

export class StrNum {
  constructor(readonly text: string) {}
}

export type Value = number | string | StrNum | undefined;

const LEADING_NUMBER = /^[ \t\n]*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/;
const WHOLE_NUMBER = /^[ \t\n]*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[ \t\n]*$/;

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (v === undefined) return 0;
  const m = LEADING_NUMBER.exec(typeof v === 'string' ? v : v.text);
  return m ? Number(m[0]) : 0;
}

/** Numbers print as integers when they are whole, else through CONVFMT/OFMT (`%.6g`). */
export function toText(v: Value, format = '%.6g'): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  if (v instanceof StrNum) return v.text;
  if (Number.isInteger(v)) return String(v);
  if (Number.isNaN(v)) return v < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(v)) return v < 0 ? '-inf' : 'inf';
  return sprintf(format, [v]);
}

export function toBool(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v === undefined) return false;
  if (typeof v === 'string') return v !== '';
  return looksNumeric(v) ? toNumber(v) !== 0 : v.text !== '';
}

const looksNumeric = (v: StrNum): boolean => WHOLE_NUMBER.test(v.text);

/** Numeric when both sides are numbers (or strnums that look like numbers, or unset); else as text. */
export function compare(a: Value, b: Value): number {
  const numeric = (v: Value): boolean => typeof v === 'number' || v === undefined || (v instanceof StrNum && looksNumeric(v));
  if (numeric(a) && numeric(b)) {
    const [x, y] = [toNumber(a), toNumber(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const [x, y] = [toText(a), toText(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function pad(text: string, width: number, left: boolean, zero: boolean): string {
  if (text.length >= width) return text;
  if (left) return text.padEnd(width);
  if (zero) {
    const sign = /^[-+ ]/.test(text) ? text[0]! : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

/** C's exponent has at least two digits: 1.5e+00. */
const cExponent = (text: string): string => text.replace(/e([+-])(\d)$/, 'e$10$2');

function formatG(value: number, precision: number, alternate: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (value === 0) return alternate ? (0).toFixed(p - 1) : '0';
  const exponent = Number(value.toExponential(p - 1).split('e')[1]);
  let text = exponent < -4 || exponent >= p ? cExponent(value.toExponential(p - 1)) : value.toFixed(Math.max(0, p - 1 - exponent));
  if (!alternate) text = text.includes('e') ? text.replace(/\.?0+e/, 'e') : text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return text;
}

/** awk's printf formatting: %c %d %i %o %x %X %u %e %E %f %F %g %G %s %%, flags, width, precision, `*`. */
export function sprintf(format: string, args: readonly Value[]): string {
  let next = 0;
  const take = (): Value => args[next++];
  return format.replace(/%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([cdiouxXeEfFgGs%])/g, (_whole, flags: string, w?: string, p?: string, conv?: string) => {
    if (conv === '%') return '%';
    let width = w === '*' ? Math.trunc(toNumber(take())) : w === undefined ? 0 : Number(w);
    let left = flags.includes('-');
    if (width < 0) {
      left = true;
      width = -width;
    }
    const precision = p === undefined ? undefined : p === '*' ? Math.trunc(toNumber(take())) : Number(p || '0');
    const zero = flags.includes('0') && !left;
    const value = take();
    const sign = (n: number): string => (n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '');
    switch (conv) {
      case 'c': {
        const ch = typeof value === 'number' ? String.fromCodePoint(Math.trunc(value)) : toText(value).slice(0, 1);
        return pad(ch, width, left, false);
      }
      case 's': {
        const text = toText(value);
        return pad(precision === undefined ? text : text.slice(0, precision), width, left, false);
      }
      case 'd':
      case 'i': {
        const n = Math.trunc(toNumber(value));
        let digits = String(Math.abs(n));
        if (precision !== undefined) digits = precision === 0 && n === 0 ? '' : digits.padStart(precision, '0');
        return pad(sign(n) + digits, width, left, zero && precision === undefined);
      }
      case 'o':
      case 'u':
      case 'x':
      case 'X': {
        const n = Math.trunc(toNumber(value));
        const unsigned = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n);
        let digits = unsigned.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
        if (conv === 'X') digits = digits.toUpperCase();
        if (precision !== undefined) digits = digits.padStart(precision, '0');
        if (flags.includes('#') && n !== 0) digits = conv === 'o' ? `0${digits}` : conv === 'x' ? `0x${digits}` : conv === 'X' ? `0X${digits}` : digits;
        return pad(digits, width, left, zero && precision === undefined);
      }
      default: {
        const n = toNumber(value);
        const digits = precision ?? 6;
        let text: string;
        if (!Number.isFinite(n)) text = Number.isNaN(n) ? 'nan' : 'inf';
        else if (conv === 'f' || conv === 'F') text = Math.abs(n).toFixed(digits);
        else if (conv === 'e' || conv === 'E') text = cExponent(Math.abs(n).toExponential(digits));
        else text = formatG(Math.abs(n), digits, flags.includes('#'));
        if (conv === 'E' || conv === 'G' || conv === 'F') text = text.toUpperCase();
        return pad(sign(n) + text, width, left, zero && Number.isFinite(n));
      }
    }
  });
}
