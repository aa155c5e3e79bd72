import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASS_IN, decode, DnsFormatError, encode, hex, query, TYPES, type Message, type RecordData, type ResourceRecord } from './message';

const fromHex = (text: string): string => text.replace(/\s+/g, '').replace(/../g, (b) => String.fromCharCode(parseInt(b, 16)));

describe('DNS wire format', () => {
  it('encodes a query byte by byte as RFC 1035 lays it out', () => {
    const wire = encode(query(0x1234, 'example.com', TYPES.A));
    expect(hex(wire)).toBe(
      '1234' + '0100' + '0001' + '0000' + '0000' + '0000' + // id, RD, one question
        '076578616d706c65' + '03636f6d' + '00' + // example.com.
        '0001' + '0001', // A, IN
    );
  });

  it('decodes a captured answer whose owner name points back at the question (c00c)', () => {
    const wire = fromHex(`
      5fb7 8580 0001 0001 0000 0000
      05 6e67696e78 07 64656661756c74 03 737663 07 636c7573746572 05 6c6f63616c 00 0001 0001
      c00c 0001 0001 0000001e 0004 0a6b5387`);
    const m = decode(wire);
    expect(m.id).toBe(0x5fb7);
    expect(m.flags).toMatchObject({ qr: true, aa: true, rd: true, ra: true });
    expect(m.questions).toEqual([{ name: 'nginx.default.svc.cluster.local.', type: TYPES.A, class: CLASS_IN }]);
    expect(m.answers).toEqual([{ name: 'nginx.default.svc.cluster.local.', type: TYPES.A, class: CLASS_IN, ttl: 30, data: { kind: 'address', address: '10.107.83.135' } }]);
    // Compressed again it is the same bytes, uncompressed the owner name is spelled out (+31).
    expect(encode(m, { compress: true })).toBe(wire);
    expect(encode(m).length).toBe(wire.length + 31);
  });

  it('carries EDNS0 in an OPT record: buffer size, DO bit and options such as the cookie', () => {
    const m = query(7, 'kube-dns.kube-system.svc.cluster.local', TYPES.A, { udpSize: 1232, version: 0, do: false, options: [{ code: 10, data: '\x01\x02\x03\x04\x05\x06\x07\x08' }] });
    const wire = encode(m);
    // The OPT record: root name, type 41, class = 1232, ttl 0, rdlength 12, option 10 of length 8.
    expect(hex(wire.slice(-23))).toBe('00' + '0029' + '04d0' + '00000000' + '000c' + '000a0008' + '0102030405060708');
    expect(decode(wire).edns).toEqual(m.edns);
    expect(decode(wire).additional).toEqual([]);
  });

  it.each([
    ['an empty buffer', ''],
    ['a header only half there', '\x00\x01\x00'],
    ['a question cut short', fromHex('0001 0100 0001 0000 0000 0000 05 6e67')],
    ['a pointer that points forward', fromHex('0001 0100 0001 0000 0000 0000 c00e 0001 0001')],
    ['bytes after the last section', fromHex('0001 0100 0000 0000 0000 0000 ff')],
  ])('rejects %s', (_, wire) => {
    expect(() => decode(wire)).toThrow(DnsFormatError);
  });

  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const name = fc.array(label, { minLength: 0, maxLength: 5 }).map((ls) => (ls.length ? `${ls.join('.')}.` : '.'));
  const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
  const u16 = fc.nat(0xffff);
  const u32 = fc.nat(0xffffffff);
  const data: fc.Arbitrary<[number, RecordData]> = fc.oneof(
    ipv4.map((address): [number, RecordData] => [TYPES.A, { kind: 'address', address }]),
    fc.constantFrom('::1', 'fd00::a:1', '2001:db8::', '1:2:3:4:5:6:7:8').map((address): [number, RecordData] => [TYPES.AAAA, { kind: 'address', address }]),
    fc.tuple(fc.constantFrom(TYPES.CNAME, TYPES.PTR, TYPES.NS), name).map(([type, target]): [number, RecordData] => [type, { kind: 'name', target }]),
    fc.tuple(u16, u16, u16, name).map(([priority, weight, port, target]): [number, RecordData] => [TYPES.SRV, { kind: 'srv', priority, weight, port, target }]),
    fc.tuple(name, name, u32, u32, u32, u32, u32).map(([mname, rname, serial, refresh, retry, expire, minimum]): [number, RecordData] => [
      TYPES.SOA,
      { kind: 'soa', mname, rname, serial, refresh, retry, expire, minimum },
    ]),
    fc.string({ maxLength: 8 }).map((s): [number, RecordData] => [TYPES.TXT, { kind: 'raw', bytes: Array.from(s, (c) => String.fromCharCode(c.charCodeAt(0) & 0xff)).join('') }]),
  );
  const record: fc.Arbitrary<ResourceRecord> = fc.tuple(name, u32, data).map(([n, ttl, [type, d]]) => ({ name: n, type, class: CLASS_IN, ttl, data: d }));
  const message: fc.Arbitrary<Message> = fc.record({
    id: u16,
    flags: fc.record({ qr: fc.boolean(), opcode: fc.nat(15), aa: fc.boolean(), tc: fc.boolean(), rd: fc.boolean(), ra: fc.boolean(), ad: fc.boolean(), cd: fc.boolean() }),
    rcode: fc.nat(15),
    questions: fc.array(fc.record({ name, type: u16.filter((t) => t !== TYPES.OPT), class: u16 }), { maxLength: 2 }),
    answers: fc.array(record, { maxLength: 4 }),
    authority: fc.array(record, { maxLength: 2 }),
    additional: fc.array(record, { maxLength: 2 }),
  });

  it('decodes what it encodes, compressed or not (property)', () => {
    fc.assert(
      fc.property(message, fc.boolean(), (m, compress) => {
        const wire = encode(m, { compress });
        expect(decode(wire)).toEqual(m);
        expect(encode(m, { compress: true }).length).toBeLessThanOrEqual(encode(m).length);
      }),
    );
  });
});
