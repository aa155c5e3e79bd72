// Reading a line from a raw terminal, as busybox's and bash's line editing do: typed characters are
// echoed, Backspace erases, Ctrl-U clears the line, Enter ends it; cursor and other escape
// sequences and Tab (no completion here) are swallowed. Keys typed ahead (a paste of several
// lines) wait for the next call.
import { sys, type Sys } from '../../engine/runtime/process';
import type { Shell } from './shell';

const ERASE = '\b \b';
const ECHO_FD = 2;

export class LineEditor {
  private typedAhead = '';
  private ended = false;

  /** @param input the terminal's descriptor; the prompt and the echo go to stderr. */
  constructor(private readonly input: number) {}

  /**
   * Shows `prompt`, reads one line (without its newline), or null at end of input. A trapped
   * signal or Ctrl-C interrupts it: the SignalInterrupt propagates to the caller.
   */
  *readLine(shell: Shell, prompt: string, echo = true): Sys<string | null> {
    if (prompt !== '') yield* shell.write(ECHO_FD, prompt);
    let line = '';
    let escape = false;
    for (;;) {
      if (this.typedAhead === '') {
        if (this.ended) return line === '' ? null : line;
        const chunk = yield* shell.syscall(() => sys.read(this.input), true);
        if (chunk === null) {
          this.ended = true;
          continue;
        }
        this.typedAhead = chunk;
      }
      let shown = '';
      let i = 0;
      let done = false;
      for (; i < this.typedAhead.length && !done; i++) {
        const c = this.typedAhead[i]!;
        if (escape) {
          // CSI sequences end with a letter or `~`; a lone ESC + letter (Alt-x) is one key too.
          if (/[A-Za-z~]/.test(c)) escape = false;
        } else if (c === '\x1b') {
          escape = true;
        } else if (c === '\r' || c === '\n') {
          shown += '\n';
          done = true;
          // A terminal sends \r for Enter; swallow a following \n from a CRLF paste.
          if (c === '\r' && this.typedAhead[i + 1] === '\n') i++;
        } else if (c === '\x7f' || c === '\b') {
          if (line !== '') {
            line = line.slice(0, -1);
            shown += ERASE;
          }
        } else if (c === '\x15') {
          shown += ERASE.repeat(line.length);
          line = '';
        } else if (c >= ' ') {
          line += c;
          shown += c;
        }
        // Other control characters do nothing (Tab would complete a name in a real shell).
      }
      this.typedAhead = this.typedAhead.slice(i);
      if (echo && shown !== '') yield* shell.write(ECHO_FD, shown);
      else if (!echo && done) yield* shell.write(ECHO_FD, '\n');
      if (done) return line;
    }
  }
}
