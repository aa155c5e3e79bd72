/**
 * Hash-consing for stored objects: equal frozen subtrees become one shared object.
 *
 * Ten thousand pods of one ReplicaSet carry the same tolerations, the same projected
 * service-account volume, the same `resources: {}`, conditions stamped in the same second, the
 * same image and node strings — as separate trees they cost kilobytes per pod. Stored objects are
 * immutable, so nobody can tell whether two equal subtrees are one object or two; the store lets
 * this interner canonicalise every write bottom-up while it freezes it:
 *
 * - a node's children are interned first, so a node is identified by its keys (in order) plus the
 *   identities of its children, and equality needs only a shallow comparison;
 * - nodes are looked up by a 32-bit structural hash; a hash hit is verified, never trusted, so a
 *   collision only costs a missed share;
 * - subtrees that are frozen already (the unchanged parts an update shares with the previous
 *   version) are not walked again: their hash is remembered alongside them in the pool;
 * - the pool is bounded and generational: two maps of `generation` entries; a lookup that hits the
 *   older map promotes the entry, and when the young map is full the older one is dropped. Hot
 *   nodes (a template's spec parts) stay; one-off nodes (a pod's own metadata) age out, so dead
 *   subtrees can be collected and the pool never grows past 2 × generation entries.
 *
 * Strong maps rather than WeakRefs: the engine runs a whole simulation in one synchronous job, and
 * every WeakRef target is kept alive until that job ends.
 */

/** Keys under `metadata` that are unique per object or per write: never worth a pool slot. */
const UNIQUE_META = new Set(['name', 'uid', 'resourceVersion']);
/**
 * Strings worth a pool slot. Shorter ones are mostly literals the engine's code shares already;
 * longer ones (container IDs, messages, JSON blobs) are nearly always one of a kind.
 */
const MIN_POOLED_STRING = 4;
const MAX_POOLED_STRING = 64;

const SEED_OBJECT = 0x3c6ef372;
const SEED_ARRAY = 0x1b873593;
const HASH_NULL = 0x6e756c6c;
const HASH_UNDEFINED = 0x2bad2bad;
const HASH_TRUE = 0x54525545;
const HASH_FALSE = 0x46414c53;

/** One mixing round (murmur3's), kept as a signed 32-bit integer so Map keys stay small ints. */
function mix(h: number, x: number): number {
  let k = Math.imul(x, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * FNV-1a over the UTF-16 code units. Strings over 32 units are sampled: length, first and last 16
 * (where names, uids and IDs differ); hits are always checked against the whole string.
 */
export function stringHash(s: string): number {
  let h = 0x811c9dc5;
  const n = s.length;
  if (n <= 32) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  } else {
    for (let i = 0; i < 16; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    for (let i = n - 16; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = mix(h, n);
  }
  return h | 0;
}

/** Property names repeat endlessly (`name`, `image`, `status`): their hashes are worth keeping. */
const keyHashes = new Map<string, number>();
function keyHash(k: string): number {
  let h = keyHashes.get(k);
  if (h === undefined) {
    if (keyHashes.size >= 8192) keyHashes.clear();
    keyHashes.set(k, (h = stringHash(k)));
  }
  return h;
}

function numberHash(n: number): number {
  // Integers (almost every number in an object) hash as themselves; -0 and fractions by their text.
  if ((n | 0) === n && !Object.is(n, -0)) return mix(0x4e554d42, n);
  return mix(0x464c4f41, stringHash(Object.is(n, -0) ? '-0' : String(n)));
}

/** Same own keys in the same order with identical values (children are canonical already). */
function sameObject(a: object, b: object): boolean {
  if (Array.isArray(a) || Object.getPrototypeOf(a) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let i = 0;
  for (const k in rb) {
    if (k !== ka[i++] || !Object.is(ra[k], rb[k])) return false;
  }
  return i === ka.length;
}

function sameArray(a: unknown, b: readonly unknown[]): boolean {
  if (!Array.isArray(a) || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (!Object.is(a[i], b[i]) || (i in a) !== (i in b)) return false;
  return true;
}

/** Freezes a value and everything below it (values the interner does not canonicalise). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value as Record<string, unknown>) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Small-object layouts. V8 gives an object built as `{}` plus assignments room for 4 properties
 * inside it, so a one-key object (`{ ip }`, `{ startedAt }`) takes 56 bytes instead of 32. JSON.parse
 * sizes objects exactly; new canonical objects with at most SMALL_KEYS keys are copied into a
 * parsed skeleton with their keys. (Bigger objects waste 16–32 bytes each too — the part of their
 * properties V8 keeps outside the object — but parsing their skeletons costs more than it is worth.)
 */
const SMALL_KEYS = 2;
/** Skeleton texts by key sequence (`"ip"`, `"name\u0000value"`), bounded: label keys are data. */
const MAX_SKELETONS = 1024;

export interface InternStats {
  /** Nodes (objects, arrays, strings) replaced by an equal pooled one. */
  hits: number;
  /** Nodes that became canonical themselves. */
  misses: number;
}

export class Interner {
  private young = new Map<number, unknown>();
  private old = new Map<number, unknown>();
  /** Hash of every pooled object, so a frozen subtree met again needs no walk. */
  private youngIds = new Map<object, number>();
  private oldIds = new Map<object, number>();
  /** Hash of the value the last `value()` call returned, valid when `hashed`. */
  private h = 0;
  private hashed = false;
  readonly stats: InternStats = { hits: 0, misses: 0 };
  private readonly skeletons = new Map<string, string>();

  /** Pool slots are `hash & mask`: all 32 bits normally; tests use a few to force collisions. */
  private readonly mask: number;

  /**
   * @param generation entries per pool generation; 0 turns sharing off (freezing only).
   * @param keyBits bits of the hash used as pool key (tests: few bits, so hits must be verified).
   */
  constructor(
    private readonly generation = 4096,
    keyBits = 32,
  ) {
    this.mask = keyBits >= 32 ? -1 : (1 << keyBits) - 1;
  }

  /**
   * A deep-frozen value equal to `value`, sharing every subtree it can with earlier ones. Unfrozen
   * input nodes are reused in place (their children swapped for canonical equals, then frozen) or
   * dropped in favour of a pooled equal; the input must therefore be the caller's own working copy.
   */
  intern<T>(value: T): T {
    if (this.generation === 0) return deepFreeze(value);
    const v = this.value(value);
    return (typeof v === 'string' ? this.string(v) : v) as T;
  }

  /**
   * Interns a whole stored object. Its root and metadata are unique per write (name, uid,
   * resourceVersion), so they are frozen without taking pool slots; everything below is shared.
   */
  internObject<T extends object>(root: T): T {
    if (this.generation === 0) return deepFreeze(root);
    if (Object.isFrozen(root)) return root;
    const r = root as Record<string, unknown>;
    for (const k in r) {
      const v = r[k];
      if (k === 'metadata' && v !== null && typeof v === 'object' && !Object.isFrozen(v) && !Array.isArray(v)) {
        this.metadata(v as Record<string, unknown>);
        continue;
      }
      const c = this.value(v);
      if (c !== v) r[k] = c;
      else if (typeof v === 'string') r[k] = this.string(v, this.h);
    }
    return Object.freeze(root);
  }

  /** Number of pooled entries (both generations), for tests. */
  get size(): number {
    return this.young.size + this.old.size;
  }

  private metadata(m: Record<string, unknown>): void {
    for (const k in m) {
      const v = m[k];
      if (typeof v === 'string') {
        if (!UNIQUE_META.has(k)) m[k] = this.string(v);
        continue;
      }
      const c = this.value(v);
      if (c !== v) m[k] = c;
    }
    Object.freeze(m);
  }

  /**
   * Canonicalises objects and arrays and computes the hash of any value into `h` / `hashed`.
   * Strings come back as they are: a string is swapped for its pooled copy only when its parent
   * turns out to be new (see `keepStrings`), so a parent found in the pool costs no writes at all.
   */
  private value(v: unknown): unknown {
    switch (typeof v) {
      case 'string':
        this.h = stringHash(v);
        this.hashed = true;
        return v;
      case 'number':
        this.h = numberHash(v);
        this.hashed = true;
        return v;
      case 'boolean':
        this.h = v ? HASH_TRUE : HASH_FALSE;
        this.hashed = true;
        return v;
      case 'undefined':
        this.h = HASH_UNDEFINED;
        this.hashed = true;
        return v;
      case 'object':
        if (v === null) {
          this.h = HASH_NULL;
          this.hashed = true;
          return v;
        }
        if (Object.isFrozen(v)) return this.frozen(v);
        if (Array.isArray(v)) return this.array(v);
        if (Object.getPrototypeOf(v) !== Object.prototype) {
          // Not JSON data (null-prototype or class instance): keep it exactly, unshared.
          this.hashed = false;
          return deepFreeze(v);
        }
        return this.object(v as Record<string, unknown>);
      default:
        this.hashed = false;
        return v;
    }
  }

  /** The pooled copy of a string (or the string itself, now pooled). `h`: its hash, if known. */
  private string(s: string, h = s.length < MIN_POOLED_STRING || s.length > MAX_POOLED_STRING ? 0 : stringHash(s)): string {
    if (s.length < MIN_POOLED_STRING || s.length > MAX_POOLED_STRING) return s;
    const pooled = this.lookup(h);
    if (pooled === s) {
      this.stats.hits++;
      return pooled;
    }
    this.stats.misses++;
    this.remember(h, s);
    return s;
  }

  /** A frozen subtree: canonical already if pooled (its hash is known), else opaque. */
  private frozen(o: object): object {
    let h = this.youngIds.get(o);
    if (h === undefined) {
      h = this.oldIds.get(o);
      if (h !== undefined) this.remember(h, o);
    }
    this.hashed = h !== undefined;
    this.h = h ?? 0;
    return o;
  }

  private object(o: Record<string, unknown>): object {
    let h = SEED_OBJECT;
    let ok = true;
    let strings = false;
    let keys = 0;
    // for-in on a plain object yields exactly its own enumerable keys (Object.prototype has none).
    for (const k in o) {
      keys++;
      const v = o[k];
      const c = this.value(v);
      if (c !== v) o[k] = c;
      else if (typeof v === 'string') strings = true;
      if (ok && this.hashed) h = mix(mix(h, keyHash(k)), this.h);
      else ok = false;
    }
    const found = this.find(o, h, ok, false);
    if (found !== undefined) return found;
    const out = keys > 0 && keys <= SMALL_KEYS ? this.skeleton(o) : o;
    if (out !== o || strings) {
      for (const k in o) {
        const v = o[k];
        out[k] = typeof v === 'string' ? this.string(v) : v;
      }
    }
    return this.keep(out, h, ok);
  }

  /**
   * An exactly sized object with the keys of small object `o`, in order, values still to fill
   * in; `o` itself if it has a `__proto__` key (an assignment would not store that as data).
   */
  private skeleton(o: Record<string, unknown>): Record<string, unknown> {
    let id = '';
    for (const k in o) {
      if (k === '__proto__') return o;
      id = id === '' ? k : `${id}\u0000${k}`;
    }
    let text = this.skeletons.get(id);
    if (text === undefined) {
      if (this.skeletons.size >= MAX_SKELETONS) this.skeletons.clear();
      const fields: string[] = [];
      for (const k in o) fields.push(`${JSON.stringify(k)}:0`);
      this.skeletons.set(id, (text = `{${fields.join(',')}}`));
    }
    return JSON.parse(text) as Record<string, unknown>;
  }

  private array(a: unknown[]): unknown[] {
    let h = mix(SEED_ARRAY, a.length);
    let ok = true;
    let strings = false;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      const c = this.value(v);
      if (c !== v) a[i] = c;
      else if (typeof v === 'string') strings = true;
      if (ok && this.hashed) h = mix(h, this.h);
      else ok = false;
    }
    const found = this.find(a, h, ok, true);
    if (found !== undefined) return found as unknown[];
    // A copy: arrays built by push carry spare capacity; slice() allocates exactly their length.
    const out = a.slice();
    if (strings) {
      for (let i = 0; i < out.length; i++) {
        const v = out[i];
        if (typeof v === 'string') out[i] = this.string(v);
      }
    }
    return this.keep(out, h, ok) as unknown[];
  }

  /** The pooled equal of a node whose children are canonical, if there is one. */
  private find(node: object, h: number, ok: boolean, isArray: boolean): object | undefined {
    if (!ok) return undefined;
    const found = this.lookup(h);
    if (found === undefined || typeof found !== 'object' || found === null) return undefined;
    if (!(isArray ? sameArray(found, node as unknown[]) : sameObject(found, node))) return undefined;
    this.stats.hits++;
    this.h = h;
    this.hashed = true;
    return found;
  }

  /** Freezes a new node and, when it is hashable, makes it the canonical one. */
  private keep(node: object, h: number, ok: boolean): object {
    Object.freeze(node);
    this.hashed = ok;
    if (!ok) return node;
    this.stats.misses++;
    this.h = h;
    this.remember(h, node);
    return node;
  }

  private lookup(hash: number): unknown {
    const h = hash & this.mask;
    const v = this.young.get(h);
    if (v !== undefined) return v;
    const o = this.old.get(h);
    // Found in the older generation: still in use, so move it to the young one.
    if (o !== undefined) this.remember(hash, o);
    return o;
  }

  private remember(hash: number, v: unknown): void {
    const h = hash & this.mask;
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.oldIds = this.youngIds;
      this.young = new Map();
      this.youngIds = new Map();
    }
    this.young.set(h, v);
    if (typeof v === 'object' && v !== null) this.youngIds.set(v, hash);
  }
}
