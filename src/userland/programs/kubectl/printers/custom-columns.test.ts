/** custom-columns specs and rows, against what kubectl 1.30 printed for the same objects. */
import { describe, expect, it } from 'vitest';
import { customColumns, parseColumnsFile, parseColumnsSpec } from './custom-columns';

describe('custom-columns', () => {
  it('parses header:path pairs in the relaxed path form', () => {
    expect(parseColumnsSpec('NAME:metadata.name,IP:.status.podIP,A:{.x[0]}')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'IP', fieldSpec: '{.status.podIP}' },
      { header: 'A', fieldSpec: '{.x[0]}' },
    ]);
  });

  it.each([
    ['', 'custom-columns format specified but no custom columns given'],
    ['NAME', 'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>'],
    ['A:.a,', 'unexpected custom-columns spec: , expected <header>:<json-path-expr>'],
  ])('spec %j fails: %s', (spec, message) => {
    expect(() => parseColumnsSpec(spec)).toThrow(message);
  });

  it.each([
    ['', 'invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.'],
    ['A B\n', 'invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.'],
    ['A B\n.a\n', "number of headers (2) and field specifications (1) don't match"],
  ])('file %j fails: %s', (text, message) => {
    expect(() => parseColumnsFile(text)).toThrow(message);
  });

  it('joins several values with commas, <none> when nothing is found, Go formatting for the rest', () => {
    const columns = parseColumnsSpec('N:.metadata.name,T:.types[*],M:.m,X:.missing,Z:.z');
    const { rows, error } = customColumns(columns, [{ metadata: { name: 'a' }, types: ['x', 'y'], m: { k: [1, 2] }, z: null }], false);
    expect(error).toBeUndefined();
    expect(rows).toEqual([
      ['N', 'T', 'M', 'X', 'Z'],
      ['a', 'x,y', 'map[k:[1 2]]', '<none>', '<nil>'],
    ]);
  });

  it('a path that does not parse is reported after the header', () => {
    const { rows, error } = customColumns(parseColumnsSpec('N:.items[x]'), [{}], false);
    expect(rows).toEqual([['N']]);
    expect(error?.message).toBe('invalid array index x');
  });
});
