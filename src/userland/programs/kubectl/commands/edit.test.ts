import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editHeader, hasLines, stripComments } from './edit';

describe("kubectl edit's file header", () => {
  it('is the header kubectl writes, with each failure as # lines under it', () => {
    expect(editHeader([{ head: 'pods "web" was not valid', other: ['spec.containers[0].image: Required value'] }, { head: 'The edited file had a syntax error: bad', other: [] }])).toBe(
      "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n" +
        '# pods "web" was not valid:\n# * spec.containers[0].image: Required value\n#\n# The edited file had a syntax error: bad\n#\n',
    );
  });

  it('never adds a line that counts as content, whatever the reasons say', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '#', ':', '-') });
    fc.assert(
      fc.property(fc.array(fc.record({ head: text, other: fc.array(text, { maxLength: 3 }) }), { maxLength: 3 }), (reasons) => {
        const body = 'kind: Pod\nmetadata:\n  name: web\n';
        expect(stripComments(editHeader(reasons) + body)).toBe(stripComments(body));
      }),
    );
  });

  it.each([
    ['', false],
    ['# only\n   # comments\n\n', false],
    ['#\nkind: Pod\n', true],
    ['  \t\n x\n', true],
  ])('hasLines(%j) is %s', (text, expected) => {
    expect(hasLines(text)).toBe(expected);
  });
});
