import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags, takesNextArg, type FlagSpec } from './flags';
import { levenshtein, suggestionsFor } from './suggest';

const SPECS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', usage: '' },
  { name: 'all-namespaces', short: 'A', type: 'bool', usage: '' },
  { name: 'stdin', short: 'i', type: 'bool', usage: '' },
  { name: 'tty', short: 't', type: 'bool', usage: '' },
  { name: 'replicas', type: 'int', usage: '' },
  { name: 'env', type: 'stringArray', usage: '' },
  { name: 'label-columns', short: 'L', type: 'stringSlice', usage: '' },
  { name: 'v', short: 'v', type: 'int', usage: '' },
];

describe('parseFlags', () => {
  it.each([
    [['--namespace=dev'], 'namespace', 'dev'],
    [['--namespace', 'dev'], 'namespace', 'dev'],
    [['-n', 'dev'], 'namespace', 'dev'],
    [['-ndev'], 'namespace', 'dev'],
    [['-n=dev'], 'namespace', 'dev'],
    [['-n', 'a', '-n', 'b'], 'namespace', 'b'],
    [['-v=6'], 'v', '6'],
    [['-v6'], 'v', '6'],
  ])('%j sets %s to %s', (args, name, value) => {
    expect(parseFlags(args, SPECS).flags.string(name)).toBe(value);
  });

  it.each([
    [['-it'], { stdin: true, tty: true }],
    [['-A=false'], { 'all-namespaces': false }],
    [['--all-namespaces=false'], { 'all-namespaces': false }],
    [['--all-namespaces'], { 'all-namespaces': true }],
    [[], { stdin: false }],
  ])('%j gives booleans %j', (args, expected) => {
    const { flags } = parseFlags(args, SPECS);
    for (const [name, value] of Object.entries(expected)) expect(flags.bool(name)).toBe(value);
  });

  it('keeps arguments between flags and everything after --, remembering where -- was', () => {
    const r = parseFlags(['pod', '-it', 'x', '--', 'sh', '-c', 'echo -n'], SPECS);
    expect(r.args).toEqual(['pod', 'x', 'sh', '-c', 'echo -n']);
    expect(r.dashAt).toBe(2);
    expect(parseFlags(['a'], SPECS).dashAt).toBe(-1);
  });

  it('collects repeated and comma-separated list flags', () => {
    const { flags } = parseFlags(['--env', 'A=1', '--env=B=2,C=3', '-L', 'app,tier', '-Lrun'], SPECS);
    expect(flags.list('env')).toEqual(['A=1', 'B=2,C=3']);
    expect(flags.list('label-columns')).toEqual(['app', 'tier', 'run']);
  });

  it.each([
    [['--foo'], 'unknown flag: --foo'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
    [['-itx'], "unknown shorthand flag: 'x' in -itx"],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [['--namespace'], 'flag needs an argument: --namespace'],
    [['--replicas=two'], 'invalid argument "two" for "--replicas" flag: strconv.ParseInt: parsing "two": invalid syntax'],
    [['-A=maybe'], 'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
  ])('%j fails with %s', (args, message) => {
    expect(() => parseFlags(args, SPECS)).toThrow(new FlagError(message));
  });

  it.each([
    ['-n', true],
    ['--namespace', true],
    ['--namespace=x', false],
    ['-nx', false],
    ['-A', false],
    ['--stdin', false],
    ['pods', false],
  ])('takesNextArg(%s) is %s', (arg, expected) => {
    expect(takesNextArg(arg, SPECS)).toBe(expected);
  });
});

describe('cobra suggestions', () => {
  it.each([
    ['gett', 'get', 1],
    ['kitten', 'sitting', 3],
    ['GET', 'get', 0],
    ['', 'abc', 3],
  ])('levenshtein(%s, %s) = %d', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
  });

  it.each([
    ['gett', ['set', 'get']],
    ['foo', ['top']],
    ['api', ['api-resources', 'api-versions']],
    ['describ', ['describe']],
    ['zzzzzz', []],
  ])('%s suggests %j', (typed, expected) => {
    expect(suggestionsFor(typed, ['create', 'set', 'get', 'describe', 'top', 'api-resources', 'api-versions'])).toEqual(expected);
  });
});
