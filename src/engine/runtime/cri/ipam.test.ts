import { describe, expect, it } from 'vitest';
import { PodCidrAllocator } from './ipam';

describe('PodCidrAllocator', () => {
  it('hands out .2, .3, … and keeps an address per key', () => {
    const ipam = new PodCidrAllocator('10.244.1.0/24');
    expect(ipam.allocate('a')).toBe('10.244.1.2');
    expect(ipam.allocate('b')).toBe('10.244.1.3');
    expect(ipam.allocate('a')).toBe('10.244.1.2');
  });

  it('does not reuse a freed address until the range wraps', () => {
    const ipam = new PodCidrAllocator('10.244.2.0/29'); // .2 .. .6 usable
    expect(['a', 'b', 'c'].map((k) => ipam.allocate(k))).toEqual(['10.244.2.2', '10.244.2.3', '10.244.2.4']);
    ipam.release('a');
    expect(ipam.allocate('d')).toBe('10.244.2.5');
    expect(ipam.allocate('e')).toBe('10.244.2.6');
    expect(ipam.allocate('f')).toBe('10.244.2.2');
    expect(ipam.allocate('g')).toBeUndefined();
  });

  it('claims addresses that pods already have', () => {
    const ipam = new PodCidrAllocator('10.244.0.0/24');
    ipam.claim('old', '10.244.0.7');
    expect(ipam.allocate('old')).toBe('10.244.0.7');
    expect(ipam.allocate('new')).toBe('10.244.0.8');
  });

  it('describes its range the way host-local prints it', () => {
    expect(new PodCidrAllocator('10.244.1.0/24').range).toBe('10.244.1.1-10.244.1.254');
    expect(new PodCidrAllocator('10.244.2.0/29').range).toBe('10.244.2.1-10.244.2.6');
  });
});
