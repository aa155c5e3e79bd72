/**
 * Just enough of apimachinery's resource.Quantity for node descriptions: parse `100m`, `70Mi`,
 * `16248904Ki`, `8`; add; print in canonical form (the largest suffix that keeps an integer).
 * Parsing is the scheduler's; this adds whether the text used a binary suffix, which printing keeps.
 */
import { BINARY, parseQuantity as parseBaseUnits } from '../../../../engine/scheduler/quantity';
export interface Quantity {
  /** In base units (cores, bytes). */
  readonly value: number;
  readonly binary: boolean;
}

export const ZERO: Quantity = { value: 0, binary: false };

export function parseQuantity(text: string | number | undefined): Quantity {
  const value = parseBaseUnits(text);
  return value === undefined ? ZERO : { value, binary: typeof text === 'string' && /[KMGTPE]i$/.test(text.trim()) };
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
