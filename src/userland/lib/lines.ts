/**
 * Line-at-a-time input for filters (`grep`, `head` on a pipe): a line is handed on as soon as it is
 * complete, so `tail -f log | grep error` prints matches while the writer is still running.
 */
import { sys, type Sys } from '../../engine/runtime/process';

export class LineReader {
  private buffer = '';
  private ended = false;

  /** Reads from `fd`, or serves `text` when the whole input is already known (a file). */
  constructor(
    private readonly fd: number,
    text?: string,
  ) {
    if (text !== undefined) {
      this.buffer = text;
      this.ended = true;
    }
  }

  /** The next line without its newline, or null at end of input. */
  *next(): Sys<string | null> {
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        return line;
      }
      if (this.ended) {
        if (this.buffer === '') return null;
        const last = this.buffer;
        this.buffer = '';
        return last;
      }
      const chunk = yield* sys.read(this.fd);
      if (chunk === null) this.ended = true;
      else this.buffer += chunk;
    }
  }
}
