// The page's side of a worker restart (a crash, an import, a reset): the store replaces the worker,
// and what the page had open on the old one — object views, streaming diagrams — must be asked of
// the new one, or an open drawer silently stops following its object. Run against the real store
// with a stand-in Worker that records what the page posts and lets the test answer or crash.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../../worker/protocol';
import type { ObjectRef, ObjectReport } from '../../worker/object-watch';

class FakeWorker {
  static made: FakeWorker[] = [];
  received: ToWorker[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: ToWorker): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker posts to the page. */
  say(message: FromWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
  /** An uncaught error in the worker, as the page's onerror hears it. */
  crash(): void {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
  opened(): Extract<ToWorker, { type: 'object-open' }>[] {
    return this.received.filter((m) => m.type === 'object-open');
  }
}
vi.stubGlobal('Worker', FakeWorker);
// Crashes are told apart by wall time (two within 15 s: start fresh); each test sets the clock.
const wall = vi.spyOn(performance, 'now');
afterAll(() => {
  vi.unstubAllGlobals();
  wall.mockRestore();
});

const { fileCall, injectFault, requestSnapshot, restartCluster, watchDiagramStream, watchObject } = await import('../store');

const latest = (): FakeWorker => FakeWorker.made.at(-1)!;
const pod: ObjectRef = { kind: 'Pod', namespace: 'default', name: 'nginx-deploy' };
const node: ObjectRef = { kind: 'Node', namespace: '', name: 'worker01' };
const snapshot = new TextEncoder().encode('{"saved": "by the old worker"}').buffer;
const report = (status: string): ObjectReport => ({ text: { head: 'kind: Pod\n', spec: 'spec: {}\n', status } });

let minute = 0;
beforeEach(() => {
  // A minute apart: each test's first crash is not a crash loop.
  minute += 60_000;
  wall.mockReturnValue(minute);
  restartCluster(undefined, { kind: 'reset' });
});

describe('a worker restart', () => {
  it('re-opens an object view on the new worker, which then feeds it', () => {
    const heard: ObjectReport[] = [];
    const close = watchObject(pod, (r) => heard.push(r));
    const old = latest();
    const [open] = old.opened();
    expect(open).toEqual({ type: 'object-open', request: expect.any(Number), ref: pod });
    old.say({ type: 'object-report', request: open!.request, report: report('restartCount: 0\n') });
    old.say({ type: 'snapshot', request: 0, snapshot });

    old.crash();
    const fresh = latest();
    expect(fresh).not.toBe(old);
    expect(old.terminated).toBe(true);
    // The cluster comes back from the last snapshot, then the view is asked for again, same request.
    expect(fresh.received[0]).toMatchObject({ type: 'start', snapshot });
    expect(fresh.opened()).toEqual([open]);
    fresh.say({ type: 'object-report', request: open!.request, report: report('restartCount: 1\n') });
    expect(heard.map((r) => r.text?.status)).toEqual(['restartCount: 0\n', 'restartCount: 1\n']);
    close();
  });

  it.each([
    ['a crash', () => latest().crash()],
    ['an import', () => restartCluster(snapshot, { kind: 'imported', name: 'cluster.json' })],
    ['a reset', () => restartCluster(undefined, { kind: 'reset' })],
  ])('after %s, only the views still open are asked for', (_, restart) => {
    const closePod = watchObject(pod, () => {});
    const closeNode = watchObject(node, () => {});
    closePod();
    expect(latest().received.at(-1)).toMatchObject({ type: 'object-close' });
    restart();
    expect(latest().opened().map((m) => m.ref)).toEqual([node]);
    closeNode();
    restart();
    expect(latest().opened()).toEqual([]);
  });

  it('a second crash soon after starts fresh, and the open view asks the fresh cluster (which may say the object is gone)', () => {
    const heard: ObjectReport[] = [];
    const close = watchObject(pod, (r) => heard.push(r));
    latest().say({ type: 'snapshot', request: 0, snapshot });
    latest().crash();
    expect(latest().received[0]).toMatchObject({ type: 'start', snapshot });
    wall.mockReturnValue(minute + 5_000);
    latest().crash();
    expect(latest().received[0]).toMatchObject({ type: 'start', snapshot: undefined });
    const [open] = latest().opened();
    expect(open?.ref).toEqual(pod);
    latest().say({ type: 'object-report', request: open!.request, report: {} });
    expect(heard).toEqual([{}]);
    close();
  });

  it('switches a shown diagram’s stream on again in the new worker, and its events reach the diagram', () => {
    const heard: FromWorker[] = [];
    const stop = watchDiagramStream('traffic', (m) => heard.push(m));
    expect(latest().received).toContainEqual({ type: 'diagram-stream', stream: 'traffic', on: true });
    latest().crash();
    expect(latest().received).toContainEqual({ type: 'diagram-stream', stream: 'traffic', on: true });
    latest().say({ type: 'traffic', events: [], dropped: 3 });
    expect(heard).toEqual([{ type: 'traffic', events: [], dropped: 3 }]);
    stop();
    restartCluster(undefined, { kind: 'reset' });
    expect(latest().received.filter((m) => m.type === 'diagram-stream')).toEqual([]);
  });

  it('answers what the old worker was asked and never answered, instead of leaving it waiting', async () => {
    const save = requestSnapshot(true);
    const file = fileCall('master01', { op: 'read', path: '/root/pod.yaml' });
    const fault = injectFault({ op: 'stop-kubelet', node: 'worker01' });
    latest().crash();
    await expect(save).rejects.toThrow('the cluster restarted before answering');
    await expect(file).resolves.toEqual({ ok: false, error: 'the cluster restarted before answering' });
    await expect(fault).resolves.toEqual({ ok: false, error: 'the cluster restarted before answering' });
    // The new worker is asked afresh, and its answers reach the new questions.
    const next = requestSnapshot(true);
    const asked = latest().received.find((m) => m.type === 'snapshot-request')!;
    latest().say({ type: 'snapshot', request: (asked as { request: number }).request, snapshot });
    await expect(next).resolves.toBe(snapshot);
  });
});

