import { describe, expect, it } from 'vitest';
import { runTool, toolBox } from './testkit';

describe('true, false, echo, test, [', () => {
  const files = { '/tmp/healthy': 'ok' };
  it.each([
    [['true', 'ignored'], '', '', 0],
    [['false'], '', '', 1],
    [['echo', 'Home', 'Page'], 'Home Page\n', '', 0],
    [['echo', '-n', 'x'], 'x', '', 0],
    [['echo', '-e', 'a\\tb'], 'a\tb\n', '', 0],
    [['test', '-e', '/tmp/healthy'], '', '', 0],
    [['test', '-e', '/tmp/gone'], '', '', 1],
    [['[', '-e', '/tmp/healthy', ']'], '', '', 0],
    [['[', '-e', '/tmp/healthy'], '', '[: missing ]\n', 2],
    [['/bin/[', 'x', '-eq', '1', ']'], '', '[: x: bad number\n', 2],
    [['test', '1', '2'], '', 'test: 2: unknown operand\n', 2],
  ])('%j', (argv, stdout, stderr, code) => {
    expect(runTool(toolBox({ files }), argv)).toEqual({ stdout, stderr, code });
  });
});
