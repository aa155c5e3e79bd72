/**
 * The Web Worker that hosts the simulated cluster. It owns the pace of simulated time (the engine
 * itself never reads the wall clock), posts what changed to the page, and runs the page's terminal
 * sessions: the same login sessions `kubeplay` drives in a real terminal (src/userland/session).
 */
import { Cluster } from '../engine/cluster/cluster';
import { loadSchemaDocs, provideSchemaDocs } from '../engine/api/schema';
import { openSession, type Session } from '../userland/session';
import { answerFileCall } from './host-files';
import { EditorBridge } from './editor-bridge';
import { injectFault } from './faults';
import { KeyAnswers, wallMsUntilNext, type AnswerLoop } from './key-answers';
import { ObjectWatches } from './object-watch';
import { OutputQueue } from './output-queue';
import { SnapshotPacker } from './packed-snapshot';
import { Projection } from './projection';
import { clusterView } from '../lessons/cluster-view';
import { LessonCheckLoop } from './lesson-checks';
import { paceWithWallClock } from './pacer';
import type { Speed, TimeControl } from './protocol';
import { fastForwardUntilQuiet, stepToNextEvent, type FastForwardState } from './time-control';
import type { DiagramStream, FileCall, FileReply, FromWorker, SessionId, ToWorker } from './protocol';
import { TrafficStream } from './traffic';
import { ApiCallRecorder } from './api-calls';
import { SnapshotTaker, startCluster } from './snapshot';
import { validateSnapshot } from '../engine/cluster/snapshot-validate';

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

/** One frame: the clock moves and session output goes out this often (wall ms). */
const FRAME_MS = 16;
/** The simulated clock is reported this often (wall ms). */
const TIME_REPORT_MS = 200;

let cluster: Cluster | undefined;
/** The page's view of the API objects: what changed goes out once a frame. */
let projection: Projection | undefined;
const sessions = new Map<SessionId, { session: Session; output: OutputQueue; answers: KeyAnswers }>();
/** `vi` and `kubectl edit` in a session open the page's editor panel; what the terminal printed before goes first. */
const editors = new EditorBridge((message) => {
  if (message.type === 'editor-open') {
    const entry = sessions.get(message.session);
    if (entry) flush(message.session, entry.output);
  }
  scope.postMessage(message);
});

// Time controls. Paused, time stands still but events due at the current instant still run (see
// the pacer): a session echoes keys, prints its prompt and runs `echo`, while `sleep 5` or a pull
// waits for play — the page says so next to the terminal. Advancing time for one session alone is
// impossible with one clock for the whole cluster, and would not be honest either.
let speed: Speed = 1;
/** Moves the clock on by the wall time since it last ran (the pacer), once the cluster runs. */
let tick: (() => number) | undefined;
/** A fast-forward in progress (called once a frame), and how the last one went. */
let fastForward: (() => FastForwardState) | undefined;
let fastForwardState: 'idle' | FastForwardState = 'idle';
/** The last regular time report: the pace reached is measured between two of them. */
let timeReported = { wall: 0, sim: 0, pace: 1 };
const lessonChecks = new LessonCheckLoop();
/** Messages from the page so far: any of them (keys, an editor's save) may have changed a file a check reads. */
let pageMessages = 0;
/** The streaming diagrams the page shows, and their feeds. */
const shownStreams = new Set<DiagramStream>();
let traffic: TrafficStream | undefined;
let apiCalls: ApiCallRecorder | undefined;

const snapshots = new SnapshotTaker();
const packer = new SnapshotPacker();

scope.onmessage = (event) => {
  const message = event.data;
  // Before counting page messages: asking for a snapshot changes nothing a snapshot holds.
  if (message.type === 'snapshot-request') return answerSnapshot(message.request, message.onlyIfChanged);
  if (message.type === 'snapshot-validate') return answerValidate(message.request, message.snapshot);
  // Showing a diagram changes nothing in the cluster either.
  if (message.type === 'diagram-stream') return showDiagramStream(message.stream, message.on);
  pageMessages++;
  if (message.type === 'start') return start(message.seed, message.workers, message.epochMs, message.snapshot);
  if (message.type === 'lesson-checks') return lessonChecks.show(message.checks);
  if (!cluster) return;
  if (message.type === 'time-speed' || message.type === 'time-step' || message.type === 'time-fast-forward') return controlTime(message);
  if (message.type === 'session-open') return open(message.id, message.node, message.cols, message.rows);
  if (message.type === 'file-call') return fileCall(message.request, message.node, message.call);
  if (message.type === 'object-open') return objectWatches().watch(message.request, message.ref);
  if (message.type === 'object-close') return objectWatches().unwatch(message.request);
  if (message.type === 'fault') return scope.postMessage({ type: 'fault-done', request: message.request, result: injectFault(cluster, message.fault) });
  if (message.type === 'editor-done') return editors.answer(message.request, message.result);
  const entry = sessions.get(message.id);
  if (!entry) return;
  if (message.type === 'session-type') {
    entry.session.type(message.keys);
    runClock(() => entry.answers.answer());
  }
  if (message.type === 'session-resize') entry.session.resize(message.cols, message.rows);
  if (message.type === 'session-close') {
    sessions.delete(message.id);
    editors.closeSession(message.id);
    entry.session.close();
  }
};

function start(seed: number, workers: number, epochMs: number, saved: unknown): void {
  if (cluster) return;
  try {
    const started = startCluster({ seed, workers, epochMs }, saved);
    cluster = started.cluster;
    if (started.restored) scope.postMessage({ type: 'restore', restored: true });
    else if (started.unreadable !== undefined) scope.postMessage({ type: 'restore', restored: false, problem: started.unreadable });
    projection = new Projection(cluster.client('kubeplay-ui'), () => cluster!.clock.now());
    traffic = new TrafficStream(cluster.network);
    apiCalls = new ApiCallRecorder({ api: cluster.api, runtimes: [...cluster.machines.values()].map((m) => m.containerd) });
    showDiagramStream();
    // kubectl explain's descriptions: a chunk of their own, fetched in the background.
    const docs = provideSchemaDocs(cluster.kernel);
    void loadSchemaDocs().then((d) => docs.supply(d));
    scope.postMessage({ type: 'ready', simTimeMs: cluster.clock.now() });
    // A fast-forward drives the clock itself; the pacer only keeps up with the wall clock meanwhile.
    tick = paceWithWallClock(cluster.clock, { now: () => performance.now(), speed: () => (fastForward ? 0 : speed) });
    setInterval(frame, FRAME_MS);
  } catch (error) {
    scope.postMessage({ type: 'error', message: String(error) });
  }
}

function answerSnapshot(request: number, onlyIfChanged: boolean): void {
  const taken = cluster && snapshots.take(cluster, pageMessages, onlyIfChanged);
  if (!taken) return scope.postMessage({ type: 'snapshot', request });
  const snapshot = packer.pack(taken);
  scope.postMessage({ type: 'snapshot', request, snapshot }, [snapshot]);
}

function answerValidate(request: number, snapshot: unknown): void {
  const validated = validateSnapshot(snapshot);
  scope.postMessage(validated.ok ? { type: 'snapshot-validated', request, ok: true } : { type: 'snapshot-validated', request, ok: false, problem: validated.problem });
}

function open(id: SessionId, node: string, cols: number, rows: number): void {
  try {
    const session = openSession(cluster!, { node, cols, rows, editor: editors.editorFor(id) });
    const output = new OutputQueue();
    session.onOutput((ansi) => output.push(ansi));
    session.onExit((status) => {
      // The last words go out before the exit, in the same frame.
      flush(id, output);
      sessions.delete(id);
      scope.postMessage({ type: 'session-exit', id, code: status.code });
    });
    sessions.set(id, { session, output, answers: new KeyAnswers(answerLoop, session, () => flush(id, output)) });
  } catch (error) {
    scope.postMessage({ type: 'session-error', id, message: error instanceof Error ? error.message : String(error) });
  }
}

function fileCall(request: number, node: string, call: FileCall): void {
  const machine = cluster!.machines.get(node);
  const reply: FileReply = machine ? answerFileCall(machine.host.fs, call, cluster!.clock.now()) : { ok: false, error: `no node named ${node}` };
  scope.postMessage({ type: 'file-reply', request, reply });
}

function frame(): void {
  runClock(() => {
    if (fastForward) fastForwardFrame(fastForward);
    tick?.();
  });
  for (const [id, { output }] of sessions) flush(id, output);
  reportTime(false);
  publishObjectReports();
  publishChanges();
  publishDiagramStreams();
  checkLesson(performance.now());
}

/** How keys are answered between frames (key-answers.ts). A fast-forward drives the clock itself. */
const answerLoop: AnswerLoop = {
  catchUp: () => tick?.(),
  wallMsUntilNext: () => (cluster && !fastForward ? wallMsUntilNext(cluster.clock, speed) : undefined),
  wallNow: () => performance.now(),
  wake: (run, ms) => setTimeout(() => runClock(run), ms),
  frameMs: FRAME_MS,
};

function runClock(run: () => void): void {
  try {
    run();
  } catch (error) {
    // An engine exception is a bug; it is reported and the cluster keeps going.
    scope.postMessage({ type: 'error', message: String(error) });
  }
}

/** Evaluates the shown lesson's checks when the store or a file may have changed, and posts news. */
function checkLesson(now: number): void {
  if (!cluster) return;
  const live = cluster;
  const outcomes = lessonChecks.frame(now, `${live.api.store.resourceVersion}/${pageMessages}`, () => clusterView(live));
  if (outcomes) scope.postMessage({ type: 'check-outcomes', outcomes: [...outcomes] });
}

function controlTime(control: TimeControl): void {
  const clock = cluster!.clock;
  fastForward = undefined;
  fastForwardState = 'idle';
  try {
    if (control.type === 'time-speed') speed = control.speed;
    if (control.type === 'time-step') {
      speed = 0;
      stepToNextEvent(clock);
    }
    if (control.type === 'time-fast-forward') {
      // Quiet includes the terminals: a command still running (kubectl create, sleep) is waited for.
      const idle = () => [...sessions.values()].every(({ session }) => session.waitingForInput);
      fastForward = fastForwardUntilQuiet(clock, { now: () => performance.now(), idle });
      fastForwardState = 'running';
    }
  } catch (error) {
    scope.postMessage({ type: 'error', message: String(error) });
  }
  reportTime(true);
}

function fastForwardFrame(run: () => FastForwardState): void {
  fastForwardState = run();
  if (fastForwardState === 'running') return;
  fastForward = undefined;
  reportTime(true);
}

/** Posts the clock every TIME_REPORT_MS, or at once (`now`) after a control; the pace is measured between regular reports. */
function reportTime(now: boolean): void {
  if (!cluster) return;
  const wall = performance.now();
  const sim = cluster.clock.now();
  if (!now && wall - timeReported.wall < TIME_REPORT_MS) return;
  if (!now) timeReported = { wall, sim, pace: (sim - timeReported.sim) / (wall - timeReported.wall) };
  scope.postMessage({ type: 'time', simTimeMs: sim, iso: cluster.clock.timestamp(), speed, pace: timeReported.pace, fastForward: fastForwardState });
}

function flush(id: SessionId, output: OutputQueue): void {
  const ansi = output.take();
  if (ansi) scope.postMessage({ type: 'session-output', id, ansi });
}

/** The API objects that changed this frame, as one batch of views. */
function publishChanges(): void {
  const changes = projection?.take();
  if (changes) scope.postMessage({ type: 'objects', simTimeMs: cluster!.clock.now(), changes });
}

/** The object views the page has open, fed from the cluster once it runs. */
let objectFeed: ObjectWatches | undefined;
function objectWatches(): ObjectWatches {
  const live = cluster!;
  return (objectFeed ??= new ObjectWatches({ client: live.client('kubeplay-ui'), kubeletRunning: (node) => live.kubelets.get(node)?.running }));
}

/** The open object views whose object changed this frame. */
function publishObjectReports(): void {
  for (const { request, report } of objectFeed?.take() ?? []) scope.postMessage({ type: 'object-report', request, report });
}

/** A diagram shown or hidden (none: apply what the page asked before the cluster started). */
function showDiagramStream(stream?: DiagramStream, on?: boolean): void {
  if (stream) {
    if (on) shownStreams.add(stream);
    else shownStreams.delete(stream);
  }
  traffic?.show(shownStreams.has('traffic'));
  apiCalls?.show(shownStreams.has('api-calls'));
}

/** This frame's traffic, and the last command's API calls when they changed, for the diagrams shown. */
function publishDiagramStreams(): void {
  const batch = traffic?.take();
  if (batch) scope.postMessage({ type: 'traffic', events: batch.events, dropped: batch.dropped });
  const sequence = apiCalls?.take();
  if (sequence) scope.postMessage({ type: 'api-calls', sequence });
}
