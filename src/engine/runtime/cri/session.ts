/**
 * The streams of `kubectl exec` and `kubectl attach`: input pushed in by the client, output and the
 * exit code handed back to whoever listens.
 */
import { SourceFile, type Process, type TtyFile } from '../process';
import type { StreamSession } from './types';

type Stdin = StreamSession['stdin'];

export class Session implements StreamSession {
  private readonly outputListeners: ((stream: 'stdout' | 'stderr', data: string) => void)[] = [];
  private readonly exitListeners: ((exitCode: number) => void)[] = [];
  private exitCode: number | undefined;

  /** Set once the exec'd process has been spawned (attach has none). */
  process: Process | undefined;

  constructor(
    readonly stdin: Stdin,
    /** The process's terminal, when the session has one: the client's window size goes there. */
    private readonly tty: TtyFile | undefined,
  ) {}

  /** The client's terminal size (the remotecommand resize stream): TIOCSWINSZ on the container's tty. */
  resize(cols: number, rows: number): void {
    this.tty?.resize(cols, rows);
  }

  onOutput(listener: (stream: 'stdout' | 'stderr', data: string) => void): void {
    this.outputListeners.push(listener);
  }

  /** Called at once if the session has already ended. */
  onExit(listener: (exitCode: number) => void): void {
    if (this.exitCode === undefined) this.exitListeners.push(listener);
    else listener(this.exitCode);
  }

  output(stream: 'stdout' | 'stderr', data: string): void {
    for (const listener of this.outputListeners) listener(stream, data);
  }

  exit(exitCode: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = exitCode;
    for (const listener of this.exitListeners.splice(0)) listener(exitCode);
  }
}

/**
 * An attached client's stdin. Its input goes to the container's stdin; when the client closes it,
 * the container sees end of file only if it was created with `stdinOnce` — otherwise stdin stays
 * open for the next `kubectl attach`.
 */
export class AttachedStdin extends SourceFile {
  constructor(
    /** The container's stdin (its terminal, with `tty`). */
    readonly target: SourceFile,
    private readonly once: boolean,
  ) {
    super();
  }

  override push(data: string): void {
    this.target.push(data);
  }

  override end(): void {
    if (this.once) this.target.end();
  }
}
