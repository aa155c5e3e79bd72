// What the line editor shows: the prompt and the line being edited, kept on screen with as little
// output as a terminal needs. Typing at the end only echoes the keys, erasing at the end is
// `\b \b`; anything else moves the cursor to the first changed character and rewrites from there.
// Positions are counted in screen cells from the start of the prompt, so a line longer than the
// terminal is wide wraps onto the next rows and the cursor still lands in the right cell.

/** Visible width of a prompt: colour sequences and readline's \001 \002 markers take no room. */
export function visibleWidth(text: string): number {
  // eslint-disable-next-line no-control-regex -- escape sequences are what is stripped
  const lastLine = text.slice(text.lastIndexOf('\n') + 1).replace(/\x1b\[[0-9;?]*[A-Za-z]|[\x01\x02]/g, '');
  return lastLine.length;
}

/** How a line editor redraws after a window change: busybox's lineedit or bash's readline. */
export type RedrawStyle = 'lineedit' | 'readline';

export class LineDisplay {
  private prompt = '';
  private promptWidth = 0;
  private shown = '';
  /** The cursor's cell: row and column from the start of the prompt. */
  private row = 0;
  private col = 0;
  /** Just wrote into the last column: the terminal wraps only when the next character comes. */
  private pendingWrap = false;

  constructor(private cols: number) {}

  /** Starts a fresh line: the prompt, then `text` with the cursor at `cursor`. */
  begin(prompt: string, text = '', cursor = text.length): string {
    this.prompt = prompt;
    this.promptWidth = visibleWidth(prompt);
    this.shown = '';
    this.place(this.promptWidth, false);
    return prompt + this.update(text, cursor, 0);
  }

  /** Output that changes the screen from what it shows to `text` with the cursor at `cursor`. */
  update(text: string, cursor: number, from = this.cursor()): string {
    const shown = this.shown;
    if (text === shown) return this.moveTo(cursor);
    if (from === shown.length && cursor === text.length && text.startsWith(shown)) return this.write(text, shown.length);
    if (from === shown.length && cursor === text.length && shown.startsWith(text) && this.sameRow(text.length, shown.length)) {
      this.shown = text;
      this.place(this.promptWidth + text.length, false);
      return '\b \b'.repeat(shown.length - text.length);
    }
    let first = 0;
    while (first < text.length && first < shown.length && text[first] === shown[first]) first++;
    let out = this.moveTo(first) + this.write(text, first);
    if (shown.length > text.length) out += this.sameRow(text.length, shown.length) ? '\x1b[K' : '\x1b[J';
    return out + this.moveTo(cursor);
  }

  /** Shows `text`, which is the line shown with `typed` added at its end (where the cursor is). */
  append(typed: string, text: string): string {
    this.shown = text;
    if (typed === '') return '';
    const end = this.promptWidth + text.length;
    this.place(end, end % this.cols === 0);
    return typed;
  }

  /** Replaces the prompt (Ctrl-R's search prompt and back), redrawing the line after it. */
  replacePrompt(prompt: string, text: string, cursor: number): string {
    return this.moveTo(-this.promptWidth) + '\x1b[J' + this.begin(prompt, text, cursor);
  }

  /**
   * The terminal is `cols` wide now (SIGWINCH): the prompt's last line and the line drawn again
   * where they start, the cursor back in its place. busybox's lineedit goes up to the first row
   * and rewrites, clearing what is below (`redraw`); readline first clears every row the line took,
   * from its last one up (`_rl_redisplay_after_sigwinch`).
   */
  redraw(cols: number, style: RedrawStyle): string {
    const prompt = this.prompt.slice(this.prompt.lastIndexOf('\n') + 1);
    const text = this.shown;
    const cursor = this.cursor();
    let out: string;
    if (style === 'lineedit') {
      // Up by the cursor's row at the old width or at the new one, whichever is further.
      const up = Math.max(this.row, Math.floor((this.promptWidth + cursor) / cols));
      out = (up > 0 ? `\x1b[${up}A` : '') + '\r';
      this.cols = cols;
      return out + this.begin(prompt, text, text.length) + '\x1b[J' + this.moveTo(cursor);
    }
    const last = Math.floor((this.promptWidth + text.length) / this.cols);
    const down = last - this.row;
    out = '\r' + (down > 0 ? '\n'.repeat(down) + '\r' : '') + '\x1b[K' + '\x1b[A\x1b[K'.repeat(last);
    this.cols = cols;
    return out + this.begin(prompt, text, cursor);
  }

  /** Leaves the line: the cursor after its end, then a new line. */
  finish(): string {
    const out = this.moveTo(this.shown.length) + '\n';
    this.shown = '';
    return out;
  }

  /** Where the cursor is, as an index into the line. */
  private cursor(): number {
    const cell = this.pendingWrap ? (this.row + 1) * this.cols : this.row * this.cols + this.col;
    return cell - this.promptWidth;
  }

  private sameRow(a: number, b: number): boolean {
    const start = this.promptWidth + a;
    const end = this.promptWidth + b;
    return Math.floor(start / this.cols) === Math.floor(end / this.cols) && end % this.cols !== 0;
  }

  /** Writes `text` from index `from` (where the cursor is) to its end. */
  private write(text: string, from: number): string {
    this.shown = text;
    if (from >= text.length) return '';
    const end = this.promptWidth + text.length;
    this.place(end, end % this.cols === 0);
    return text.slice(from);
  }

  private place(cell: number, wrapped: boolean): void {
    this.pendingWrap = wrapped && cell > 0;
    this.row = this.pendingWrap ? cell / this.cols - 1 : Math.floor(cell / this.cols);
    this.col = this.pendingWrap ? this.cols - 1 : cell % this.cols;
  }

  /** Cursor motion to line index `index` (negative: into the prompt). */
  private moveTo(index: number): string {
    const cell = this.promptWidth + index;
    // Already there: just past the end of a full row, wrap pending (another character would wrap).
    if (this.pendingWrap && cell === (this.row + 1) * this.cols) return '';
    if (index > 0 && index === this.shown.length && cell % this.cols === 0) {
      // The end of a line that fills its last row: rewriting the last character puts the
      // terminal in the same wrap-pending state as typing it did.
      return this.moveTo(index - 1) + this.write(this.shown, index - 1);
    }
    const row = Math.floor(cell / this.cols);
    const col = cell % this.cols;
    let out = '';
    if (row < this.row) out += `\x1b[${this.row - row}A`;
    else if (row > this.row) out += `\x1b[${row - this.row}B`;
    if (col < this.col) out += this.col - col <= 4 ? '\b'.repeat(this.col - col) : `\x1b[${this.col - col}D`;
    else if (col > this.col) out += `\x1b[${col - this.col}C`;
    this.place(cell, false);
    return out;
  }
}
