/**
 * A snapshot on its way to the page and into IndexedDB: its JSON as UTF-8 bytes in an ArrayBuffer.
 * The worker encodes it and hands the buffer over (transferred, not cloned), so the page's main
 * thread neither copies nor walks a big cluster's objects at each autosave — that was a 30 ms
 * pause of the terminal every few seconds with 1,000 pods. IndexedDB stores the bytes as they are.
 */
import type { ClusterSnapshot } from '../engine/cluster/snapshot';

export type PackedSnapshot = ArrayBuffer;

export function packSnapshot(snapshot: ClusterSnapshot): PackedSnapshot {
  const bytes = new TextEncoder().encode(JSON.stringify(snapshot));
  return bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}

/**
 * What a saved value holds: a packed snapshot decoded; anything else (a snapshot saved as an object
 * by an earlier version, damage) as it is — validateSnapshot says whether it can be restored.
 */
export function unpackSnapshot(saved: unknown): unknown {
  if (!(saved instanceof ArrayBuffer)) return saved;
  const text = new TextDecoder().decode(saved);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
