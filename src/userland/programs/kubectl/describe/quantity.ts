/**
 * Just enough of apimachinery's resource.Quantity for node descriptions: parse `100m`, `70Mi`,
 * `16248904Ki`, `8`; add; print in canonical form (the largest suffix that keeps an integer).
 */
const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export interface Quantity {
  /** In base units (cores, bytes). */
  readonly value: number;
  readonly binary: boolean;
}

export const ZERO: Quantity = { value: 0, binary: false };

export function parseQuantity(text: string | number | undefined): Quantity {
  if (text === undefined) return ZERO;
  const m = /^([+-]?[0-9.]+)(e[+-]?\d+|[A-Za-z]*)$/.exec(String(text));
  if (!m) return ZERO;
  const [, number, suffix = ''] = m;
  if (suffix in BINARY) return { value: Number(number) * BINARY[suffix]!, binary: true };
  if (suffix.startsWith('e')) return { value: Number(`${number}${suffix}`), binary: false };
  return { value: Number(number) * (DECIMAL[suffix] ?? 1), binary: false };
}

/** The sum keeps the first non-zero operand's format, as Quantity.Add does. */
export const addQuantity = (a: Quantity, b: Quantity): Quantity => ({ value: a.value + b.value, binary: a.value !== 0 ? a.binary : b.binary });

export function formatQuantity(q: Quantity): string {
  if (q.value === 0) return '0';
  if (q.binary && Number.isInteger(q.value)) {
    for (const [suffix, factor] of Object.entries(BINARY).reverse()) if (q.value % factor === 0) return `${q.value / factor}${suffix}`;
    if (q.value < 1024) return String(q.value);
  }
  const milli = Math.round(q.value * 1000);
  if (milli % 1000 !== 0) return `${milli}m`;
  const whole = milli / 1000;
  for (const [suffix, factor] of [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (whole % factor === 0) return `${whole / factor}${suffix}`;
  }
  return String(whole);
}
