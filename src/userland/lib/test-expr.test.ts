import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildImageLayer, createContainerFs } from '../../engine/runtime/fs';
import { evaluateTest } from './test-expr';

const fs = createContainerFs({
  image: buildImageLayer({
    '/tmp/healthy': 'ok',
    '/tmp/empty': '',
    '/tmp/dir': { dir: true },
    '/tmp/link': { symlink: '/tmp/healthy' },
    '/bin/tool': { file: '\x7fELF', mode: 0o755 },
    '/etc/secret': { file: 's', mode: 0o600, uid: 1000 },
  }),
});

/** [args, status, busybox message] */
const cases: [string[], number, string?][] = [
  [[], 1],
  [[''], 1],
  [['x'], 0],
  [['-e', '/tmp/healthy'], 0],
  [['-e', '/tmp/missing'], 1],
  [['!', '-e', '/tmp/missing'], 0],
  [['-f', '/tmp/healthy'], 0],
  [['-f', '/tmp/dir'], 1],
  [['-d', '/tmp/dir'], 0],
  [['-s', '/tmp/empty'], 1],
  [['-s', '/tmp/healthy'], 0],
  [['-h', '/tmp/link'], 0],
  [['-L', '/tmp/healthy'], 1],
  [['-x', '/bin/tool'], 0],
  [['-x', '/tmp/healthy'], 1],
  [['-r', '/etc/secret'], 0],
  [['-w', '/etc/secret'], 0],
  [['-z', ''], 0],
  [['-n', ''], 1],
  [['-n'], 0],
  [['a', '=', 'a'], 0],
  [['a', '==', 'b'], 1],
  [['a', '!=', 'b'], 0],
  [['(', '=', '('], 0],
  [['3', '-lt', '10'], 0],
  [['3', '-gt', '10'], 1],
  [[' 7 ', '-eq', '7'], 0],
  [['-1', '-le', '-1'], 0],
  [['2', '-ge', '3'], 1],
  [['1', '-ne', '1'], 1],
  [['(', 'x', ')'], 0],
  [['(', '-z', 'x', ')'], 1],
  [['!', 'a', '=', 'b'], 0],
  [['-e', '/tmp/healthy', '-a', '-d', '/tmp/dir'], 0],
  [['-e', '/tmp/missing', '-o', '-d', '/tmp/dir'], 0],
  [['-e', '/tmp/missing', '-a', '-d', '/tmp/dir'], 1],
  [['!', '-e', '/tmp/missing', '-a', 'x', '=', 'x'], 0],
  [['(', '1', '-eq', '1', ')', '-a', '(', 'a', '=', 'b', '-o', 'c', ')'], 0],
  [['a', '-eq', '1'], 2, 'a: bad number'],
  [['1', '-eq', ''], 2, ': bad number'],
  [['a', 'b'], 2, 'b: unknown operand'],
  [['3', '-lt', '5', '6'], 2, '6: unknown operand'],
  [['(', 'a', '=', 'a', '-a', 'b'], 2, 'closing paren expected'],
  [['a', '-a'], 2, 'argument expected'],
  [['x', '-a', 'y', '-a'], 2, 'argument expected'],
];

describe('evaluateTest (busybox)', () => {
  it.each(cases)('test %j → %i', (args, status, message) => {
    const result = evaluateTest(args, fs);
    expect(result.status).toBe(status);
    expect(result.error).toBe(message);
  });

  it('[ needs its closing ]', () => {
    expect(evaluateTest(['-e', '/tmp/healthy', ']'], fs, { bracket: true })).toEqual({ status: 0 });
    expect(evaluateTest(['-e', '/tmp/healthy'], fs, { bracket: true })).toEqual({ status: 2, error: 'missing ]' });
  });

  it('-t asks whether the descriptor is a terminal', () => {
    expect(evaluateTest(['-t', '0'], fs, { isatty: (fd) => fd === 0 }).status).toBe(0);
    expect(evaluateTest(['-t', '1'], fs, { isatty: (fd) => fd === 0 }).status).toBe(1);
  });

  it('permission tests use the caller\'s ids when not root', () => {
    const user = fs.as({ uid: 1001, gid: 1001 });
    expect(evaluateTest(['-r', '/etc/secret'], user).status).toBe(1);
    expect(evaluateTest(['-r', '/tmp/healthy'], user).status).toBe(0);
    expect(evaluateTest(['-w', '/tmp/healthy'], user).status).toBe(1);
  });

  it('! negates any two-argument string test', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      fc.pre(![a, b].some((s) => ['!', '(', ')', '-a', '-o'].includes(s)));
      const plain = evaluateTest([a, '=', b], fs);
      const negated = evaluateTest(['!', a, '=', b], fs);
      expect(plain.status + negated.status).toBe(1);
    }));
  });
});

describe('evaluateTest (bash wording)', () => {
  it.each([
    [['a', '-eq', '1'], 'a: integer expression expected'],
    [['a', 'b'], 'a: unary operator expected'],
    [['a', 'b', 'c'], 'b: binary operator expected'],
    [['a', '=', 'b', 'c', 'd'], 'too many arguments'],
  ])('test %j → %s', (args, message) => {
    expect(evaluateTest(args, fs, { flavour: 'gnu' })).toEqual({ status: 2, error: message });
  });

  it('[ without ] ', () => {
    expect(evaluateTest(['x'], fs, { bracket: true, flavour: 'gnu' }).error).toBe("missing `]'");
  });
});
