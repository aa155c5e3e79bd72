/**
 * The shown lesson's checks, evaluated in the worker against the live cluster. Listing objects
 * costs, so checks are evaluated only when something may have changed (the store's
 * resourceVersion moved, or a terminal received keys: a command may have written a file), at most
 * every `intervalMs` of wall time; and the page hears only outcomes that differ from the last sent.
 */
import { describeCheck, evaluateCheck, type CheckOutcome, type ClusterView } from '../lessons/checks';
import type { Check } from '../lessons/types';

/** Outcomes keyed by `describeCheck(check)`: the panel looks them up by that key. */
export type CheckOutcomes = readonly (readonly [key: string, outcome: CheckOutcome])[];

/** Evaluates `checks` on `view`; returns the outcomes to send, or undefined when they equal `previous`. */
export function outcomesToSend(checks: readonly Check[], view: ClusterView, previous: CheckOutcomes | undefined): CheckOutcomes | undefined {
  const byKey = new Map(checks.map((check) => [describeCheck(check), evaluateCheck(check, view)] as const));
  const outcomes = [...byKey];
  return previous !== undefined && sameOutcomes(previous, outcomes) ? undefined : outcomes;
}

function sameOutcomes(a: CheckOutcomes, b: CheckOutcomes): boolean {
  return (
    a.length === b.length &&
    a.every(([key, outcome], i) => b[i]![0] === key && b[i]![1].passed === outcome.passed && b[i]![1].detail === outcome.detail)
  );
}

/** The loop's memory between frames: which checks, what was last sent, when and at which change. */
export class LessonCheckLoop {
  private checks: readonly Check[] = [];
  private sent: CheckOutcomes | undefined;
  private evaluatedAt = -Infinity;
  private evaluatedChange: string | undefined;

  constructor(private readonly intervalMs = 250) {}

  /** The page shows another lesson: its checks are evaluated at the next frame, and always sent. */
  show(checks: readonly Check[]): void {
    this.checks = checks;
    this.sent = undefined;
    this.evaluatedChange = undefined;
    this.evaluatedAt = -Infinity;
  }

  /**
   * Called every frame with the wall time and a token that differs whenever the cluster may have
   * changed; returns the outcomes to post, if any. `view` is only called when checks are evaluated.
   */
  frame(nowMs: number, change: string, view: () => ClusterView): CheckOutcomes | undefined {
    if (change === this.evaluatedChange || nowMs - this.evaluatedAt < this.intervalMs) return undefined;
    this.evaluatedAt = nowMs;
    this.evaluatedChange = change;
    const outcomes = outcomesToSend(this.checks, view(), this.sent);
    if (outcomes) this.sent = outcomes;
    return outcomes;
  }
}
