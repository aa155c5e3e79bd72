import { describe, expect, it } from 'vitest';
import { formatEcho } from './echo';

describe('formatEcho', () => {
  it.each([
    [[], '\n'],
    [['hello', 'world'], 'hello world\n'],
    [['-n', 'no newline'], 'no newline'],
    [['-n'], ''],
    [['-x', 'y'], '-x y\n'],
    [['-e', 'a\\tb\\nc'], 'a\tb\nc\n'],
    [['a\\tb'], 'a\\tb\n'],
    [['-ne', 'a\\n'], 'a\n'],
    [['-en', 'a\\n'], 'a\n'],
    [['-e', '-n', 'x'], 'x'],
    [['-eE', 'a\\tb'], 'a\\tb\n'],
    [['-e', 'one\\ctwo'], 'one'],
    [['-e', '\\0101\\x42\\q\\\\'], 'AB\\q\\\n'],
    [['-e', 'end\\'], 'end\\\n'],
    [['--', 'x'], '-- x\n'],
    [['-n', '-e', 'Home Page'], 'Home Page'],
  ])('echo %j', (args, out) => {
    expect(formatEcho(args)).toBe(out);
  });

  it('busybox takes octal without the leading zero, GNU does not; GNU takes \\u', () => {
    expect(formatEcho(['-e', '\\101'], 'busybox')).toBe('A\n');
    expect(formatEcho(['-e', '\\101'], 'gnu')).toBe('\\101\n');
    expect(formatEcho(['-e', '\\u263a'], 'gnu')).toBe('\u263a\n');
    expect(formatEcho(['-e', '\\u263a'], 'busybox')).toBe('\\u263a\n');
  });
});
