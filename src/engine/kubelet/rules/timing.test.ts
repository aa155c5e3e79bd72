import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../sim/rng';
import { DEFAULT_TIMING, FAST_TIMING, PRESTOP_EXTRA_GRACE_MS, draw, imagePullMs, programTiming, terminationOutcome } from './timing';

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

  it('unknown programs fall back to the default program timing', () => {
    expect(programTiming(DEFAULT_TIMING, 'myapp')).toBe(DEFAULT_TIMING.defaultProgram);
    expect(programTiming(DEFAULT_TIMING, 'nginx')).toBe(DEFAULT_TIMING.programs.nginx);
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

describe('termination', () => {
  it.each([
    // [program, grace s, preStop ms, kind, after ms]
    ['sleep', 30, 0, 'killed', 30_000],
    ['sh', 30, 0, 'killed', 30_000],
    ['sh', 5, 0, 'killed', 5_000],
    ['nginx', 30, 40_000, 'killed', 30_000 + PRESTOP_EXTRA_GRACE_MS],
    ['sleep', 0, 0, 'killed', 2000], // the kubelet's 2 s minimum grace
  ] as const)('%s with %d s grace and %d ms preStop → %s after %d ms', (program, grace, preStop, kind, after) => {
    const o = terminationOutcome(DEFAULT_TIMING, new Rng(1), program, grace, preStop);
    expect(o.kind).toBe(kind);
    expect(o.afterMs).toBe(after);
    if (o.kind === 'killed') expect(o.exitCode).toBe(137);
  });

  it('nginx exits on SIGQUIT well within a second, after any preStop', () => {
    for (let seed = 0; seed < 50; seed++) {
      const quick = terminationOutcome(DEFAULT_TIMING, new Rng(seed), 'nginx', 30);
      expect(quick.kind).toBe('exited');
      expect(quick.afterMs).toBeLessThan(1000);
      const afterHook = terminationOutcome(DEFAULT_TIMING, new Rng(seed), 'nginx', 30, 5000);
      expect(afterHook.afterMs).toBeGreaterThanOrEqual(5000);
      expect(afterHook.afterMs).toBeLessThan(6000);
    }
  });
});
