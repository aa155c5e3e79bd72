import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../sim/rng';
import { DEFAULT_TIMING, FAST_TIMING, draw, imagePullMs } from './timing';

const NGINX_BYTES = 70_000_000; // roughly the compressed size of nginx:1.2x

describe('timing profiles', () => {
  it('one seed, one history', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const drawAll = (rng: Rng) => [draw(DEFAULT_TIMING.sandboxCreate, rng), imagePullMs(DEFAULT_TIMING, rng, NGINX_BYTES, false), draw(DEFAULT_TIMING.containerStart, rng)];
    expect(drawAll(a)).toEqual(drawAll(b));
  });

  it('draws stay within delay … delay + jitter (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(10_000), fc.nat(10_000), (seed, delayMs, jitterMs) => {
        const ms = draw({ delayMs, jitterMs }, new Rng(seed));
        expect(ms).toBeGreaterThanOrEqual(delayMs);
        expect(ms).toBeLessThanOrEqual(delayMs + jitterMs);
      }),
    );
  });

  it('a first nginx pull takes a few seconds; a re-pull with cached layers about half a second', () => {
    for (let seed = 0; seed < 50; seed++) {
      const rng = new Rng(seed);
      const first = imagePullMs(DEFAULT_TIMING, rng, NGINX_BYTES, false);
      const again = imagePullMs(DEFAULT_TIMING, rng, NGINX_BYTES, true);
      expect(first).toBeGreaterThanOrEqual(2000);
      expect(first).toBeLessThanOrEqual(10_000);
      expect(again).toBeLessThan(1000);
    }
  });

  it('sandbox + create + start of a cached image fits in about a second (Created → Started same second)', () => {
    const rng = new Rng(1);
    const p = DEFAULT_TIMING;
    const startup = draw(p.sandboxCreate, rng) + draw(p.containerCreate, rng) + draw(p.containerStart, rng);
    expect(startup).toBeLessThan(1000);
    expect(p.containerCreate.delayMs + p.containerCreate.jitterMs + p.containerStart.delayMs + p.containerStart.jitterMs).toBeLessThan(1000);
  });

  it('the fast profile has no jitter', () => {
    const rng = new Rng(3);
    expect(draw(FAST_TIMING.sandboxCreate, rng)).toBe(1);
    expect(imagePullMs(FAST_TIMING, rng, NGINX_BYTES, false)).toBeLessThan(100);
  });

  it('node heartbeats: status every 10 s, reported every 5 min, lease 10 s of 40 s', () => {
    expect([DEFAULT_TIMING.nodeStatusUpdateMs, DEFAULT_TIMING.nodeStatusReportMs, DEFAULT_TIMING.leaseRenewMs, DEFAULT_TIMING.leaseDurationSeconds]).toEqual([
      10_000, 300_000, 10_000, 40,
    ]);
  });
});
