/**
 * The page's projection of the cluster: fed only by worker messages, read by components through
 * narrow selectors. The cluster itself lives in the worker. Terminal output does not pass through
 * the store (it arrives every frame); it goes straight to the session's listener.
 */
import { create } from 'zustand';
import type { CheckOutcome } from '../lessons/checks';
import type { Check } from '../lessons/types';
import type { FileCall, FileReply, FromWorker, SessionId, TimeReport, ToWorker } from '../worker/protocol';
import { applyChanges, emptyViewMaps, type ViewMaps } from '../worker/views';

interface ClusterView {
  status: 'starting' | 'running' | 'failed';
  error?: string;
  simTimeMs: number;
  /** Views of the API objects by kind (views.ts), kept current by the worker's batches. */
  objects: ViewMaps;
  /** The simulated clock and its speed, as last reported (undefined until the first report). */
  time?: TimeReport;
  /** The shown lesson's check outcomes, keyed by `describeCheck(check)`. */
  checkOutcomes: ReadonlyMap<string, CheckOutcome>;
  apply(message: FromWorker): void;
}

export const useCluster = create<ClusterView>((set) => ({
  status: 'starting',
  simTimeMs: 0,
  objects: emptyViewMaps(),
  checkOutcomes: new Map(),
  apply(message) {
    if (message.type === 'objects') set((s) => ({ simTimeMs: message.simTimeMs, objects: applyChanges(s.objects, message.changes) }));
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

/** Starts the worker once; the terminal, editor and diagrams talk to it through `send`. */
export function startCluster(): void {
  if (worker) return;
  worker = new Worker(new URL('../worker/cluster.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'file-reply') return fileReplies.get(message.request)?.(message.reply);
    if ('id' in message) sessionListeners.get(message.id)?.(message);
    else useCluster.getState().apply(message);
  };
  worker.postMessage({ type: 'start', seed: 1, workers: 2, epochMs: Date.now() } satisfies ToWorker);
  if (shownChecks.length > 0) send({ type: 'lesson-checks', checks: shownChecks });
}

export function send(message: ToWorker): void {
  worker?.postMessage(message);
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

const fileReplies = new Map<number, (reply: FileReply) => void>();
let nextFileRequest = 1;

/** The editor's file list, open and save: a call on `node`'s host filesystem, answered by the worker. */
export function fileCall(node: string, call: FileCall): Promise<FileReply> {
  const request = nextFileRequest++;
  return new Promise((resolve) => {
    fileReplies.set(request, (reply) => {
      fileReplies.delete(request);
      resolve(reply);
    });
    send({ type: 'file-call', request, node, call });
  });
}
