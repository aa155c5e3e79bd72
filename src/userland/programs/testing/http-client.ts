/**
 * A test client: `http-client HOST PORT REQUEST` sends REQUEST (escapes \r \n allowed) and prints
 * the response bytes as received, until the response is complete or the server closes.
 */
import { sys, SysError, type Program } from '../../../engine/runtime/process';
import { parseResponse } from '../../lib/http';

export const httpClient: Program = function* (proc) {
  const [, host = '127.0.0.1', port = '80', request = ''] = proc.argv;
  let fd: number;
  try {
    fd = yield* sys.connect(host, Number(port), 1000);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    yield* sys.write(2, `${e.message}\n`);
    return 1;
  }
  yield* sys.write(fd, request);
  let received = '';
  for (;;) {
    const chunk = yield* sys.read(fd, 10_000);
    if (chunk === null) break;
    received += chunk;
    if (parseResponse(received, { noBody: request.startsWith('HEAD ') }).kind === 'complete') break;
  }
  proc.close(fd);
  yield* sys.write(1, received);
  return 0;
};
