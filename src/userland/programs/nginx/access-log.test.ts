import { describe, expect, it } from 'vitest';
import { compileLogFormat, type LoggedRequest } from './access-log';

const request: LoggedRequest = {
  peer: '192.168.49.2',
  requestLine: 'GET /index.html?x=1 HTTP/1.1',
  headers: [['Host', '10.244.1.5:80'], ['User-Agent', 'kube-probe/1.30'], ['X-Forwarded-For', 'a'], ['x-forwarded-for', 'b'], ['Referer', '']],
  status: 200,
  bodyBytes: 615,
  bytesSent: 853,
  now: Date.UTC(2026, 0, 5, 9, 0, 3, 71),
};

describe('access log formats', () => {
  it.each([
    ['$remote_addr - $remote_user [$time_local] "$request"', '192.168.49.2 - - [05/Jan/2026:09:00:03 +0000] "GET /index.html?x=1 HTTP/1.1"'],
    ['$status $body_bytes_sent $bytes_sent', '200 615 853'],
    ['$request_method $request_uri', 'GET /index.html?x=1'],
    // Any request header, named in lower case with underscores; the last of several; '' stays ''.
    ['"$http_user_agent" "$http_x_forwarded_for" "$http_referer" "$http_cookie"', '"kube-probe/1.30" "b" "" "-"'],
    ['$http_User_Agent $nonsense $', '- - $'],
    ['no variables', 'no variables'],
  ])('%s', (format, line) => {
    expect(compileLogFormat(format)(request)).toBe(`${line}\n`);
  });

  it('logs what arrived instead of a request line as it is', () => {
    const garbage = { ...request, requestLine: 'hello', headers: [] };
    expect(compileLogFormat('"$request" $request_method $request_uri')(garbage)).toBe('"hello" hello -\n');
  });
});
