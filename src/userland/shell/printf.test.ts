import { describe, expect, test } from 'vitest';
import { formatPrintf } from './printf';

describe('printf', () => {
  test.each([
    ['%s\\n', ['a'], 'a\n'],
    ['%s-%s\\n', ['a', 'b', 'c'], 'a-b\nc-\n'],
    ['%5s|%-5s|%.2s\\n', ['ab', 'cd', 'xyz'], '   ab|cd   |xy\n'],
    ['%d %i %+d % d %05d %-4d|\\n', ['42', '-7', '3', '3', '-12', '9'], '42 -7 +3  3 -0012 9   |\n'],
    ['%x %X %o %#x %#o %u\\n', ['255', '255', '8', '255', '8', '-1'], 'ff FF 10 0xff 010 18446744073709551615\n'],
    ['%c%c\\n', ['hello', 'world'], 'hw\n'],
    ['%f %.2f %e %g %g\\n', ['1.5', '3.14159', '12345.678', '0.0001', '1e10'], '1.500000 3.14 1.234568e+04 0.0001 1e+10\n'],
    ['%b|%s\\n', ['a\\tb', 'a\\tb'], 'a\tb|a\\tb\n'],
    ['%b after\\n', ['stop\\chere'], 'stop'],
    ['%*d|%-*d|\\n', ['4', '7', '3', '8'], '   7|8  |\n'],
    ['100%%\\n', [], '100%\n'],
    ['\\101\\x42\\t"\\n', [], 'AB\t"\n'],
    ["%d %d\\n", ["'A", '0x10'], '65 16\n'],
    ['%d\\n', [], '0\n'],
    ['no conversions\\n', ['ignored'], 'no conversions\n'],
  ] as const)('printf %j %j', (format, args, expected) => {
    expect(formatPrintf(format, args, 'busybox')).toEqual({ text: expected, errors: [] });
  });

  test('bad numbers print as much as they can and complain in each flavour', () => {
    expect(formatPrintf('%d|%d\\n', ['abc', '12x'], 'busybox')).toEqual({ text: '0|12\n', errors: ["invalid number 'abc'", "invalid number '12x'"] });
    expect(formatPrintf('%d\\n', ['abc'], 'gnu').errors).toEqual(['abc: invalid number']);
  });
});
