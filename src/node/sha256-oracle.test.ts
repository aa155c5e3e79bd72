// The engine's own SHA-256 (it must run synchronously inside a simulation step) checked against
// Node's OpenSSL on arbitrary text; this file lives here because only Node code may use node:crypto.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { hex, sha256 } from '../engine/sim/sha256';

it('the engine sha256 agrees with node:crypto on any text, across block boundaries', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), (text) => {
      expect(hex(sha256(text))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }),
    { seed: 42, numRuns: 300 },
  );
});
