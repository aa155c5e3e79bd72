import { describe, expect, it } from 'vitest';
import { apiGateway } from './gateway';
import type { ApiResponse } from './types';
import { pod, testServer } from './testkit';

/** Everything readable from the events file right now, split into decoded events. */
function drain(file: { read(): { kind: string; data?: string } }): { type: string; name?: string }[] {
  let text = '';
  for (let r = file.read(); r.kind === 'data'; r = file.read()) text += r.data;
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string; object: { metadata?: { name?: string } } })
    .map((e) => ({ type: e.type, name: e.object.metadata?.name }));
}

describe('apiGateway', () => {
  it('answers requests through the apiserver', () => {
    const { api } = testServer();
    const gateway = apiGateway(api);
    expect(gateway.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a') }).status).toBe(201);
    expect(gateway.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/b' }).status).toBe(404);
  });

  it('streams watch events as JSON lines until stopped, then reads end of file', () => {
    const { api, clock } = testServer();
    const gateway = apiGateway(api);
    const stream = gateway.watch({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: { watch: 'true' } });
    expect(stream.response.status).toBe(200);
    api.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a') });
    clock.runUntilQuiet(1000);
    expect(drain(stream.events)).toEqual([{ type: 'ADDED', name: 'a' }]);
    stream.stop();
    api.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('b') });
    clock.runUntilQuiet(1000);
    expect(stream.events.read()).toEqual({ kind: 'eof' });
  });

  it('closing the last descriptor of the stream ends the watch', () => {
    const { api, clock } = testServer();
    const stream = apiGateway(api).watch({ method: 'GET', path: '/api/v1/pods', query: { watch: 'true' } });
    stream.events.retain();
    stream.events.release();
    api.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a') });
    clock.runUntilQuiet(1000);
    expect(stream.events.read()).toEqual({ kind: 'eof' });
  });

  it('a watch the server refuses has its error and an empty stream', () => {
    const { api } = testServer();
    const stream = apiGateway(api).watch({ method: 'GET', path: '/api/v1/namespaces/default/nothings', query: { watch: 'true' } });
    expect(stream.response.status).toBe(404);
    expect(stream.events.read()).toEqual({ kind: 'eof' });
  });

  describe('follow: an answer that goes on, read as a file', () => {
    /** A server whose answer is `so far`, then whatever `write` sends, until `end`. */
    function streaming(answer: ApiResponse = { status: 200, body: 'so far\n' }) {
      const state = { data: (_: string) => {}, end: () => {}, open: false };
      const response: ApiResponse = {
        ...answer,
        stream: {
          open(data, end) {
            Object.assign(state, { data, end, open: true });
            return () => (state.open = false);
          },
        },
      };
      const api = { request: () => response, watch: () => ({ status: 405, body: {} }) } as unknown as Parameters<typeof apiGateway>[0];
      return { gateway: apiGateway(api), state };
    }
    const read = (file: { read(): { kind: string; data?: string } }): string[] => {
      const out: string[] = [];
      for (let r = file.read(); r.kind !== 'block'; r = file.read()) {
        out.push(r.kind === 'data' ? r.data! : '(eof)');
        if (r.kind === 'eof') break;
      }
      return out;
    };
    const req = { method: 'GET' as const, path: '/api/v1/namespaces/default/pods/p/log', query: { follow: 'true' } };

    it('gives the text so far, then each chunk, then end of file when the server ends it', () => {
      const { gateway, state } = streaming();
      const { response, body } = gateway.follow(req);
      expect(response).toEqual({ status: 200, body: 'so far\n' });
      state.data('next\n');
      expect(read(body)).toEqual(['so far\nnext\n']);
      state.end();
      expect(read(body)).toEqual(['(eof)']);
    });

    it('hangs up when the reader closes the file', () => {
      const { gateway, state } = streaming();
      const { body } = gateway.follow(req);
      body.retain();
      expect(state.open).toBe(true);
      body.release();
      expect(state.open).toBe(false);
    });

    it('an error answer has its Status and an empty body', () => {
      const { api } = testServer();
      const { response, body } = apiGateway(api).follow({ ...req, path: '/api/v1/namespaces/default/pods/nope/log' });
      expect(response.status).toBe(404);
      expect(read(body)).toEqual(['(eof)']);
    });
  });
});

