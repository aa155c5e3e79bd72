/**
 * The word wrapping `kubectl explain` applies to descriptions (go-wordwrap's WrapString, which
 * kubectl's plaintext template calls): words move to the next line once a line would pass the
 * limit, a word longer than the limit (a URL) stays whole on its own line, and existing line
 * breaks are kept.
 */
export function wordWrap(text: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  const flush = (): void => {
    current += space.length + word.length;
    out += space + word;
    space = '';
    word = '';
  };
  for (const char of text) {
    if (char === '\n') {
      if (word === '') {
        if (current + space.length <= limit) out += space;
        space = '';
      } else flush();
      out += char;
      current = 0;
    } else if (/\s/.test(char) && char !== '\u00a0') {
      if (space === '' || word !== '') flush();
      space += char;
    } else {
      word += char;
      if (current + space.length + word.length > limit && word.length < limit) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word === '') {
    if (current + space.length <= limit) out += space;
  } else out += space + word;
  return out;
}

/** kubectl's `indent` template function: every line of `text` indented by `n` spaces. */
export const indent = (n: number, text: string): string => ' '.repeat(n) + text.replaceAll('\n', `\n${' '.repeat(n)}`);
