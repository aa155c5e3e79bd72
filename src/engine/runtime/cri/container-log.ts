/**
 * A container's log, as containerd's CRI plugin keeps it for `kubectl logs`: what PID 1 and its
 * children write to stdout and stderr, cut into lines, each stamped with the (simulated) time its
 * newline arrived. A line still open when the stream closes is kept and marked partial, and so is
 * an overlong one, cut at containerd's 16 KiB line limit.
 *
 * Log rotation bounds the file on a real node; here the newest MAX_LOG_LINES lines are kept, so an
 * hour of nginx access-log lines cannot grow without bound.
 */
import { OpenFile, TtyFile, type WindowSize, type WriteResult } from '../process';
import type { LogEntry } from './types';

export type LogStreamName = LogEntry['stream'];

export const MAX_LOG_LINES = 10_000;
/** containerd's `max_container_log_line_size`: longer lines are split into partial entries. */
export const MAX_LINE_LENGTH = 16 * 1024;
/** Trim in batches, not on every line once the log is full. */
const TRIM_SLACK = MAX_LOG_LINES / 10;

/** What the log needs of the clock. */
export interface LogClock {
  now(): number;
}

const STDERR = 1;
const PARTIAL = 2;

/**
 * Lines that many containers print alike — an image's start-up banner, the nginx entrypoint's
 * "Configuration complete; ready for start up" — are kept once for all of them: a table of the
 * lines seen lately (short ones only), emptied when full so that unique lines (access logs)
 * cannot grow it. Strings never change, so sharing one is invisible to readers.
 */
const sharedLines = new Map<string, string>();
const SHARED_LINES_MAX = 1024;
const SHARED_LINE_LENGTH = 160;

function shared(line: string): string {
  if (line.length > SHARED_LINE_LENGTH) return line;
  const known = sharedLines.get(line);
  if (known !== undefined) return known;
  if (sharedLines.size >= SHARED_LINES_MAX) sharedLines.clear();
  sharedLines.set(line, line);
  return line;
}

export class ContainerLog {
  // The entries as parallel arrays (time, stream and partial bits, text): a LogEntry object per
  // line is made only when someone reads or follows the log. Ten thousand idle pods keep their
  // start-up lines, and an object per line cost more than the text.
  private times: number[] = [];
  private kinds: number[] = [];
  private texts: string[] = [];
  private openStdout = '';
  private openStderr = '';
  // Made on first use: most logs are never followed or attached to.
  private followers: Map<(entry: LogEntry) => void, (() => void) | undefined> | undefined;
  private finished = false;
  private chunkListeners: Set<(stream: LogStreamName, data: string) => void> | undefined;

  constructor(private readonly clock: LogClock) {}

  write(stream: LogStreamName, data: string): void {
    if (this.chunkListeners) for (const listener of this.chunkListeners) listener(stream, data);
    const text = this.openLine(stream) + data;
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      this.add(stream, this.cutOverlong(stream, text.slice(start, newline)), false);
      start = newline + 1;
    }
    this.setOpenLine(stream, this.cutOverlong(stream, text.slice(start)));
  }

  /** The stream's last writer is gone: an unfinished line is kept as a partial entry. */
  close(stream: LogStreamName): void {
    const open = this.openLine(stream);
    if (open !== '') this.add(stream, open, true);
    this.setOpenLine(stream, '');
  }

  /** A copy of the entries kept so far, oldest first. */
  lines(): LogEntry[] {
    const entries: LogEntry[] = [];
    for (let i = 0; i < this.texts.length; i++) entries.push(this.entry(i));
    return entries;
  }

  /**
   * Entries as they are logged, until the container exits (then `ended` is called, at once if it
   * already has); returns a canceller.
   */
  follow(listener: (entry: LogEntry) => void, ended?: () => void): () => void {
    if (this.finished) {
      ended?.();
      return () => {};
    }
    (this.followers ??= new Map()).set(listener, ended);
    return () => this.followers?.delete(listener);
  }

  /** The container has exited: an unfinished line is kept, and followers are told no more will come. */
  finish(): void {
    this.close('stdout');
    this.close('stderr');
    this.finished = true;
    const followers = this.followers;
    this.followers = undefined;
    for (const ended of followers?.values() ?? []) ended?.();
  }

  /** Raw output as it is written, for attached clients; returns a canceller. */
  onChunk(listener: (stream: LogStreamName, data: string) => void): () => void {
    (this.chunkListeners ??= new Set()).add(listener);
    return () => this.chunkListeners?.delete(listener);
  }

  private openLine(stream: LogStreamName): string {
    return stream === 'stdout' ? this.openStdout : this.openStderr;
  }

  private setOpenLine(stream: LogStreamName, text: string): void {
    if (stream === 'stdout') this.openStdout = text;
    else this.openStderr = text;
  }

  /** Logs 16 KiB pieces of `text` as partial entries while it is longer than that; returns the rest. */
  private cutOverlong(stream: LogStreamName, text: string): string {
    let rest = text;
    while (rest.length > MAX_LINE_LENGTH) {
      this.add(stream, rest.slice(0, MAX_LINE_LENGTH), true);
      rest = rest.slice(MAX_LINE_LENGTH);
    }
    return rest;
  }

  private entry(i: number): LogEntry {
    const kind = this.kinds[i]!;
    return { time: this.times[i]!, stream: kind & STDERR ? 'stderr' : 'stdout', line: this.texts[i]!, partial: (kind & PARTIAL) !== 0 };
  }

  private add(stream: LogStreamName, line: string, partial: boolean): void {
    this.times.push(this.clock.now());
    this.kinds.push((stream === 'stderr' ? STDERR : 0) | (partial ? PARTIAL : 0));
    this.texts.push(shared(line));
    if (this.texts.length > MAX_LOG_LINES + TRIM_SLACK) {
      this.times = this.times.slice(-MAX_LOG_LINES);
      this.kinds = this.kinds.slice(-MAX_LOG_LINES);
      this.texts = this.texts.slice(-MAX_LOG_LINES);
    }
    if (this.followers) {
      const entry = this.entry(this.texts.length - 1);
      for (const follower of [...this.followers.keys()]) follower(entry);
    }
  }
}

/** A container's stdout or stderr: writes go to its log; the last close ends the stream. */
export class LogStream extends OpenFile {
  constructor(
    private readonly log: ContainerLog,
    private readonly stream: LogStreamName,
  ) {
    super();
  }

  override write(data: string): WriteResult {
    if (data.length > 0) this.log.write(this.stream, data);
    return 'ok';
  }

  protected override closed(): void {
    this.log.close(this.stream);
  }
}

/**
 * The size of a pty runc has just allocated: none (0x0) until a client attached with a terminal
 * sends its own — which is why a shell redraws its prompt when `kubectl attach -t` arrives.
 */
export const UNSIZED_PTY: WindowSize = { cols: 0, rows: 0 };

/** A container started with `tty: true`: one terminal for stdin, stdout and stderr, logged as stdout. */
export class LogTty extends TtyFile {
  constructor(private readonly log: ContainerLog) {
    super((data) => log.write('stdout', data), UNSIZED_PTY);
  }

  protected override closed(): void {
    this.log.close('stdout');
  }
}
