/**
 * `echo [-neE] [ARG]...`, shared by the echo programs and the shells' builtins.
 *
 * Leading words made only of the letters n, e, E are options (`-n`, `-ne`, `-E`); the first word
 * that is not ends option parsing, so `echo -x` prints `-x`. Backslash escapes are interpreted only
 * with -e, the default of bash, coreutils and busybox.
 */
import type { Flavour } from './flavour';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** What `echo args…` writes. */
export function formatEcho(args: readonly string[], flavour: Flavour = 'busybox'): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
    for (const letter of args[i]!.slice(1)) {
      if (letter === 'n') newline = false;
      else escapes = letter === 'e';
    }
  }
  const text = args.slice(i).join(' ');
  if (!escapes) return newline ? `${text}\n` : text;
  const expanded = expandEscapes(text, flavour);
  // `\c` stops all output, the trailing newline included.
  return expanded.stopped || !newline ? expanded.text : `${expanded.text}\n`;
}

/**
 * Escapes of `echo -e`: \a \b \c \e \f \n \r \t \v \\, octal `\0NNN`, hex `\xHH`. BusyBox also takes
 * octal without the leading 0 (`\101`); GNU takes `\uHHHH`. Unknown escapes stay as written.
 */
export function expandEscapes(text: string, flavour: Flavour): { text: string; stopped: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1]!;
    if (next === 'c') return { text: out, stopped: true };
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
      continue;
    }
    const numeric = numericEscape(text.slice(i + 1), flavour);
    if (numeric) {
      out += String.fromCodePoint(numeric.code);
      i += numeric.length;
      continue;
    }
    out += ch;
  }
  return { text: out, stopped: false };
}

/** `0NNN` (or busybox's `NNN`), `xHH`, gnu's `uHHHH`: the code and how many characters it used. */
function numericEscape(rest: string, flavour: Flavour): { code: number; length: number } | undefined {
  const octal = (flavour === 'busybox' ? /^0?[0-7]{1,3}/ : /^0[0-7]{0,3}/).exec(rest);
  if (octal) {
    const digits = octal[0].length > 3 && octal[0].startsWith('0') ? octal[0].slice(1) : octal[0];
    return { code: parseInt(digits, 8) & 0xff, length: octal[0].length };
  }
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(rest);
  if (hex) return { code: parseInt(hex[1]!, 16), length: hex[0].length };
  const unicode = flavour === 'gnu' ? /^u([0-9a-fA-F]{1,4})/.exec(rest) : null;
  if (unicode) return { code: parseInt(unicode[1]!, 16), length: unicode[0].length };
  return undefined;
}
