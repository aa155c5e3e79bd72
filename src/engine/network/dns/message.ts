/**
 * The DNS wire format (RFC 1035, EDNS0 from RFC 6891), as a byte string: one character per byte
 * (latin1), which is what the simulated UDP sockets carry. CoreDNS, the resolver, nslookup and dig
 * all speak it, so `MSG SIZE  rcvd:` in dig is the size of real bytes.
 *
 * Names are kept in presentation form with the trailing dot (`nginx.default.svc.cluster.local.`,
 * the root is `.`), case preserved. Types and classes are numbers on the wire; `TYPES` names them.
 */

export const TYPES = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, OPT: 41, ANY: 255 } as const;
export type TypeName = keyof typeof TYPES;
export const CLASS_IN = 1;

export const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'] as const;
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** `A`, `SRV`… or `TYPE65` for one without a mnemonic (as dig prints unknown types). */
export function typeName(type: number): string {
  const known = (Object.keys(TYPES) as TypeName[]).find((name) => TYPES[name] === type);
  return known ?? `TYPE${type}`;
}

export const rcodeName = (rcode: number): string => RCODES[rcode] ?? `RESERVED${rcode}`;

export interface Question {
  readonly name: string;
  readonly type: number;
  readonly class: number;
}

/** Record data by type; anything else is kept as its raw bytes. */
export type RecordData =
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'name'; readonly target: string }
  | { readonly kind: 'srv'; readonly priority: number; readonly weight: number; readonly port: number; readonly target: string }
  | {
      readonly kind: 'soa';
      readonly mname: string;
      readonly rname: string;
      readonly serial: number;
      readonly refresh: number;
      readonly retry: number;
      readonly expire: number;
      readonly minimum: number;
    }
  | { readonly kind: 'raw'; readonly bytes: string };

export interface ResourceRecord {
  readonly name: string;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly data: RecordData;
}

export interface EdnsOption {
  readonly code: number;
  readonly data: string;
}

/** The OPT pseudo-record of the additional section, pulled out of it. */
export interface Edns {
  readonly udpSize: number;
  readonly version: number;
  /** DNSSEC OK. */
  readonly do: boolean;
  readonly options: readonly EdnsOption[];
}

export const EDNS_COOKIE = 10;

export interface Flags {
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  readonly ad: boolean;
  readonly cd: boolean;
}

export interface Message {
  readonly id: number;
  readonly flags: Flags;
  readonly rcode: number;
  readonly questions: readonly Question[];
  readonly answers: readonly ResourceRecord[];
  readonly authority: readonly ResourceRecord[];
  readonly additional: readonly ResourceRecord[];
  readonly edns?: Edns;
}

export const NO_FLAGS: Flags = { qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, ad: false, cd: false };

/** A query as a stub resolver sends it: one question, recursion desired. */
export function query(id: number, name: string, type: number, edns?: Edns, flags: Partial<Flags> = {}): Message {
  return { id, flags: { ...NO_FLAGS, rd: true, ...flags }, rcode: 0, questions: [{ name: absolute(name), type, class: CLASS_IN }], answers: [], authority: [], additional: [], ...(edns ? { edns } : {}) };
}

/** `name` with its trailing dot. */
export const absolute = (name: string): string => (name.endsWith('.') ? name : `${name}.`);

export class DnsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DnsFormatError';
  }
}

// ---- encoding -------------------------------------------------------------------------------

const u16 = (n: number): string => String.fromCharCode((n >>> 8) & 0xff, n & 0xff);
const u32 = (n: number): string => u16(Math.floor(n / 0x10000) & 0xffff) + u16(n & 0xffff);

/** Splits a presentation name into labels (no escapes: the simulation's names are plain). */
function labels(name: string): string[] {
  if (name === '.' || name === '') return [];
  return (name.endsWith('.') ? name.slice(0, -1) : name).split('.');
}

/** Writes names, pointing back at a suffix already written when compression is on (RFC 1035 §4.1.4). */
class Writer {
  out = '';
  private readonly suffixes = new Map<string, number>();
  constructor(private readonly compress: boolean) {}

  name(name: string): void {
    const parts = labels(name);
    for (let i = 0; i < parts.length; i++) {
      const suffix = parts.slice(i).join('.').toLowerCase();
      const at = this.compress ? this.suffixes.get(suffix) : undefined;
      if (at !== undefined) {
        this.out += u16(0xc000 | at);
        return;
      }
      if (this.out.length < 0x4000) this.suffixes.set(suffix, this.out.length);
      const label = parts[i]!;
      if (label.length === 0 || label.length > 63) throw new DnsFormatError(`bad label in ${name}`);
      this.out += String.fromCharCode(label.length) + label;
    }
    this.out += '\0';
  }

  record(rr: ResourceRecord): void {
    this.name(rr.name);
    this.out += u16(rr.type) + u16(rr.class) + u32(rr.ttl);
    const lengthAt = this.out.length;
    this.out += '\0\0';
    this.rdata(rr.data);
    const length = this.out.length - lengthAt - 2;
    this.out = this.out.slice(0, lengthAt) + u16(length) + this.out.slice(lengthAt + 2);
  }

  private rdata(data: RecordData): void {
    switch (data.kind) {
      case 'address':
        this.out += data.address.includes(':') ? ipv6Bytes(data.address) : data.address.split('.').map((o) => String.fromCharCode(Number(o))).join('');
        return;
      case 'name':
        return this.name(data.target);
      case 'srv':
        // RFC 2782: the target is never compressed.
        this.out += u16(data.priority) + u16(data.weight) + u16(data.port);
        return this.uncompressed(data.target);
      case 'soa':
        this.name(data.mname);
        this.name(data.rname);
        this.out += u32(data.serial) + u32(data.refresh) + u32(data.retry) + u32(data.expire) + u32(data.minimum);
        return;
      case 'raw':
        this.out += data.bytes;
    }
  }

  private uncompressed(name: string): void {
    for (const label of labels(name)) this.out += String.fromCharCode(label.length) + label;
    this.out += '\0';
  }
}

function ipv6Bytes(address: string): string {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => u16(parseInt(g, 16))).join('');
}

function optRecord(edns: Edns): ResourceRecord {
  const ttl = ((edns.version & 0xff) << 16) | (edns.do ? 0x8000 : 0);
  const bytes = edns.options.map((o) => u16(o.code) + u16(o.data.length) + o.data).join('');
  return { name: '.', type: TYPES.OPT, class: edns.udpSize, ttl, data: { kind: 'raw', bytes } };
}

/** The message's bytes; `compress` points repeated names back at their first occurrence. */
export function encode(message: Message, options: { compress?: boolean } = {}): string {
  const w = new Writer(options.compress ?? false);
  const f = message.flags;
  const flags =
    (f.qr ? 0x8000 : 0) | ((f.opcode & 0xf) << 11) | (f.aa ? 0x400 : 0) | (f.tc ? 0x200 : 0) | (f.rd ? 0x100 : 0) |
    (f.ra ? 0x80 : 0) | (f.ad ? 0x20 : 0) | (f.cd ? 0x10 : 0) | (message.rcode & 0xf);
  const additional = message.edns ? [...message.additional, optRecord(message.edns)] : message.additional;
  w.out = u16(message.id) + u16(flags) + u16(message.questions.length) + u16(message.answers.length) + u16(message.authority.length) + u16(additional.length);
  for (const q of message.questions) {
    w.name(q.name);
    w.out += u16(q.type) + u16(q.class);
  }
  for (const rr of [...message.answers, ...message.authority, ...additional]) w.record(rr);
  return w.out;
}

// ---- decoding -------------------------------------------------------------------------------

class Reader {
  at = 0;
  constructor(readonly wire: string) {}

  byte(): number {
    if (this.at >= this.wire.length) throw new DnsFormatError('message truncated');
    return this.wire.charCodeAt(this.at++);
  }
  u16(): number {
    return (this.byte() << 8) | this.byte();
  }
  u32(): number {
    return this.u16() * 0x10000 + this.u16();
  }
  bytes(n: number): string {
    if (this.at + n > this.wire.length) throw new DnsFormatError('message truncated');
    const out = this.wire.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** A name at the cursor, following compression pointers (a pointer may only point backwards). */
  name(): string {
    const parts: string[] = [];
    let at = this.at;
    let jumped = false;
    for (let hops = 0; ; hops++) {
      if (hops > 127) throw new DnsFormatError('name compression loop');
      if (at >= this.wire.length) throw new DnsFormatError('message truncated');
      const length = this.wire.charCodeAt(at);
      if ((length & 0xc0) === 0xc0) {
        if (at + 1 >= this.wire.length) throw new DnsFormatError('message truncated');
        const target = ((length & 0x3f) << 8) | this.wire.charCodeAt(at + 1);
        if (target >= at) throw new DnsFormatError('forward compression pointer');
        if (!jumped) this.at = at + 2;
        jumped = true;
        at = target;
        continue;
      }
      if (length & 0xc0) throw new DnsFormatError('bad label type');
      if (length === 0) {
        if (!jumped) this.at = at + 1;
        return parts.length === 0 ? '.' : `${parts.join('.')}.`;
      }
      if (at + 1 + length > this.wire.length) throw new DnsFormatError('message truncated');
      parts.push(this.wire.slice(at + 1, at + 1 + length));
      at += 1 + length;
    }
  }

  record(): ResourceRecord {
    const name = this.name();
    const type = this.u16();
    const klass = this.u16();
    const ttl = this.u32();
    const length = this.u16();
    const end = this.at + length;
    if (end > this.wire.length) throw new DnsFormatError('message truncated');
    const data = this.rdata(type, length);
    if (this.at !== end) throw new DnsFormatError('bad rdata length');
    return { name, type, class: klass, ttl, data };
  }

  private rdata(type: number, length: number): RecordData {
    switch (type) {
      case TYPES.A:
        if (length !== 4) break;
        return { kind: 'address', address: [this.byte(), this.byte(), this.byte(), this.byte()].join('.') };
      case TYPES.AAAA: {
        if (length !== 16) break;
        const groups = Array.from({ length: 8 }, () => this.u16().toString(16));
        return { kind: 'address', address: shortenIpv6(groups) };
      }
      case TYPES.CNAME:
      case TYPES.PTR:
      case TYPES.NS:
        return { kind: 'name', target: this.name() };
      case TYPES.SRV:
        return { kind: 'srv', priority: this.u16(), weight: this.u16(), port: this.u16(), target: this.name() };
      case TYPES.SOA:
        return { kind: 'soa', mname: this.name(), rname: this.name(), serial: this.u32(), refresh: this.u32(), retry: this.u32(), expire: this.u32(), minimum: this.u32() };
    }
    return { kind: 'raw', bytes: this.bytes(length) };
  }
}

/** RFC 5952 text: the longest run of two or more zero groups becomes `::`. */
function shortenIpv6(groups: string[]): string {
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}

function ednsOf(rr: ResourceRecord): Edns {
  const options: EdnsOption[] = [];
  const bytes = rr.data.kind === 'raw' ? rr.data.bytes : '';
  const r = new Reader(bytes);
  while (r.at < bytes.length) {
    const code = r.u16();
    options.push({ code, data: r.bytes(r.u16()) });
  }
  return { udpSize: rr.class, version: (rr.ttl >>> 16) & 0xff, do: (rr.ttl & 0x8000) !== 0, options };
}

/** Parses a whole message; DnsFormatError when the bytes are not one. */
export function decode(wire: string): Message {
  const r = new Reader(wire);
  const id = r.u16();
  const bits = r.u16();
  const counts = [r.u16(), r.u16(), r.u16(), r.u16()] as const;
  const questions: Question[] = [];
  for (let i = 0; i < counts[0]; i++) questions.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const section = (n: number): ResourceRecord[] => Array.from({ length: n }, () => r.record());
  const answers = section(counts[1]);
  const authority = section(counts[2]);
  const additional = section(counts[3]);
  if (r.at !== wire.length) throw new DnsFormatError('trailing bytes');
  const opt = additional.find((rr) => rr.type === TYPES.OPT);
  const flags: Flags = {
    qr: (bits & 0x8000) !== 0,
    opcode: (bits >>> 11) & 0xf,
    aa: (bits & 0x400) !== 0,
    tc: (bits & 0x200) !== 0,
    rd: (bits & 0x100) !== 0,
    ra: (bits & 0x80) !== 0,
    ad: (bits & 0x20) !== 0,
    cd: (bits & 0x10) !== 0,
  };
  return {
    id,
    flags,
    rcode: bits & 0xf,
    questions,
    answers,
    authority,
    additional: additional.filter((rr) => rr !== opt),
    ...(opt ? { edns: ednsOf(opt) } : {}),
  };
}

/** Record data as zone files and dig print it: `10.96.0.10`, `0 100 53 kube-dns.kube-system.svc.cluster.local.`. */
export function rdataText(data: RecordData): string {
  switch (data.kind) {
    case 'address':
      return data.address;
    case 'name':
      return data.target;
    case 'srv':
      return `${data.priority} ${data.weight} ${data.port} ${data.target}`;
    case 'soa':
      return `${data.mname} ${data.rname} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
    case 'raw':
      return `\\# ${data.bytes.length}${data.bytes.length ? ' ' : ''}${hex(data.bytes).toUpperCase()}`;
  }
}

export const hex = (bytes: string): string => Array.from(bytes, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
