/**
 * A session's output between two frames. The shell writes in many small pieces (a byte per key
 * echo, a line per `yes`); the page wants one message per frame, and never more than it can draw:
 * a flood keeps only its newest text, as a terminal's scrollback would after it scrolled past.
 */

/** Characters sent to the page per session per frame, at most (far more lines than xterm's scrollback). */
export const FRAME_LIMIT = 32 * 1024;

/**
 * The last `limit` characters of `text`, starting at a line start so that no escape sequence or
 * line is cut in two (escape sequences never hold a newline) — unless the window holds no line
 * start, then it is the bare tail. Text within the limit is unchanged.
 */
export function keepTail(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const tail = text.slice(text.length - limit);
  const lineStart = tail.indexOf('\n') + 1;
  // One long line fills the window: its end is still worth showing.
  return lineStart === 0 || lineStart === tail.length ? tail : tail.slice(lineStart);
}

export class OutputQueue {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly limit = FRAME_LIMIT) {}

  push(ansi: string): void {
    this.chunks.push(ansi);
    this.size += ansi.length;
    // Bounded memory during a flood: what would be cut at the next take is cut now.
    if (this.size > 2 * this.limit) this.compact();
  }

  /** Everything pushed since the last take, coalesced and capped; '' when nothing was. */
  take(): string {
    const text = keepTail(this.chunks.join(''), this.limit);
    this.chunks = [];
    this.size = 0;
    return text;
  }

  private compact(): void {
    const text = keepTail(this.chunks.join(''), this.limit);
    this.chunks = [text];
    this.size = text.length;
  }
}
