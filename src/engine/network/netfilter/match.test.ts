import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { matches, RecentLists, statisticThreshold, type MatchEnv } from './match';
import type { Match, Packet } from './rules';

const packet = (over: Partial<Packet> = {}): Packet => ({
  protocol: 'tcp',
  srcIP: '10.244.1.9',
  srcPort: 40000,
  dstIP: '10.96.0.1',
  dstPort: 443,
  bytes: 60,
  mark: 0,
  ...over,
});

const env = (over: Partial<MatchEnv> = {}): MatchEnv => ({
  isLocal: (ip) => ip === '192.168.1.130',
  now: () => 0,
  rng: new Rng(1),
  recent: new RecentLists(),
  ...over,
});

describe('rule matching', () => {
  it.each<[string, Match, Partial<Packet>, boolean]>([
    ['no condition', {}, {}, true],
    ['-s network holding the source', { source: '10.244.0.0/16' }, {}, true],
    ['-s network without it', { source: '10.245.0.0/16' }, {}, false],
    ['! -s network holding the source', { source: '10.244.0.0/16', sourceNegated: true }, {}, false],
    ['! -s network without it (a node masqueraded)', { source: '10.244.0.0/16', sourceNegated: true }, { srcIP: '192.168.1.130' }, true],
    ['-s host /32', { source: '10.244.1.9/32' }, {}, true],
    ['-s bare address counts as /32', { source: '10.244.1.8' }, {}, false],
    ['-d /32', { destination: '10.96.0.1/32' }, {}, true],
    ['! -d /32', { destination: '10.96.0.1/32', destinationNegated: true }, {}, false],
    ['-d 0.0.0.0/0 holds everything', { destination: '0.0.0.0/0' }, { dstIP: '8.8.8.8' }, true],
    ['-p tcp on tcp', { protocol: 'tcp' }, {}, true],
    ['-p udp on tcp', { protocol: 'udp' }, {}, false],
    ['--dport equal', { protocol: 'tcp', dport: 443 }, {}, true],
    ['--dport different', { protocol: 'tcp', dport: 80 }, {}, false],
    ['--mark set', { mark: { value: 0x4000, mask: 0x4000 } }, { mark: 0x4000 }, true],
    ['--mark among other bits', { mark: { value: 0x4000, mask: 0x4000 } }, { mark: 0x4001 }, true],
    ['--mark unset', { mark: { value: 0x4000, mask: 0x4000 } }, {}, false],
    ['! --mark unset (KUBE-POSTROUTING returns)', { mark: { value: 0x4000, mask: 0x4000, negated: true } }, {}, true],
    ['! --mark set', { mark: { value: 0x4000, mask: 0x4000, negated: true } }, { mark: 0x4000 }, false],
    ['--ctstate NEW on a first packet', { ctstate: { states: ['NEW'] } }, {}, true],
    ['--ctstate INVALID', { ctstate: { states: ['INVALID'] } }, {}, false],
    ['! --ctstate RELATED,ESTABLISHED,DNAT before nat', { ctstate: { states: ['RELATED', 'ESTABLISHED', 'DNAT'], negated: true } }, {}, true],
    ['! --ctstate RELATED,ESTABLISHED,DNAT after DNAT', { ctstate: { states: ['RELATED', 'ESTABLISHED', 'DNAT'], negated: true } }, { dnat: true }, false],
    ['--dst-type LOCAL to the node', { dstTypeLocal: true }, { dstIP: '192.168.1.130' }, true],
    ['--dst-type LOCAL to a ClusterIP', { dstTypeLocal: true }, {}, false],
    ['--probability 1', { probability: 1 }, {}, true],
    ['--probability 0', { probability: 0 }, {}, false],
    ['everything at once', { source: '10.244.0.0/16', destination: '10.96.0.1/32', protocol: 'tcp', dport: 443, comment: 'x' }, {}, true],
  ])('%s', (_name, match, over, expected) => {
    expect(matches(match, packet(over), env())).toBe(expected);
  });

  it('keeps the kernel threshold of kube-proxy probabilities (31-bit fixed point of the ten-decimal text)', () => {
    expect(statisticThreshold(0.5)).toBe(0x40000000);
    expect(statisticThreshold(1 / 3)).toBe(Math.round(0.3333333333 * 2 ** 31));
  });

  it('remembers clients with --set and finds them with --rcheck within --seconds; --reap forgets the stale', () => {
    let now = 0;
    const e = env({ now: () => now });
    const set: Match = { recent: { name: 'KUBE-SEP-A', mode: 'set' } };
    const check: Match = { recent: { name: 'KUBE-SEP-A', mode: 'rcheck', seconds: 10800, reap: true } };
    expect(matches(check, packet(), e)).toBe(false);
    expect(matches(set, packet(), e)).toBe(true);
    now = 10_800_000;
    expect(matches(check, packet(), e)).toBe(true);
    expect(matches(check, packet({ srcIP: '10.244.1.10' }), e)).toBe(false);
    expect(matches({ recent: { name: 'KUBE-SEP-B', mode: 'rcheck', seconds: 10800 } }, packet(), e)).toBe(false);
    now = 10_800_001;
    expect(matches(check, packet(), e)).toBe(false);
    now = 0;
    // Reaped: even a check without --seconds no longer finds it.
    expect(matches({ recent: { name: 'KUBE-SEP-A', mode: 'rcheck' } }, packet(), e)).toBe(false);
  });

  it('rolls the dice only when the matches before the statistic held', () => {
    const rng = new Rng(7);
    const reference = new Rng(7);
    const e = env({ rng });
    matches({ destination: '10.0.0.1/32', probability: 0.5 }, packet(), e);
    expect(rng.uint32()).toBe(reference.uint32());
  });
});
