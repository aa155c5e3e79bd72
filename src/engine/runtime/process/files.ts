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

/**
 * A terminal: output goes to the viewer, input comes from the keyboard. Ctrl-C does not reach the
 * reader as a byte: it becomes SIGINT for the terminal's foreground process group, as the line
 * discipline of a real tty does.
 */
export class TtyFile extends SourceFile {
  override get isTty(): boolean {
    return true;
  }
  /** Set by whoever owns the session: delivers SIGINT/SIGQUIT to the foreground job. */
  onSignalKey: ((key: 'SIGINT' | 'SIGQUIT') => void) | undefined;

  constructor(private readonly output: (data: string) => void) {
    super();
  }

  override push(data: string): void {
    let rest = '';
    for (const ch of data) {
      if (ch === '\x03' || ch === '\x1c') {
        if (rest) super.push(rest);
        rest = '';
        this.onSignalKey?.(ch === '\x03' ? 'SIGINT' : 'SIGQUIT');
      } else if (ch === '\x04' && rest === '') {
        this.end();
      } else {
        rest += ch;
      }
    }
    if (rest) super.push(rest);
  }

  override write(data: string): WriteResult {
    // The tty's output processing turns \n into \r\n (onlcr).
    if (data.length > 0) this.output(data.replace(/\r?\n/g, '\r\n'));
    return 'ok';
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
