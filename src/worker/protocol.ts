/**
 * Messages between the page and the worker that runs the cluster. The page never holds the cluster,
 * only a projection of it: the worker sends views of the API objects that changed, batched per frame
 * (views.ts), and the output of the terminal sessions the page opened.
 */

import type { FastForwardState } from './time-control';
import type { Fault, FaultResult } from './faults';
import type { ObjectRef, ObjectReport } from './object-watch';
import type { Check } from '../lessons/types';
import type { CheckOutcomes } from './lesson-checks';
import type { EditRequest, EditResult } from '../userland/lib/editor';
import type { ObjectChange } from './views';
import type { TrafficEvent } from '../engine/runtime/process/network';
import type { CallSequence } from './api-calls';
import type { PackedSnapshot } from './packed-snapshot';
import type { SnapshotProblem } from '../engine/cluster/snapshot-validate';

/** What a live diagram streams from the worker while the page shows it. */
export type DiagramStream = 'traffic' | 'api-calls';

/** Simulated seconds per wall second the learner chose; 0 = paused. */
export type Speed = 0 | 1 | 2 | 5 | 10 | 60;

/** The time controls of the top bar. */
export type TimeControl =
  | { type: 'time-speed'; speed: Speed }
  /** Pauses, then moves time to the next scheduled event and runs it. */
  | { type: 'time-step' }
  /** Runs the cluster until it is quiet (at most 10 simulated minutes), across frames. */
  | { type: 'time-fast-forward' };

/** The simulated clock, reported a few times a second and after each time control. */
export interface TimeReport {
  type: 'time';
  simTimeMs: number;
  /** The cluster's own date and time, RFC 3339 (`2026-01-05T09:00:00Z`). */
  iso: string;
  speed: Speed;
  /** Simulated ms per wall ms reached lately: below `speed` when the cluster has more to do than a frame's budget allows. */
  pace: number;
  /** `running` while fast-forwarding; afterwards how the last one ended (`capped`: still busy after 10 minutes). */
  fastForward: 'idle' | FastForwardState;
}

/** Names a terminal session; chosen by the page, so it can route output before the worker answers. */
export type SessionId = number;

export type ToWorker =
  /** `snapshot`: a saved cluster to restore (validated here; an unreadable one gives a fresh cluster and `restore`'s problem). */
  | { type: 'start'; seed: number; workers: number; epochMs: number; snapshot?: unknown }
  /** The page's autosave and Export ask for the cluster as a snapshot; `onlyIfChanged` skips an unchanged one. */
  | { type: 'snapshot-request'; request: number; onlyIfChanged: boolean }
  /** Import checks a file before the page restarts the cluster from it. */
  | { type: 'snapshot-validate'; request: number; snapshot: unknown }
  | TimeControl
  /** The object view shows `ref`: the worker sends it now and whenever it changes (`object-report`), until `object-close`. */
  | { type: 'object-open'; request: number; ref: ObjectRef }
  | { type: 'object-close'; request: number }
  /** Fault injection from the cluster map (faults.ts); answered by `fault-done` with the same `request`. */
  | { type: 'fault'; request: number; fault: Fault }
  /** The checks of the lesson the page shows (plain data); the worker evaluates them as the cluster changes. */
  | { type: 'lesson-checks'; checks: Check[] }
  /** A root login on `node`'s host, in a terminal of cols × rows. */
  | { type: 'session-open'; id: SessionId; node: string; cols: number; rows: number }
  /** Keys as the terminal sends them (text, `\r`, `\x03` for Ctrl-C, escape sequences). */
  | { type: 'session-type'; id: SessionId; keys: string }
  | { type: 'session-resize'; id: SessionId; cols: number; rows: number }
  /** The page closed the tab: the session hangs up. */
  | { type: 'session-close'; id: SessionId }
  /** The editor reads or writes a node's host filesystem; the answer carries the same `request`. */
  | { type: 'file-call'; request: number; node: string; call: FileCall }
  /** The learner is done with an edit a terminal program asked for (`editor-open`). */
  | { type: 'editor-done'; request: number; result: EditResult }
  /** The page shows (`on`) or hides a diagram that streams: the worker gathers its events only while shown. */
  | { type: 'diagram-stream'; stream: DiagramStream; on: boolean };

export type FromWorker =
  | { type: 'ready'; simTimeMs: number }
  /** How a `start` with a snapshot went: restored (every node rebooted), or a fresh cluster because it could not be read (the page words the problem). */
  | { type: 'restore'; restored: true }
  | { type: 'restore'; restored: false; problem: SnapshotProblem }
  /** The answer to `snapshot-request` (no snapshot: nothing changed since the last one). */
  | { type: 'snapshot'; request: number; snapshot?: PackedSnapshot }
  | { type: 'snapshot-validated'; request: number; ok: true }
  | { type: 'snapshot-validated'; request: number; ok: false; problem: SnapshotProblem }
  | TimeReport
  /** The object an open object view shows, as `kubectl get -o yaml` prints it (no text: it is gone). */
  | { type: 'object-report'; request: number; report: ObjectReport }
  | { type: 'fault-done'; request: number; result: FaultResult }
  /** The API objects that changed since the last batch (the first batch: all of them), oldest change first. */
  | { type: 'objects'; simTimeMs: number; changes: ObjectChange[] }
  | { type: 'error'; message: string }
  /** The shown lesson's check outcomes, keyed by `describeCheck(check)`; sent when they differ from the last sent. */
  | { type: 'check-outcomes'; outcomes: CheckOutcomes }
  /** What the session printed since the last message (ANSI), batched per frame. */
  | { type: 'session-output'; id: SessionId; ansi: string }
  /** The shell exited (`exit`, Ctrl-D); no more output follows. */
  | { type: 'session-exit'; id: SessionId; code: number }
  /** The session could not open (no such node). */
  | { type: 'session-error'; id: SessionId; message: string }
  | { type: 'file-reply'; request: number; reply: FileReply }
  /** A program on `session`'s terminal (`vi pod.yaml`, `kubectl edit`) waits until the page answers `editor-done`. */
  | ({ type: 'editor-open'; request: number; session: SessionId } & EditRequest)
  /** The edit is over without an answer (Ctrl-C, the session closed): the page closes its tab. */
  | { type: 'editor-close'; request: number }
  /** The network's events this frame (connections, pings, DNS answers); `dropped` counts those over the frame's cap. */
  | { type: 'traffic'; events: TrafficEvent[]; dropped: number }
  /** The API calls that followed the last kubectl command, when they changed. */
  | { type: 'api-calls'; sequence: CallSequence };

/** What the editor asks of a node's files: paths are absolute (`/root/pod.yaml`). */
export type FileCall =
  | { op: 'list'; path: string }
  | { op: 'read'; path: string }
  | { op: 'write'; path: string; text: string };

export interface FileEntry {
  name: string;
  kind: 'file' | 'dir';
  size: number;
}

/** A list answers with `entries`, a read with `text`, a write with neither; a failure with a sentence to show. */
export type FileReply = { ok: true; entries?: FileEntry[]; text?: string } | { ok: false; error: string };
