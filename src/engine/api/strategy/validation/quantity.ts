/**
 * Resource quantities (`500m`, `1Gi`, `2`, `1e3`) parsed exactly, so that validation can compare a
 * request with a limit and print a quantity the way the apiserver does (its canonical form:
 * `0.5` → `500m`, `1024Mi` → `1Gi`).
 *
 * A value is kept as a BigInt count of milli-units (the finest precision Kubernetes keeps; finer
 * input is rounded up, as upstream does).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value times 1000, rounded up (away from zero for negatives, as upstream's ceiling). */
  milli: bigint;
  format: QuantityFormat;
}

export const QUANTITY_REGEX_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`;

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Divides rounding towards +infinity (the direction upstream rounds sub-milli precision). */
function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/** Parses a quantity written as a string or a bare JSON number; undefined when malformed. */
export function parseQuantity(input: unknown): Quantity | undefined {
  const text = typeof input === 'number' && Number.isFinite(input) ? String(input) : input;
  if (typeof text !== 'string') return undefined;
  const m = /^([+-]?)([0-9]+\.?[0-9]*|\.[0-9]+)(.*)$/.exec(text.trim() === text ? text : '');
  if (!m) return undefined;
  const [, sign, num, suffix] = m as unknown as [string, string, string, string];
  const [intPart = '', fracPart = ''] = num.split('.');
  const digits = BigInt((intPart + fracPart) || '0');
  const fracLen = fracPart.length;
  let format: QuantityFormat;
  let milli: bigint;
  if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    milli = ceilDiv(digits * 2n ** BigInt(BINARY_SUFFIX[suffix]!) * 1000n, pow10(fracLen));
  } else {
    let exp: number;
    if (suffix in DECIMAL_SUFFIX) {
      format = 'DecimalSI';
      exp = DECIMAL_SUFFIX[suffix]!;
    } else if (/^[eE][+-]?[0-9]+$/.test(suffix)) {
      format = 'DecimalExponent';
      exp = Number(suffix.slice(1));
    } else {
      return undefined;
    }
    const scale = exp + 3 - fracLen;
    milli = scale >= 0 ? digits * pow10(scale) : ceilDiv(digits, pow10(-scale));
  }
  return { milli: sign === '-' ? -milli : milli, format };
}

export const compareQuantity = (a: Quantity, b: Quantity): number => (a.milli < b.milli ? -1 : a.milli > b.milli ? 1 : 0);

/** The canonical text the apiserver prints (and stores) for a quantity. */
export function formatQuantity(q: Quantity): string {
  const negative = q.milli < 0n;
  const abs = negative ? -q.milli : q.milli;
  const sign = negative ? '-' : '';
  if (abs === 0n) return '0';
  // Binary suffixes only for whole numbers; fractions fall back to decimal, as upstream.
  if (q.format === 'BinarySI' && abs % 1000n === 0n) {
    const whole = abs / 1000n;
    if (whole < 1024n) return `${sign}${whole}`;
    let exp = 0;
    let v = whole;
    while (exp < 60 && v % 1024n === 0n) {
      v /= 1024n;
      exp += 10;
    }
    const suffix = Object.keys(BINARY_SUFFIX).find((k) => BINARY_SUFFIX[k] === exp) ?? '';
    return `${sign}${v}${suffix}`;
  }
  // Largest multiple-of-3 exponent that keeps the mantissa whole.
  let exp = -3;
  let v = abs;
  while (exp < 18 && v % 1000n === 0n) {
    v /= 1000n;
    exp += 3;
  }
  if (q.format === 'DecimalExponent') return exp === 0 ? `${sign}${v}` : `${sign}${v}e${exp}`;
  const suffix = Object.keys(DECIMAL_SUFFIX).find((k) => DECIMAL_SUFFIX[k] === exp) ?? '';
  return `${sign}${v}${suffix}`;
}
