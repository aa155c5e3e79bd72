import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteLength, formatRequest, formatResponse, header, httpDate, parseRequest, parseResponse, responseStatus, splitAtBytes } from './http';

const probe = formatRequest({
  method: 'GET',
  target: '/index.html',
  headers: [['Host', '10.244.1.5:80'], ['User-Agent', 'kube-probe/1.30'], ['Accept', '*/*'], ['Connection', 'close']],
});

describe('HTTP codec', () => {
  it('formats a request the way the kubelet sends it', () => {
    expect(probe).toBe('GET /index.html HTTP/1.1\r\nHost: 10.244.1.5:80\r\nUser-Agent: kube-probe/1.30\r\nAccept: */*\r\nConnection: close\r\n\r\n');
  });

  it('parses a request, and reports incomplete until the header block has ended', () => {
    expect(parseRequest(probe.slice(0, 20))).toEqual({ kind: 'incomplete' });
    const parsed = parseRequest(probe);
    expect(parsed.kind).toBe('complete');
    if (parsed.kind !== 'complete') return;
    expect(parsed.message.method).toBe('GET');
    expect(parsed.message.target).toBe('/index.html');
    expect(header(parsed.message.headers, 'user-agent')).toBe('kube-probe/1.30');
    expect(parsed.rest).toBe('');
  });

  it('reads a request body by Content-Length and leaves a pipelined request', () => {
    const post = formatRequest({ method: 'POST', target: '/', headers: [['Host', 'x'], ['Content-Length', '5']], body: 'hello' });
    expect(parseRequest(post.slice(0, -1))).toEqual({ kind: 'incomplete' });
    const parsed = parseRequest(`${post}GET / HTTP/1.1\r\n`);
    expect(parsed).toMatchObject({ kind: 'complete', message: { body: 'hello' }, rest: 'GET / HTTP/1.1\r\n' });
  });

  it('rejects what is not HTTP', () => {
    expect(parseRequest('hello\r\n\r\n')).toEqual({ kind: 'error', reason: 'invalid request line' });
    expect(parseRequest('GET / HTTP/1.1\r\nno colon\r\n\r\n')).toEqual({ kind: 'error', reason: 'invalid header' });
  });

  it.each([
    ['stray empty lines before the request', '\r\n\nGET / HTTP/1.1\r\nHost: x\r\n\r\n', { kind: 'complete', message: { method: 'GET', headers: [['Host', 'x']] }, rest: '' }],
    ['bare LF line ends', 'GET / HTTP/1.1\nHost: x\nAccept: */*\n\nnext', { kind: 'complete', message: { headers: [['Host', 'x'], ['Accept', '*/*']] }, rest: 'next' }],
    ['mixed line ends', 'GET / HTTP/1.1\r\nHost: x\n\r\nnext', { kind: 'complete', message: { headers: [['Host', 'x']] }, rest: 'next' }],
    ['spaces around a value', 'GET / HTTP/1.1\r\nHost:   x y  \r\n\r\n', { kind: 'complete', message: { headers: [['Host', 'x y']] } }],
    ['a colon inside a value', 'GET / HTTP/1.1\r\nHost: x:80\r\n\r\n', { kind: 'complete', message: { headers: [['Host', 'x:80']] } }],
    ['no empty line yet', 'GET / HTTP/1.1\r\nHost: x\r\n', { kind: 'incomplete' }],
    ['a space in a header name', 'GET / HTTP/1.1\r\nHost : x\r\n\r\n', { kind: 'error', reason: 'invalid header' }],
    ['a header without a name', 'GET / HTTP/1.1\r\n: x\r\n\r\n', { kind: 'error', reason: 'invalid header' }],
    ['a lone CR at the end of the request line', 'GET / HTTP/1.1\r\r\n\r\n', { kind: 'error', reason: 'invalid request line' }],
  ])('parses a request with %s', (_name, wire, expected) => {
    expect(parseRequest(wire)).toMatchObject(expected);
  });

  it('property: a request reads the same whether its lines end in CRLF or LF', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
    const value = fc.stringMatching(/^[!-~]([ -~]{0,18}[!-~])?$/);
    fc.assert(fc.property(fc.array(fc.tuple(token, value), { maxLength: 6 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (headers, bare) => {
      const crlf = formatRequest({ method: 'GET', target: '/a?b', headers });
      let i = 0;
      const mixed = crlf.replace(/\r\n/g, () => (bare[i++ % bare.length] ? '\n' : '\r\n'));
      expect(parseRequest(mixed)).toEqual(parseRequest(crlf));
      expect(parseRequest(crlf)).toMatchObject({ kind: 'complete', message: { target: '/a?b', headers } });
    }));
  });

  it('finds headers by name whatever their case, the first of several', () => {
    const headers = [['content-length', '1'], ['Host', 'a'], ['HOST', 'b']] as const;
    expect(header(headers, 'Content-Length')).toBe('1');
    expect(header(headers, 'host')).toBe('a');
    expect(header(headers, 'Hos')).toBeUndefined();
  });

  it('parses responses framed by length, chunks or the end of the connection', () => {
    const sized = formatResponse({ status: 404, headers: [['Content-Length', '3']], body: 'abc' });
    expect(sized.startsWith('HTTP/1.1 404 Not Found\r\n')).toBe(true);
    expect(parseResponse(sized)).toMatchObject({ kind: 'complete', message: { status: 404, reason: 'Not Found', body: 'abc' } });
    const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';
    expect(parseResponse(chunked.slice(0, -2))).toEqual({ kind: 'incomplete' });
    expect(parseResponse(chunked)).toMatchObject({ kind: 'complete', message: { body: 'hello world' } });
    const unframed = 'HTTP/1.0 200 OK\r\nServer: x\r\n\r\nuntil close';
    expect(parseResponse(unframed)).toEqual({ kind: 'incomplete' });
    expect(parseResponse(unframed, { ended: true })).toMatchObject({ kind: 'complete', message: { body: 'until close' } });
    expect(parseResponse('HTTP/1.1 200 OK\r\nContent-Length: 615\r\n\r\n', { noBody: true })).toMatchObject({ kind: 'complete', message: { body: '' } });
  });

  it('counts Content-Length in UTF-8 bytes', () => {
    expect(splitAtBytes('héllo', 3)).toEqual(['hé', 'llo']);
    expect(splitAtBytes('hé', 4)).toBeUndefined();
    expect(splitAtBytes('a\x01\tb', 2)).toEqual(['a\x01', '\tb']);
    expect(['plain\r\n', 'héllo', '\x01', '€', '😀', ''].map(byteLength)).toEqual([7, 6, 1, 3, 4, 0]);
    const response = formatResponse({ status: 200, headers: [['Content-Length', '6']], body: 'héllo' });
    expect(parseResponse(response)).toMatchObject({ kind: 'complete', message: { body: 'héllo' } });
  });

  it('formats HTTP dates', () => {
    expect(httpDate(Date.UTC(2024, 1, 19, 12, 41, 20))).toBe('Mon, 19 Feb 2024 12:41:20 GMT');
  });

  it('property: any response survives formatting and parsing, whatever the chunks it arrives in', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
    const value = fc.stringMatching(/^[ -~]{0,20}$/).map((v) => v.trim());
    fc.assert(fc.property(
      fc.integer({ min: 200, max: 599 }).filter((s) => s !== 204 && s !== 304),
      fc.array(fc.tuple(token, value), { maxLength: 5 }).map((hs) => hs.filter(([n]) => !/^(content-length|transfer-encoding)$/i.test(n))),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
      fc.array(fc.nat(), { maxLength: 5 }),
      (status, headers, body, cuts) => {
        const wire = formatResponse({ status, headers: [...headers, ['Content-Length', String(byteLength(body))]], body });
        // Feed the message in pieces: before the last piece it must never claim to be complete.
        const points = [...new Set(cuts.map((c) => c % wire.length))].sort((a, b) => a - b);
        for (const point of points) {
          if (point > 0) expect(parseResponse(wire.slice(0, point)).kind).toBe('incomplete');
        }
        const parsed = parseResponse(wire);
        expect(parsed).toMatchObject({ kind: 'complete', message: { status, body }, rest: '' });
      },
    ));
  });
});

describe('responseStatus', () => {
  it.each<[string, string, number | undefined]>([
    ['a whole head with CRLF', 'HTTP/1.1 404 Not Found\r\nServer: nginx/1.25.4\r\nContent-Length: 153\r\n\r\n<html>', 404],
    ['a whole head with bare LF', 'HTTP/1.0 200 OK\nServer: x\n\nbody', 200],
    ['no headers at all', 'HTTP/1.1 204 No Content\r\n\r\n', 204],
    ['a head still arriving', 'HTTP/1.1 200 OK\r\nServer: nginx', undefined],
    ['no status line', 'hello\r\n\r\n', undefined],
    ['nothing yet', '', undefined],
  ])('%s', (_, response, status) => {
    expect(responseStatus(response)).toBe(status);
    // It agrees with the full parser on whatever that accepts.
    const parsed = parseResponse(response, { ended: true, noBody: true });
    if (parsed.kind === 'complete') expect(parsed.message.status).toBe(status);
  });
});
