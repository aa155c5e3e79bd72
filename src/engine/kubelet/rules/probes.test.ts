import { describe, expect, it } from 'vitest';
import { simMillis } from '../../sim/clock';
import {
  type ProbeType,
  type ProbeVerdict,
  PROBE_DEFAULTS,
  firstAttemptAtOrAfter,
  httpStatusOutput,
  httpTimeoutOutput,
  initialVerdict,
  isHttpSuccess,
  probeAttemptAt,
  probeFailedMessage,
  probeKillingMessage,
  recordAttempt,
  tcpConnectionRefusedOutput,
  withProbeDefaults,
} from './probes';

const t0 = simMillis(0);
const s = (sec: number) => simMillis(sec * 1000);

describe('probe defaults', () => {
  it('match the API: delay 0, timeout 1 s, period 10 s, success 1, failure 3', () => {
    expect(PROBE_DEFAULTS).toEqual({ initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(withProbeDefaults({ periodSeconds: 3 })).toEqual({ ...PROBE_DEFAULTS, periodSeconds: 3 });
  });
});

describe('probe schedule', () => {
  // The tutorial's liveness-exec pod: `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600`.
  const livenessExec = withProbeDefaults({ initialDelaySeconds: 2, periodSeconds: 3 });

  it('attempts at initialDelay + k × period; a change is first noticed at the next attempt', () => {
    expect([0, 1, 2].map((k) => probeAttemptAt(livenessExec, t0, k))).toEqual([2000, 5000, 8000]);
    expect(firstAttemptAtOrAfter(livenessExec, t0, s(30))).toBe(32_000);
    expect(firstAttemptAtOrAfter(livenessExec, t0, s(1))).toBe(2000);
  });
});

describe('probe verdicts', () => {
  const fold = (type: ProbeType, attempts: boolean[], probe = {}): ProbeVerdict['result'][] => {
    const timing = withProbeDefaults(probe);
    let v = initialVerdict(type);
    return attempts.map((ok) => (v = recordAttempt(type, timing, v, ok)).result);
  };

  it('start values: liveness healthy, readiness not ready, startup unknown', () => {
    expect(['Liveness', 'Readiness', 'Startup'].map((t) => initialVerdict(t as ProbeType).result)).toEqual(['Success', 'Failure', 'Unknown']);
  });

  it('liveness flips only on the 3rd consecutive failure, then holds until a new container', () => {
    expect(fold('Liveness', [false, false, true, false, false, false, true])).toEqual([
      'Success', 'Success', 'Success', 'Success', 'Success', 'Failure', 'Failure',
    ]);
  });

  it('readiness goes ready on the first success and back on 3 failures, and keeps probing', () => {
    expect(fold('Readiness', [true, false, false, false, true])).toEqual(['Success', 'Success', 'Success', 'Failure', 'Success']);
  });

  it('readiness with successThreshold 2 needs two successes in a row', () => {
    expect(fold('Readiness', [true, false, true, true], { successThreshold: 2 })).toEqual(['Failure', 'Failure', 'Failure', 'Success']);
  });
});

describe('probe texts', () => {
  const target = { host: '10.244.1.5', port: 80 };

  it.each([
    [200, true],
    [301, true],
    [399, true],
    [400, false],
    [404, false],
    [500, false],
    [199, false],
  ])('HTTP %d → success %s', (code, ok) => {
    expect(isHttpSuccess(code)).toBe(ok);
  });

  it('event messages', () => {
    expect(probeFailedMessage('Liveness', httpStatusOutput(404))).toBe('Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(httpTimeoutOutput(target)).toBe('Get "http://10.244.1.5:80/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
    expect(tcpConnectionRefusedOutput('10.244.1.5', 8080)).toBe('dial tcp 10.244.1.5:8080: connect: connection refused');
    expect(probeFailedMessage('Liveness', "cat: can't open '/tmp/healthy': No such file or directory")).toBe(
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
    expect(probeFailedMessage('Startup', '')).toBe('Startup probe failed: ');
    expect(probeKillingMessage('liveness', 'Liveness')).toBe('Container liveness failed liveness probe, will be restarted');
    expect(probeKillingMessage('app', 'Startup')).toBe('Container app failed startup probe, will be restarted');
  });
});
