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
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = definedKeys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:${canonicalJson(record[keys[i]!])}`;
  return out + '}';
}

function definedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  let defined = keys.length;
  for (const k of keys) if (record[k] === undefined) defined--;
  if (defined === keys.length) return keys;
  const out: string[] = [];
  for (const k of keys) if (record[k] !== undefined) out.push(k);
  return out;
}

/**
 * `canonicalJson(a) === canonicalJson(b)` without building either string: most comparisons are
 * between stored objects that share frozen subtrees, which then compare by identity.
 */
export function sameCanonicalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aObject = a !== null && typeof a === 'object';
  const bObject = b !== null && typeof b === 'object';
  if (!aObject || !bObject) {
    if (aObject || bObject) return false; // `{…}`/`[…]` never equals a scalar's text
    if (typeof a === 'string' && typeof b === 'string') return false; // different strings, different text
    return (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null');
  }
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) {
    const aa = a as unknown[];
    const bb = b as unknown[];
    if (aa.length !== bb.length) return false;
    for (let i = 0; i < aa.length; i++) if (!sameCanonicalJson(aa[i], bb[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const k of Object.keys(ra)) {
    const v = ra[k];
    if (v === undefined) continue;
    count++;
    if (!Object.prototype.hasOwnProperty.call(rb, k) || !sameCanonicalJson(v, rb[k])) return false;
  }
  for (const k of Object.keys(rb)) if (rb[k] !== undefined && --count < 0) return false;
  return count === 0;
}

/**
 * Canonical text of stored templates, by object. Stored objects are deeply frozen and never
 * change, so the text of one is computed once however often its hash is asked for (every sync of
 * a Deployment or DaemonSet hashes its template).
 */
const frozenText = new WeakMap<object, string>();

function canonicalJsonOfTemplate(template: unknown): string {
  if (template === null || typeof template !== 'object' || !Object.isFrozen(template)) return canonicalJson(template);
  let text = frozenText.get(template);
  if (text === undefined) frozenText.set(template, (text = canonicalJson(template)));
  return text;
}

/** The `pod-template-hash` label value for a pod template (and optional collision count). */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  let text = canonicalJsonOfTemplate(template);
  if (collisionCount !== undefined && collisionCount !== null) text += `#${collisionCount}`;
  return safeEncodeString(String(fnv32a(text)));
}
