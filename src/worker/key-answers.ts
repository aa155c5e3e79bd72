/**
 * When the page sees a terminal's answer to its keys. Keys are answered when they arrive, not at
 * the next frame: the clock first catches up with the wall clock. While a program reads the
 * terminal (the prompt, `cat`, a shell in a pod) the echo goes out at once.
 *
 * Once Enter has started a command, the echo waits for the command's answer instead. The worker
 * wakes whenever the clock's next event falls due (kubectl's response from the apiserver is a few
 * simulated milliseconds away) rather than at the next frame. A quick command's echo and output
 * then reach the page together and are painted in one frame, not in two frames a frame apart.
 * A command still running when the next frame comes is left to the frames.
 */

/** The worker's loop, as the answers need it. */
export interface AnswerLoop {
  /** Moves the simulated clock on to the wall clock (the pacer's tick). */
  catchUp(): void;
  /** Wall ms until the clock's next event is due; undefined when time stands still or nothing is due. */
  wallMsUntilNext(): number | undefined;
  /** Wall milliseconds. */
  wallNow(): number;
  /** Runs `run` after `ms` wall milliseconds. */
  wake(run: () => void, ms: number): void;
  /** Wall ms between two frames: at the latest, the next frame sends what the terminal printed. */
  readonly frameMs: number;
}

/** Wall milliseconds until `clock`'s next event at `speed` (at least 1, as timers go); undefined when paused or nothing is due. */
export function wallMsUntilNext(clock: { now(): number; nextDue(): number | undefined }, speed: number): number | undefined {
  const due = clock.nextDue();
  if (due === undefined || speed <= 0) return undefined;
  return Math.max(1, Math.ceil((due - clock.now()) / speed));
}

/** One terminal's answers: `answer()` after each batch of keys typed into it. */
export class KeyAnswers {
  private following = false;

  constructor(
    private readonly loop: AnswerLoop,
    private readonly terminal: { readonly waitingForInput: boolean },
    /** Sends what the terminal printed so far to the page. */
    private readonly send: () => void,
  ) {}

  answer(): void {
    this.loop.catchUp();
    if (this.terminal.waitingForInput) return this.send();
    if (!this.following) this.follow(this.loop.wallNow() + this.loop.frameMs);
  }

  /** Wakes at each event the clock has due before `until`, until the terminal is read again. */
  private follow(until: number): void {
    const wait = this.loop.wallMsUntilNext();
    if (wait === undefined || this.loop.wallNow() + wait > until) return;
    this.following = true;
    this.loop.wake(() => {
      this.following = false;
      this.loop.catchUp();
      if (this.terminal.waitingForInput) this.send();
      else this.follow(until);
    }, wait);
  }
}
