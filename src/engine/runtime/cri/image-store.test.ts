import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../sim/clock';
import { Rng } from '../../sim/rng';
import { DEFAULT_TIMING } from '../../kubelet/rules/timing';
import { imageCatalog } from '../images/catalog';
import { ImageStore } from './image-store';
import type { PullResult } from './types';

const NGINX_BYTES = 70_995_927;
const downloadMs = (bytes: number): number => Math.round((bytes / DEFAULT_TIMING.imagePull.bytesPerSecond) * 1000);
const { delayMs: minLatency, jitterMs } = DEFAULT_TIMING.imagePull.latency;

function node(): { clock: Clock; store: ImageStore; pull(image: string): { result: () => PullResult | undefined; at: () => number } } {
  const clock = new Clock();
  const store = new ImageStore({ clock, rng: new Rng(7), timing: DEFAULT_TIMING, catalog: imageCatalog });
  return {
    clock,
    store,
    pull(image) {
      let result: PullResult | undefined;
      let at = -1;
      store.pullImage(image, (r) => {
        result = r;
        at = clock.now();
      });
      return { result: () => result, at: () => at };
    },
  };
}

const ok = (result: PullResult | undefined): Extract<PullResult, { ok: true }> => {
  if (!result?.ok) throw new Error(`pull failed: ${JSON.stringify(result)}`);
  return result;
};

describe('ImageStore', () => {
  it('pulls from the catalogue in simulated time: round trips plus download', () => {
    const { clock, store, pull } = node();
    expect(store.imageStatus('nginx:1.25')).toBeUndefined();
    const p = pull('nginx:1.25');
    clock.runUntilQuiet();
    const { record, pullMs, includingWaitingMs } = ok(p.result());
    expect(pullMs).toBeGreaterThanOrEqual(minLatency + downloadMs(NGINX_BYTES));
    expect(pullMs).toBeLessThanOrEqual(minLatency + jitterMs + downloadMs(NGINX_BYTES));
    expect(p.at()).toBe(pullMs);
    expect(includingWaitingMs).toBe(pullMs);
    expect(record).toMatchObject({ ref: 'docker.io/library/nginx:1.25', sizeBytes: NGINX_BYTES });
    expect(record.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(store.imageStatus('nginx:1.25')).toBe(record);
    expect(store.imageStatus('docker.io/library/nginx:1.25')).toBe(record);
    expect(store.imageStatus(record.imageID.replace('docker.io/library/', ''))).toBe(record);
    // Another tag is another name: the kubelet must pull it (quickly, see below) before it is present.
    expect(store.imageStatus('nginx:latest')).toBeUndefined();
  });

  it('pulls one image at a time; a queued pull reports its wait', () => {
    const { clock, pull } = node();
    const first = pull('nginx:1.25');
    const second = pull('busybox:1.36');
    clock.runUntilQuiet();
    const a = ok(first.result());
    const b = ok(second.result());
    expect(second.at()).toBe(first.at() + b.pullMs);
    expect(b.includingWaitingMs).toBe(a.pullMs + b.pullMs);
    expect(b.includingWaitingMs).toBeGreaterThan(b.pullMs);
  });

  it('is quick when the node already has the layers: a re-pull, or the same image under another tag', () => {
    const { clock, store, pull } = node();
    pull('nginx:1.25');
    clock.runUntilQuiet();
    for (const image of ['nginx:1.25', 'nginx:latest', 'nginx']) {
      const again = pull(image);
      clock.runUntilQuiet();
      expect(ok(again.result()).pullMs).toBeLessThanOrEqual(minLatency + jitterMs);
    }
    expect(store.listImages().map((r) => r.ref)).toEqual(['docker.io/library/nginx:1.25', 'docker.io/library/nginx:latest']);
    expect(new Set(store.listImages().map((r) => r.imageID)).size).toBe(1);
  });

  it.each([
    {
      image: 'nginx:1.99',
      error: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
    },
    {
      image: 'ngnix',
      error: 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    },
    {
      image: 'busyBOX',
      error: 'rpc error: code = Unknown desc = failed to parse image reference "busyBOX": invalid reference format: repository name (library/busyBOX) must be lowercase',
    },
  ])('fails to pull $image with the registry\'s answer, after the round trips', ({ image, error }) => {
    const { clock, store, pull } = node();
    const p = pull(image);
    clock.runUntilQuiet();
    expect(p.result()).toEqual({ ok: false, error });
    expect(p.at()).toBeGreaterThanOrEqual(minLatency);
    expect(store.imageStatus(image)).toBeUndefined();
    expect(store.listImages()).toEqual([]);
  });

  it('keeps the queue going after a failed pull', () => {
    const { clock, pull } = node();
    const bad = pull('nginx:1.99');
    const good = pull('busybox:1.36');
    clock.runUntilQuiet();
    expect(bad.result()?.ok).toBe(false);
    expect(ok(good.result()).includingWaitingMs).toBe(good.at());
  });

  it('answers pulls in the order they were asked for, each after its own pull time, whatever the mix', () => {
    const images = fc.constantFrom('nginx:1.25', 'nginx:latest', 'busybox:1.36', 'busybox:1.28', 'nginx:1.99', 'ngnix', 'busyBOX');
    const requests = fc.array(fc.record({ image: images, gapMs: fc.nat(20_000) }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(requests, (asks) => {
        const { clock, store } = node();
        const answers: { index: number; requestedAt: number; at: number; result: PullResult }[] = [];
        asks.forEach(({ image, gapMs }, index) => {
          clock.advance(gapMs);
          const requestedAt = clock.now();
          store.pullImage(image, (result) => answers.push({ index, requestedAt, at: clock.now(), result }));
        });
        clock.runUntilQuiet();
        expect(answers.map((a) => a.index)).toEqual(asks.map((_, i) => i));
        let previous = 0;
        for (const { requestedAt, at, result } of answers) {
          if (result.ok) {
            expect(result.includingWaitingMs).toBe(at - requestedAt);
            expect(result.includingWaitingMs).toBeGreaterThanOrEqual(result.pullMs);
            // A pull starts when it is asked for or when the one before it is done, whichever is later.
            expect(at - result.pullMs).toBe(Math.max(requestedAt, previous));
          }
          previous = at;
        }
      }),
    );
  });
});
