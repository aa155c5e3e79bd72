/**
 * Open file descriptions: what a process's file descriptors point at. Several descriptors (after
 * `dup2` or a fork) can share one description; it is closed when the last of them is — which is
 * how a reader learns that every writer of a pipe is gone (end of file).
 */
import type { Vfs } from '../fs';
import { SysError } from './syscalls';

export type ReadResult = { readonly kind: 'data'; readonly data: string } | { readonly kind: 'eof' } | { readonly kind: 'block' };
export type WriteResult = 'ok' | 'block' | 'epipe';
export type Direction = 'read' | 'write';

/** Linux's default pipe capacity. */
export const PIPE_CAPACITY = 65_536;

export abstract class OpenFile {
  private refs = 0;

  get isTty(): boolean {
    return false;
  }

  read(): ReadResult {
    throw new SysError('EBADF');
  }

  write(_data: string): WriteResult {
    throw new SysError('EBADF');
  }

  /** Calls `wake` once, when a read or write may make progress. Returns a canceller. */
  whenReady(_direction: Direction, wake: () => void): () => void {
    wake();
    return () => {};
  }

  retain(): this {
    this.refs++;
    return this;
  }

  release(): void {
    if (--this.refs === 0) this.closed();
  }

  /** The last descriptor pointing here was closed. */
  protected closed(): void {}
}

/** Wakers waiting on one condition; each is called once. */
export class WaitList {
  private waiters: (() => void)[] = [];

  add(wake: () => void): () => void {
    this.waiters.push(wake);
    return () => {
      const i = this.waiters.indexOf(wake);
      if (i >= 0) this.waiters.splice(i, 1);
    };
  }

  get waiting(): boolean {
    return this.waiters.length > 0;
  }

  wakeAll(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** A one-way byte stream between processes, with the kernel's capacity and back-pressure. */
export class Pipe {
  private chunks: string[] = [];
  private size = 0;
  /** @internal the ends flip these when their last descriptor closes */
  writerOpen = true;
  /** @internal */
  readerOpen = true;
  /** @internal */
  readonly readable = new WaitList();
  /** @internal */
  readonly writable = new WaitList();
  readonly reader: OpenFile = new PipeReader(this);
  readonly writer: OpenFile = new PipeWriter(this);

  constructor(readonly capacity = PIPE_CAPACITY) {}

  /** Bytes waiting to be read. */
  get buffered(): number {
    return this.size;
  }

  /** @internal */
  take(): ReadResult {
    if (this.size > 0) {
      const data = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
      this.chunks = [];
      this.size = 0;
      this.writable.wakeAll();
      return { kind: 'data', data };
    }
    return this.writerOpen ? BLOCK : EOF;
  }

  /** @internal */
  put(data: string): WriteResult {
    if (!this.readerOpen) return 'epipe';
    if (data.length === 0) return 'ok';
    if (this.size >= this.capacity) return 'block';
    this.chunks.push(data);
    this.size += data.length;
    this.readable.wakeAll();
    return 'ok';
  }

  /** @internal the read end's last descriptor closed: what is buffered is dropped. */
  dropReader(): void {
    this.readerOpen = false;
    this.chunks = [];
    this.size = 0;
    this.writable.wakeAll();
  }
}

const BLOCK: ReadResult = { kind: 'block' };
const EOF: ReadResult = { kind: 'eof' };

class PipeReader extends OpenFile {
  constructor(private readonly pipe: Pipe) {
    super();
  }
  override read(): ReadResult {
    return this.pipe.take();
  }
  override whenReady(direction: Direction, wake: () => void): () => void {
    return direction === 'read' ? this.pipe.readable.add(wake) : super.whenReady(direction, wake);
  }
  protected override closed(): void {
    this.pipe.dropReader();
  }
}

class PipeWriter extends OpenFile {
  constructor(private readonly pipe: Pipe) {
    super();
  }
  override write(data: string): WriteResult {
    return this.pipe.put(data);
  }
  override whenReady(direction: Direction, wake: () => void): () => void {
    return direction === 'write' ? this.pipe.writable.add(wake) : super.whenReady(direction, wake);
  }
  protected override closed(): void {
    this.pipe.writerOpen = false;
    this.pipe.readable.wakeAll();
  }
}

/** /dev/null */
export class NullFile extends OpenFile {
  override read(): ReadResult {
    return { kind: 'eof' };
  }
  override write(): WriteResult {
    return 'ok';
  }
}

/** Output that goes to the outside world: a container log stream, a terminal, a test's buffer. */
export class SinkFile extends OpenFile {
  constructor(
    private readonly sink: (data: string) => void,
    private readonly tty = false,
  ) {
    super();
  }
  override get isTty(): boolean {
    return this.tty;
  }
  override write(data: string): WriteResult {
    if (data.length > 0) this.sink(data);
    return 'ok';
  }
}

/** Input fed from the outside (kubectl exec's stdin, a terminal's keystrokes). */
export class SourceFile extends OpenFile {
  private pending: string[] = [];
  private ended = false;
  private readonly readable = new WaitList();

  push(data: string): void {
    if (this.ended || data.length === 0) return;
    this.pending.push(data);
    this.readable.wakeAll();
  }

  /** End of input (Ctrl-D on an empty line, or the client closing stdin). */
  end(): void {
    this.ended = true;
    this.readable.wakeAll();
  }

  override read(): ReadResult {
    if (this.pending.length > 0) {
      const data = this.pending.join('');
      this.pending = [];
      return { kind: 'data', data };
    }
    return this.ended ? { kind: 'eof' } : { kind: 'block' };
  }

  override whenReady(direction: Direction, wake: () => void): () => void {
    return direction === 'read' ? this.readable.add(wake) : super.whenReady(direction, wake);
  }
}

/** What a terminal sends its foreground process group. */
export type TtySignal = 'SIGINT' | 'SIGQUIT' | 'SIGTSTP' | 'SIGWINCH';

/** The keys the line discipline turns into signals (ISIG): Ctrl-C, Ctrl-\\, Ctrl-Z. */
const SIGNAL_KEYS: Readonly<Record<number, TtySignal>> = { 0x03: 'SIGINT', 0x1c: 'SIGQUIT', 0x1a: 'SIGTSTP' };

export interface WindowSize {
  readonly cols: number;
  readonly rows: number;
}

/** 80x24: a terminal's size unless its owner says otherwise, and what programs assume when told 0x0. */
export const DEFAULT_WINDOW: WindowSize = { cols: 80, rows: 24 };

/**
 * A terminal: output goes to the viewer, input comes from the keyboard, through a line discipline
 * as a real tty has one:
 * - Ctrl-C and Ctrl-\ never reach the reader as bytes: they become SIGINT/SIGQUIT for the
 *   terminal's foreground process group, and what was typed ahead is thrown away;
 * - in canonical mode (the default, what `cat` or `read` in a script see) the terminal echoes what
 *   is typed, Backspace and Ctrl-U edit the line, Enter delivers it, and Ctrl-D delivers the line
 *   without a newline — or, on an empty line, an end of file for that one read only;
 * - in raw mode, which a shell's line editor sets while it reads a command line, every key goes to
 *   the reader as typed (Ctrl-D included) and the editor echoes it itself.
 *
 * It also has a window size (TIOCGWINSZ): whoever shows the terminal sets it (TIOCSWINSZ), and a
 * change of size sends SIGWINCH to the foreground process group, so a line editor can redraw.
 */
export class TtyFile extends SourceFile {
  override get isTty(): boolean {
    return true;
  }
  /**
   * Signals the terminal's foreground process group: Ctrl-C, Ctrl-\, Ctrl-Z and a window change. Set by
   * whoever decides what is in the foreground (the session, the shell running a job).
   */
  signalForeground: ((signal: TtySignal) => void) | undefined;
  /** `stty raw -echo`: set by a line editor while it reads. */
  raw = false;
  private size: WindowSize;
  /** Delivered input; null is an end of file for one read (Ctrl-D on an empty line). */
  private queue: (string | null)[] = [];
  private hungUp = false;
  /** Canonical mode: the line being typed, not yet delivered. */
  private line = '';
  private readonly ready = new WaitList();
  private readonly readStarts = new WaitList();
  /** Echo gathered while one push is processed, written at once. */
  private echoed = '';

  constructor(
    private readonly output: (data: string) => void,
    size: WindowSize = DEFAULT_WINDOW,
  ) {
    super();
    this.size = size;
  }

  /** Columns and rows, as TIOCGWINSZ reports them (0x0 on a pty nobody has sized yet). */
  get cols(): number {
    return this.size.cols;
  }

  get rows(): number {
    return this.size.rows;
  }

  /** TIOCSWINSZ: a different size signals the foreground group with SIGWINCH; the same one does nothing. */
  resize(cols: number, rows: number): void {
    if (cols === this.size.cols && rows === this.size.rows) return;
    this.size = { cols, rows };
    this.signalForeground?.('SIGWINCH');
  }
  override push(data: string): void {
    if (this.hungUp) return;
    // Runs of ordinary characters are taken whole: a paste of megabytes is a few slices.
    let from = 0;
    const run = (to: number): void => {
      if (to <= from) return;
      const text = data.slice(from, to);
      if (this.raw) {
        this.deliver(text);
      } else {
        this.line += text;
        this.echoed += text;
      }
    };
    for (let i = 0; i < data.length; i++) {
      const code = data.charCodeAt(i);
      const signal = SIGNAL_KEYS[code];
      if (!signal && (this.raw || (code >= 0x20 && code !== 0x7f))) continue;
      run(i);
      from = i + 1;
      if (signal) {
        this.flush();
        this.signalForeground?.(signal);
      } else {
        this.cooked(data[i]!);
      }
    }
    run(data.length);
    if (this.echoed !== '') {
      const echoed = this.echoed;
      this.echoed = '';
      this.write(echoed);
    }
  }

  /** The viewer went away (the session closed): readers get end of file from now on. */
  override end(): void {
    this.hungUp = true;
    this.ready.wakeAll();
  }

  override read(): ReadResult {
    if (this.queue.length > 0) {
      if (this.queue[0] === null) {
        this.queue.shift();
        return { kind: 'eof' };
      }
      // Data up to the next end-of-file mark, which the following read returns.
      const mark = this.queue.indexOf(null);
      const chunks = this.queue.splice(0, mark < 0 ? this.queue.length : mark) as string[];
      return { kind: 'data', data: chunks.join('') };
    }
    return this.hungUp ? { kind: 'eof' } : { kind: 'block' };
  }

  override whenReady(direction: Direction, wake: () => void): () => void {
    if (direction !== 'read') return super.whenReady(direction, wake);
    const cancel = this.ready.add(wake);
    this.readStarts.wakeAll();
    return cancel;
  }

  /** Whether a program is waiting to read this terminal now. */
  get reading(): boolean {
    return this.ready.waiting;
  }

  /**
   * Wakes `wake` once a program starts waiting to read: a relay of another terminal (kubectl
   * exec -t) passes keystrokes on only then, so what is typed ahead stays where it was typed.
   */
  whenReading(wake: () => void): () => void {
    return this.readStarts.add(wake);
  }

  override write(data: string): WriteResult {
    // The tty's output processing turns \n into \r\n (onlcr).
    if (data.length > 0) this.output(data.replace(/\r?\n/g, '\r\n'));
    return 'ok';
  }

  /** One control key in canonical mode. */
  private cooked(ch: string): void {
    if (ch === '\r' || ch === '\n') {
      this.deliver(this.line + '\n');
      this.line = '';
      this.echoed += '\n';
    } else if (ch === '\x7f' || ch === '\b') {
      if (this.line !== '') {
        this.line = this.line.slice(0, -1);
        this.echoed += '\b \b';
      }
    } else if (ch === '\x15') {
      this.echoed += '\b \b'.repeat(this.line.length);
      this.line = '';
    } else if (ch === '\x04') {
      if (this.line === '') {
        this.queue.push(null);
        this.ready.wakeAll();
      }
      this.deliver(this.line);
      this.line = '';
    } else {
      this.line += ch;
      // ECHOCTL: other control keys (but Tab) show as ^X.
      this.echoed += ch === '\t' ? ch : `^${String.fromCharCode(ch.charCodeAt(0) + 64)}`;
    }
  }

  private deliver(data: string): void {
    if (data === '') return;
    this.queue.push(data);
    this.ready.wakeAll();
  }

  /** A signal key throws away typed-ahead input, as the line discipline does without NOFLSH. */
  private flush(): void {
    this.queue = [];
    this.line = '';
  }
}

/** A regular file opened for reading: what it held when first read, then end of file. */
export class FileReader extends OpenFile {
  private done = false;
  constructor(
    private readonly fs: Vfs,
    private readonly path: string,
  ) {
    super();
  }
  override read(): ReadResult {
    if (this.done) return { kind: 'eof' };
    this.done = true;
    const data = this.fs.readFile(this.path);
    return data.length > 0 ? { kind: 'data', data } : { kind: 'eof' };
  }
}

/** A regular file opened for writing (`>` truncated at open, `>>` appending). */
export class FileWriter extends OpenFile {
  constructor(
    private readonly fs: Vfs,
    private readonly path: string,
    private readonly now: () => number,
  ) {
    super();
  }
  override write(data: string): WriteResult {
    this.fs.appendFile(this.path, data, this.now());
    return 'ok';
  }
}
