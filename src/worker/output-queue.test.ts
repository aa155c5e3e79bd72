import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { keepTail, OutputQueue } from './output-queue';

describe('keepTail', () => {
  test.each([
    ['within the limit: unchanged', 'abc\ndef', 10, 'abc\ndef'],
    ['exactly the limit: unchanged', 'abc\ndef', 7, 'abc\ndef'],
    ['over: the newest whole lines', 'one\ntwo\nthree\n', 10, 'three\n'],
    ['an escape sequence is never cut: the window starts after a newline', 'y\n\x1b[01;31mred\x1b[0m\n', 17, '\x1b[01;31mred\x1b[0m\n'],
    ['no newline in the window: the last characters', 'abcdefgh', 3, 'fgh'],
    ['only the final newline in the window: the last characters, never nothing', 'ab\ncdefgh\n', 4, 'fgh\n'],
  ])('%s', (_name, text, limit, expected) => {
    expect(keepTail(text, limit)).toBe(expected);
  });

  test('property: the result is a suffix of the text, within the limit, starting at a line start when one is in reach', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\x1b', '[') }), fc.integer({ min: 1, max: 40 }), (text, limit) => {
        const kept = keepTail(text, limit);
        expect(text.endsWith(kept)).toBe(true);
        expect(kept.length).toBeLessThanOrEqual(limit);
        if (text.length > limit) expect(kept.length).toBeGreaterThan(0);
        if (text.length > limit && text.slice(-limit, -1).includes('\n')) expect(text[text.length - kept.length - 1]).toBe('\n');
      }),
    );
  });
});

describe('OutputQueue', () => {
  test('coalesces the pieces of a frame into one text, in order, and starts empty again', () => {
    const queue = new OutputQueue(100);
    expect(queue.take()).toBe('');
    for (const piece of ['k', 'u', 'b', 'e', '\r\n', '[root@master01 ~]# ']) queue.push(piece);
    expect(queue.take()).toBe('kube\r\n[root@master01 ~]# ');
    expect(queue.take()).toBe('');
  });

  test('a flood (yes) is capped at the limit and keeps the newest lines', () => {
    const queue = new OutputQueue(1000);
    for (let i = 0; i < 100_000; i++) queue.push(`y${i}\r\n`);
    const frame = queue.take();
    expect(frame.length).toBeLessThanOrEqual(1000);
    expect(frame.endsWith('y99999\r\n')).toBe(true);
    expect(frame.startsWith('y')).toBe(true);
  });

  test('property: a frame is the tail of everything pushed, capped', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('x', '\n') })), fc.integer({ min: 1, max: 30 }), (pieces, limit) => {
        const queue = new OutputQueue(limit);
        for (const piece of pieces) queue.push(piece);
        const frame = queue.take();
        const all = pieces.join('');
        expect(all.endsWith(frame)).toBe(true);
        expect(frame.length).toBeLessThanOrEqual(limit);
        if (all.length <= limit) expect(frame).toBe(all);
      }),
    );
  });
});
