/**
 * The page's projection of the cluster: fed only by worker messages, read by components through
 * narrow selectors. The cluster itself lives in the worker. Terminal output does not pass through
 * the store (it arrives every frame); it goes straight to the session's listener.
 */
import { create } from 'zustand';
import type { CheckOutcome } from '../lessons/checks';
import type { Check } from '../lessons/types';
import type { EditResult } from '../userland/lib/editor';
import { editingNotice } from './editor/notice';
import type { DiagramStream, FileCall, FileReply, FromWorker, SessionId, TimeReport, ToWorker } from '../worker/protocol';
import { applyChanges, changeTimes, emptyViewMaps, type ViewMaps } from '../worker/views';
import type { Fault, FaultResult } from '../worker/faults';
import type { ObjectRef, ObjectReport } from '../worker/object-watch';
import type { PackedSnapshot } from '../worker/packed-snapshot';
import type { SnapshotProblem } from '../engine/cluster/snapshot-validate';
import { readSavedCluster } from './persist/saved';
import { showPersistNotice, type PersistNotice } from './persist/notice';
import { restoreSavedPage } from './persist/page-state';
import { recallSpeed, rememberSpeed } from './remember';

interface ClusterView {
  status: 'starting' | 'running' | 'failed';
  error?: string;
  simTimeMs: number;
  /** Views of the API objects by kind (views.ts), kept current by the worker's batches. */
  objects: ViewMaps;
  /** When each object of the last batch changed (simulated ms, by `changeKey`): the diagrams' history draws it there. */
  changedAt: ReadonlyMap<string, number>;
  /** The simulated clock and its speed, as last reported (undefined until the first report). */
  time?: TimeReport;
  /** The shown lesson's check outcomes, keyed by `describeCheck(check)`. */
  checkOutcomes: ReadonlyMap<string, CheckOutcome>;
  /** Edits terminal programs wait for (`vi pod.yaml`, `kubectl edit`), oldest first: tabs of the editor panel. */
  edits: EditRequest[];
  apply(message: FromWorker): void;
}

/** A file a terminal program handed to the editor panel; answered with `answerEdit`. */
export type EditRequest = Extract<FromWorker, { type: 'editor-open' }>;

export const useCluster = create<ClusterView>((set) => ({
  status: 'starting',
  simTimeMs: 0,
  objects: emptyViewMaps(),
  changedAt: new Map(),
  checkOutcomes: new Map(),
  edits: [],
  apply(message) {
    if (message.type === 'editor-open') set((s) => ({ edits: [...s.edits, message] }));
    if (message.type === 'editor-close') set((s) => ({ edits: s.edits.filter((e) => e.request !== message.request) }));
    if (message.type === 'objects') set((s) => ({ simTimeMs: message.simTimeMs, objects: applyChanges(s.objects, message.changes), changedAt: changeTimes(message.changes) }));
    if (message.type === 'ready') set({ status: 'running', simTimeMs: message.simTimeMs });
    if (message.type === 'time') set({ time: message });
    if (message.type === 'check-outcomes') set({ checkOutcomes: new Map(message.outcomes) });
    if (message.type === 'error') set({ status: 'failed', error: message.message });
  },
}));

/** What a terminal session hears from the worker. */
export type SessionMessage = Extract<FromWorker, { id: SessionId }>;

let worker: Worker | undefined;
/** The shown lesson's checks, for a worker that starts after the lesson was shown. */
let shownChecks: Check[] = [];
const sessionListeners = new Map<SessionId, (message: SessionMessage) => void>();

let starting = false;

/**
 * Starts the worker once, from the cluster saved in IndexedDB if there is one; the terminal, editor
 * and diagrams talk to it through `send`.
 */
export function startCluster(): void {
  if (starting) return;
  starting = true;
  void readSavedCluster().then((saved) => {
    restoreSavedPage(saved?.page);
    launchWorker(saved?.snapshot, saved && { kind: 'restored', savedAt: saved.savedAt });
  });
}

/** The last snapshot the worker gave (autosave, export): where a crashed worker starts again. */
let lastSnapshot: PackedSnapshot | undefined;
/** When the worker was last started again after a crash: a second crash soon after starts fresh. */
let crashRestartAt = -Infinity;
const CRASH_LOOP_MS = 15_000;

/**
 * Replaces the worker: a fresh cluster, or one restored from `snapshot` (Import, crash recovery).
 * While it starts the terminal tabs close their sessions; they log in again once it runs.
 */
export function restartCluster(snapshot: unknown, notice: PersistNotice): void {
  worker?.terminate();
  worker = undefined;
  for (const requests of [snapshotReplies, fileReplies, faultReplies]) requests.loseAll();
  lastSnapshot = undefined;
  useCluster.setState({ status: 'starting', error: undefined, objects: emptyViewMaps(), changedAt: new Map(), checkOutcomes: new Map(), edits: [] });
  // A fresh start cannot fail to restore: say so now. A restore is announced when the worker has done it.
  showPersistNotice(snapshot === undefined ? notice : undefined);
  launchWorker(snapshot, notice);
}

/** The worker died (an uncaught error): start again from the last snapshot, or fresh if that crashes too. */
function recoverFromCrash(): void {
  const again = performance.now() - crashRestartAt < CRASH_LOOP_MS;
  crashRestartAt = performance.now();
  const snapshot = again ? undefined : lastSnapshot;
  restartCluster(snapshot, { kind: 'crashed', fromSnapshot: snapshot !== undefined });
}

/** `onRestored`: the notice to show if the worker restores `snapshot` (a failed restore says why instead). */
function launchWorker(snapshot: unknown, onRestored: PersistNotice | undefined): void {
  worker = new Worker(new URL('../worker/cluster.worker.ts', import.meta.url), { type: 'module' });
  worker.onerror = (event) => {
    event.preventDefault();
    recoverFromCrash();
  };
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'file-reply') return fileReplies.answer(message.request, message.reply);
    if (message.type === 'object-report') return objectWatches.get(message.request)?.listener(message.report);
    if (message.type === 'fault-done') return faultReplies.answer(message.request, message.result);
    if (message.type === 'restore') return showPersistNotice(message.restored ? onRestored : { kind: 'unreadable', problem: message.problem });
    if (message.type === 'snapshot') {
      if (message.snapshot) lastSnapshot = message.snapshot;
      return snapshotReplies.answer(message.request, message);
    }
    if (message.type === 'snapshot-validated') return snapshotReplies.answer(message.request, message);
    // While the editor has the file, the terminal says where it went (the program itself prints nothing).
    if (message.type === 'editor-open') sessionListeners.get(message.session)?.({ type: 'session-output', id: message.session, ansi: editingNotice(message.title) });
    if (message.type === 'traffic' || message.type === 'api-calls') return streamListeners.get(message.type)?.forEach((_, listener) => listener(message));
    if ('id' in message) sessionListeners.get(message.id)?.(message);
    else useCluster.getState().apply(message);
    if (message.type === 'time' && message.speed !== recallSpeed()) rememberSpeed(message.speed);
  };
  worker.postMessage({ type: 'start', seed: 1, workers: 2, epochMs: Date.now(), snapshot } satisfies ToWorker);
  // The clock runs at the speed the learner left it at (a new worker starts at 1×).
  if (recallSpeed() !== 1) send({ type: 'time-speed', speed: recallSpeed() });
  if (shownChecks.length > 0) send({ type: 'lesson-checks', checks: shownChecks });
  for (const stream of streamListeners.keys()) send({ type: 'diagram-stream', stream, on: true });
  // Object views open before a restart (crash, import) follow their object on the new worker.
  for (const [request, { ref }] of objectWatches) send({ type: 'object-open', request, ref });
}

/** What a streaming diagram hears from the worker (not cluster state: the diagram keeps what it needs). */
export type DiagramStreamMessage = Extract<FromWorker, { type: DiagramStream }>;
/**
 * Each stream's listeners, with how many shown diagrams use each: a diagram can be on its tab and in
 * a lesson at once, and one listener must hear each message once.
 */
const streamListeners = new Map<DiagramStream, Map<(message: DiagramStreamMessage) => void, number>>();

/** A shown diagram's feed: the worker gathers it only while someone listens. Returns the stop function. */
export function watchDiagramStream(stream: DiagramStream, listener: (message: DiagramStreamMessage) => void): () => void {
  const listeners = streamListeners.get(stream) ?? new Map<(message: DiagramStreamMessage) => void, number>();
  streamListeners.set(stream, listeners.set(listener, (listeners.get(listener) ?? 0) + 1));
  if (listeners.size === 1 && listeners.get(listener) === 1) send({ type: 'diagram-stream', stream, on: true });
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    const left = (listeners.get(listener) ?? 1) - 1;
    if (left > 0) return void listeners.set(listener, left);
    listeners.delete(listener);
    if (listeners.size > 0) return;
    streamListeners.delete(stream);
    send({ type: 'diagram-stream', stream, on: false });
  };
}

export function send(message: ToWorker): void {
  worker?.postMessage(message);
}

const LOST = 'the cluster restarted before answering';

/**
 * Questions the worker answers once, each by its number. A worker that stops before answering (a
 * crash, an import, a reset) cannot answer the ones it still had — the new one never heard them —
 * so they get `lost` (or fail, without one) instead of waiting forever.
 */
class Requests<R> {
  private next = 1;
  private readonly waiting = new Map<number, { resolve(reply: R): void; reject(error: Error): void }>();

  constructor(private readonly lost?: R) {}

  ask(post: (request: number) => void): Promise<R> {
    const request = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(request, { resolve, reject });
      post(request);
    });
  }

  answer(request: number, reply: R): void {
    this.waiting.get(request)?.resolve(reply);
    this.waiting.delete(request);
  }

  loseAll(): void {
    for (const { resolve, reject } of this.waiting.values()) {
      if (this.lost === undefined) reject(new Error(LOST));
      else resolve(this.lost);
    }
    this.waiting.clear();
  }
}

type SnapshotReply = Extract<FromWorker, { type: 'snapshot' | 'snapshot-validated' }>;
const snapshotReplies = new Requests<SnapshotReply>();

function askWorker<R extends SnapshotReply>(message: (request: number) => ToWorker): Promise<R> {
  return snapshotReplies.ask((request) => send(message(request))) as Promise<R>;
}

/** The running cluster as a snapshot (undefined: `onlyIfChanged` and nothing changed since the last one). */
export async function requestSnapshot(onlyIfChanged: boolean): Promise<PackedSnapshot | undefined> {
  const reply = await askWorker<Extract<SnapshotReply, { type: 'snapshot' }>>((request) => ({ type: 'snapshot-request', request, onlyIfChanged }));
  return reply.snapshot;
}

/** The worker's verdict on a snapshot file: undefined if it can be restored, else why not. */
export async function checkSnapshot(snapshot: unknown): Promise<SnapshotProblem | undefined> {
  const reply = await askWorker<Extract<SnapshotReply, { type: 'snapshot-validated' }>>((request) => ({ type: 'snapshot-validate', request, snapshot }));
  return reply.ok ? undefined : reply.problem;
}

/** Tells the worker which checks the shown lesson has; their outcomes arrive in `checkOutcomes`. */
export function showLessonChecks(checks: readonly Check[]): void {
  shownChecks = [...checks];
  send({ type: 'lesson-checks', checks: [...checks] });
}

let nextSessionId = 1;

/** Opens a login session on `node`; `listener` hears its output and its exit. Returns its id. */
export function openSession(node: string, cols: number, rows: number, listener: (message: SessionMessage) => void): SessionId {
  const id = nextSessionId++;
  sessionListeners.set(id, listener);
  send({ type: 'session-open', id, node, cols, rows });
  return id;
}

/** Hangs up a session and stops listening to it. */
export function closeSession(id: SessionId): void {
  if (!sessionListeners.delete(id)) return;
  send({ type: 'session-close', id });
}

const fileReplies = new Requests<FileReply>({ ok: false, error: LOST });

/** The editor's file list, open and save: a call on `node`'s host filesystem, answered by the worker. */
export function fileCall(node: string, call: FileCall): Promise<FileReply> {
  return fileReplies.ask((request) => send({ type: 'file-call', request, node, call }));
}

/** The learner is done with an edit: saved (the text goes back to the program) or not. Its tab closes. */
export function answerEdit(request: number, result: EditResult): void {
  send({ type: 'editor-done', request, result });
  useCluster.getState().apply({ type: 'editor-close', request });
}

/** The open object views by request number: what each shows, and who hears it. */
const objectWatches = new Map<number, { ref: ObjectRef; listener: (report: ObjectReport) => void }>();
const faultReplies = new Requests<FaultResult>({ ok: false, error: LOST });
let nextObjectRequest = 1;

/** The object view shows `ref`: `listener` hears it now and at every change, until the returned close is called. */
export function watchObject(ref: ObjectRef, listener: (report: ObjectReport) => void): () => void {
  const request = nextObjectRequest++;
  objectWatches.set(request, { ref, listener });
  send({ type: 'object-open', request, ref });
  return () => {
    objectWatches.delete(request);
    send({ type: 'object-close', request });
  };
}

/** Stops or starts a kubelet, kills a container (worker/faults.ts); resolves with what happened. */
export function injectFault(fault: Fault): Promise<FaultResult> {
  return faultReplies.ask((request) => send({ type: 'fault', request, fault }));
}
