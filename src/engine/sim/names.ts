/**
 * Names as the real control plane makes them.
 *
 * - `generateName`: the apiserver appends 5 characters from an alphabet without vowels (so no
 *   accidental words) and without the look-alikes 0, 1 and 3; the base is cut to 58 characters so
 *   the result fits the 63-character limit.
 * - `pod-template-hash`: the Deployment controller hashes the pod template with FNV-32a, prints the
 *   32-bit number in decimal, and maps each digit through the same alphabet — which is why ReplicaSet
 *   names such as `nginx-7854ff8877` only contain the characters 4 5 6 7 8 9 b c d f.
 */
import type { Rng } from './rng';

export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_GENERATED_BASE = 58;
const RANDOM_LENGTH = 5;

export function generateName(base: string, rng: Rng): string {
  const trimmed = base.length > MAX_GENERATED_BASE ? base.slice(0, MAX_GENERATED_BASE) : base;
  return trimmed + rng.string(RANDOM_LENGTH, NAME_ALPHABET);
}

/** Maps every character through the name alphabet by its code (k8s `rand.SafeEncodeString`). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/** FNV-1a, 32 bit, over the UTF-8 bytes of `text`. */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  const mix = (byte: number): void => {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  };
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) mix(code);
    else if (code < 0x800) {
      mix(0xc0 | (code >> 6));
      mix(0x80 | (code & 63));
    } else if (code < 0x10000) {
      mix(0xe0 | (code >> 12));
      mix(0x80 | ((code >> 6) & 63));
      mix(0x80 | (code & 63));
    } else {
      mix(0xf0 | (code >> 18));
      mix(0x80 | ((code >> 12) & 63));
      mix(0x80 | ((code >> 6) & 63));
      mix(0x80 | (code & 63));
    }
  }
  return hash;
}

/** Key order must not change the hash: the same template always gives the same ReplicaSet name. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** The `pod-template-hash` label value for a pod template (and optional collision count). */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  let text = canonicalJson(template);
  if (collisionCount !== undefined && collisionCount !== null) text += `#${collisionCount}`;
  return safeEncodeString(String(fnv32a(text)));
}
