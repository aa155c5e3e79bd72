/**
 * A snapshot on its way to the page and into IndexedDB: its JSON as UTF-8 bytes in an ArrayBuffer.
 * The worker encodes it and hands the buffer over (transferred, not cloned), so the page's main
 * thread neither copies nor walks a big cluster's objects at each autosave — that was a 30 ms
 * pause of the terminal every few seconds with 1,000 pods. IndexedDB stores the bytes as they are.
 */
import type { ClusterSnapshot, SnapshotObject } from '../engine/cluster/snapshot';

export type PackedSnapshot = ArrayBuffer;

const COMMA = 0x2c;
const OBJECTS = '"objects":[]';

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
    // The snapshot's JSON with an empty list where the objects go, in their place (before the
    // nodes, whose files may hold any text but only escaped within strings): split there.
    const frame = JSON.stringify({ ...snapshot, objects: [] });
    const at = frame.indexOf(OBJECTS) + OBJECTS.length - 1;
    const head = this.encoder.encode(frame.slice(0, at));
    const tail = this.encoder.encode(frame.slice(at));
    const pieces = snapshot.objects.map((entry) => this.encoded(entry));
    let size = head.length + tail.length + Math.max(0, pieces.length - 1);
    for (const piece of pieces) size += piece.length;
    const bytes = new Uint8Array(size);
    bytes.set(head);
    let end = head.length;
    pieces.forEach((piece, i) => {
      if (i > 0) bytes[end++] = COMMA;
      bytes.set(piece, end);
      end += piece.length;
    });
    bytes.set(tail, end);
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
