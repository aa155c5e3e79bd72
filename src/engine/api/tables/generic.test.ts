import { describe, expect, it } from 'vitest';
import { defaultPrinter, rfc3339 } from './generic';
import { at, rowContext } from './testkit';

describe('default table convertor', () => {
  it('prints NAME and CREATED AT as RFC 3339 UTC', () => {
    expect(defaultPrinter.cells({ metadata: { name: 'pod-reader', creationTimestamp: at(0) } }, rowContext(99_000))).toEqual([
      'pod-reader',
      '2026-01-05T09:00:00Z',
    ]);
    expect(defaultPrinter.columns.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Created At', 'date'],
    ]);
  });
  it.each([
    [undefined, '0001-01-01T00:00:00Z'],
    ['2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z'],
    ['2026-01-05T11:00:00.789+02:00', '2026-01-05T09:00:00Z'],
    ['garbage', '0001-01-01T00:00:00Z'],
  ])('normalizes %s', (input, want) => {
    expect(rfc3339(input)).toBe(want);
  });
});
