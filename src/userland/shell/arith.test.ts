import { describe, expect, test } from 'vitest';
import { ArithError, evaluateArithmetic } from './arith';

function run(expression: string, initial: Record<string, string> = {}) {
  const vars = new Map(Object.entries(initial));
  const value = evaluateArithmetic(expression, { get: (n) => vars.get(n), set: (n, v) => void vars.set(n, v) });
  return { value: String(value), vars: Object.fromEntries(vars) };
}

describe('arithmetic', () => {
  test.each([
    ['1 + 2 * 3', '7'],
    ['(1 + 2) * 3', '9'],
    ['7 / 2', '3'],
    ['-7 / 2', '-3'],
    ['-7 % 3', '-1'],
    ['2 ** 10', '1024'],
    ['-2 ** 2', '4'],
    ['1 << 4 | 1', '17'],
    ['5 > 3 && 2 > 1', '1'],
    ['0 || 0', '0'],
    ['!5', '0'],
    ['~0', '-1'],
    ['1 ? 10 : 20', '10'],
    ['0 ? 10 : 20', '20'],
    ['0x1f + 010 + 2#101', '44'],
    ['9223372036854775807 + 1', '-9223372036854775808'],
    ['', '0'],
    ['1, 2, 3', '3'],
    ['3 == 3', '1'],
    ['3 != 3', '0'],
  ])('%s = %s', (expression, expected) => {
    expect(run(expression).value).toBe(expected);
  });

  test('variables: unset is 0, values may be expressions, assignments and ++ write back', () => {
    expect(run('x + 1').value).toBe('1');
    expect(run('y * 2', { y: '3 + 4' }).value).toBe('14');
    expect(run('i++', { i: '5' })).toEqual({ value: '5', vars: { i: '6' } });
    expect(run('++i', { i: '5' })).toEqual({ value: '6', vars: { i: '6' } });
    expect(run('i += 10', { i: '5' })).toEqual({ value: '15', vars: { i: '15' } });
    expect(run('a = b = 2')).toEqual({ value: '2', vars: { a: '2', b: '2' } });
  });

  test('short-circuit operators skip the side they do not need', () => {
    expect(run('0 && (y = 1)').vars).toEqual({});
    expect(run('1 || (y = 1)').vars).toEqual({});
    expect(run('1 ? (a = 1) : (b = 2)').vars).toEqual({ a: '1' });
  });

  test.each([
    ['1 +', 'syntax'],
    ['1 / 0', 'divide-by-zero'],
    ['5 % 0', 'divide-by-zero'],
    ['2 ** -1', 'negative-exponent'],
    ['08', 'syntax'],
    ['(1', 'syntax'],
    ['1 $ 2', 'syntax'],
  ])('%s fails with %s', (expression, kind) => {
    expect(() => run(expression)).toThrow(ArithError);
    try {
      run(expression);
    } catch (e) {
      expect((e as ArithError).kind).toBe(kind);
    }
  });

  test('self-referencing variables stop instead of overflowing the stack', () => {
    expect(() => run('x', { x: 'x + 1' })).toThrow(ArithError);
  });
});
