// What a terminal sends, cut into keys: a printable character, a control character, or an escape
// sequence (arrows and Home/End as xterm sends them, Alt+letter as ESC + letter). A sequence cut in
// two by the end of a read is kept until the rest arrives. A terminal in bracketed paste mode
// marks a paste with `ESC [200~` … `ESC [201~`.

export type Key =
  /** A run of printable characters (a paste comes as few keys, not millions). */
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'control'; readonly char: string }
  | { readonly kind: 'named'; readonly name: NamedKey };

export type NamedKey = 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'delete' | 'word-left' | 'word-right' | 'paste-start' | 'paste-end' | 'unknown';

/** xterm's CSI and SS3 finals, and the `~` codes of the editing keypad. */
const FINALS: Readonly<Record<string, NamedKey>> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };
const TILDE_CODES: Readonly<Record<string, NamedKey>> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '3': 'delete', '200': 'paste-start', '201': 'paste-end' };

/** The longest run of text one key carries. */
const MAX_TEXT = 4096;

const isPrintable = (code: number): boolean => code >= 32 && code !== 127;

export class KeyReader {
  private buffer = '';
  private at = 0;

  feed(data: string): void {
    this.buffer = this.buffer.slice(this.at) + data;
    this.at = 0;
  }

  /** Keys not yet taken (a partial escape sequence counts). */
  get pending(): number {
    return this.buffer.length - this.at;
  }

  /** Drops everything typed ahead (Ctrl-C). */
  clear(): void {
    this.buffer = '';
    this.at = 0;
  }

  /** Skips `char` if it is the next one typed (the \n of a CRLF after \r). */
  skip(char: string): void {
    if (this.buffer[this.at] === char) this.at++;
  }

  /** The next key, or undefined when none is complete. */
  next(): Key | undefined {
    const c = this.buffer[this.at];
    if (c === undefined) return undefined;
    if (c === '\x1b') return this.escape();
    if (c < ' ' || c === '\x7f') {
      this.at++;
      return { kind: 'control', char: c };
    }
    const start = this.at;
    const limit = Math.min(this.buffer.length, start + MAX_TEXT);
    let end = start + 1;
    while (end < limit && isPrintable(this.buffer.charCodeAt(end))) end++;
    this.at = end;
    return { kind: 'text', text: this.buffer.slice(start, end) };
  }

  /** The key the ESC at `at` starts. */
  private escape(): Key | undefined {
    const head = this.buffer.slice(this.at, this.at + 32);
    // eslint-disable-next-line no-control-regex -- an escape sequence starts with ESC
    const sequence = /^\x1b(?:\[([0-9;]*)([A-Za-z~])|O([A-Za-z])|([^[O]))/.exec(head);
    if (!sequence) {
      // ESC [ with parameters still to come, or a lone ESC at the end of what arrived: wait.
      // eslint-disable-next-line no-control-regex -- as above
      if (this.at + head.length === this.buffer.length && /^\x1b(\[[0-9;]*|O)?$/.test(head)) return undefined;
      // Garbage after ESC: drop the ESC, the rest are ordinary keys.
      this.at++;
      return { kind: 'named', name: 'unknown' };
    }
    this.at += sequence[0].length;
    const [, params, final, ss3, meta] = sequence;
    if (meta !== undefined) return { kind: 'named', name: meta === 'b' ? 'word-left' : meta === 'f' ? 'word-right' : 'unknown' };
    if (ss3 !== undefined) return { kind: 'named', name: FINALS[ss3] ?? 'unknown' };
    if (final === '~') return { kind: 'named', name: TILDE_CODES[params!] ?? 'unknown' };
    // Ctrl+arrow (`ESC [1;5C`) moves by words.
    if (params === '1;5' && (final === 'C' || final === 'D')) return { kind: 'named', name: final === 'C' ? 'word-right' : 'word-left' };
    return { kind: 'named', name: FINALS[final!] ?? 'unknown' };
  }
}
