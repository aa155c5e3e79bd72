/**
 * A snapshot on its way to the page and into IndexedDB: its JSON as UTF-8 bytes in an ArrayBuffer.
 * The worker encodes it and hands the buffer over (transferred, not cloned), so the page's main
 * thread neither copies nor walks a big cluster's objects at each autosave — that was a 30 ms
 * pause of the terminal every few seconds with 1,000 pods. IndexedDB stores the bytes as they are.
 */
import type { ClusterSnapshot, SnapshotObject } from '../engine/cluster/snapshot';

export type PackedSnapshot = ArrayBuffer;

const COMMA = 0x2c;

/**
 * Packs snapshots, remembering the bytes of each stored object it packed. The store freezes what it
 * stores and a write stores a new object, so bytes kept for an object stay right; between two
 * autosaves few objects change, and a snapshot of a thousand pods becomes a copy of bytes instead
 * of a fresh serialisation of everything (in Node: 5 ms instead of 30). The worker's terminals
 * would otherwise stall for that long every few seconds.
 */
export class SnapshotPacker {
  private readonly encoder = new TextEncoder();
  private readonly bytesOf = new WeakMap<object, Uint8Array>();

  pack(snapshot: ClusterSnapshot): PackedSnapshot {
    // The snapshot with its objects last: `{…,"objects":[` + each object + `]}`.
    const { objects, ...rest } = snapshot;
    const frame = JSON.stringify({ ...rest, objects: [] });
    const head = this.encoder.encode(frame.slice(0, -2));
    const tail = this.encoder.encode(frame.slice(-2));
    const pieces = objects.map((entry) => this.encoded(entry));
    let size = head.length + tail.length + Math.max(0, pieces.length - 1);
    for (const piece of pieces) size += piece.length;
    const bytes = new Uint8Array(size);
    bytes.set(head);
    let at = head.length;
    pieces.forEach((piece, i) => {
      if (i > 0) bytes[at++] = COMMA;
      bytes.set(piece, at);
      at += piece.length;
    });
    bytes.set(tail, at);
    return bytes.buffer;
  }

  private encoded(entry: SnapshotObject): Uint8Array {
    let bytes = this.bytesOf.get(entry.object);
    if (!bytes) this.bytesOf.set(entry.object, (bytes = this.encoder.encode(JSON.stringify(entry))));
    return bytes;
  }
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
