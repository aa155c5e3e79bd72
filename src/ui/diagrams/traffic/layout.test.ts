import { describe, expect, it } from 'vitest';
import type { Flow } from './flows';
import { layoutFlow, MAX_SERVERS, VIEW_HEIGHT, VIEW_WIDTH } from './layout';

const flow = (over: Partial<Flow>): Flow => ({
  id: 1, at: 0, protocol: 'tcp', client: { name: 'master01', ip: '192.168.1.130', kind: 'node', port: 40000 },
  asked: { name: 'default/web', ip: '10.96.0.20', kind: 'service', port: 80 }, service: 'default/web', chains: [], ok: true, dns: [], ...over,
});
const pod = (n: number) => ({ name: `default/web-${n}`, ip: `10.244.1.${n}` });
const server = (n: number) => ({ ...pod(n), kind: 'pod' as const, port: 80 });

describe('layoutFlow', () => {
  it.each([
    { what: 'the chosen of three endpoints', f: flow({ server: server(2) }), candidates: [1, 2, 3], shown: [1, 2, 3], end: 'server', more: 0 },
    { what: 'a chosen pod beyond the shown ones takes the last slot', f: flow({ server: server(6) }), candidates: [1, 2, 3, 4, 5, 6], shown: [1, 2, 3, 6], end: 'server', more: 2 },
    { what: 'a chosen pod that has left the Endpoints is still drawn', f: flow({ server: server(9) }), candidates: [1], shown: [9, 1], end: 'server', more: 0 },
    { what: 'a straight connection to a pod', f: flow({ service: undefined, server: server(4) }), candidates: [], shown: [4], end: 'server', more: 0 },
    { what: 'a REJECT stops at the rules', f: flow({ ok: false, reason: 'no-endpoints' }), candidates: [], shown: [], end: 'rules', more: 0 },
    { what: 'no answer ends in the void', f: flow({ ok: false, reason: 'timeout', service: undefined }), candidates: [], shown: [], end: 'void', more: 0 },
  ])('$what', ({ f, candidates, shown, end, more }) => {
    const layout = layoutFlow(f, candidates.map(pod), new Map([['default/web-2', 3]]));
    expect(layout.servers.map((s) => s.name)).toEqual(shown.map((n) => `default/web-${n}`));
    expect(layout.end).toBe(end);
    expect(layout.more).toBe(more);
    expect(layout.servers.length).toBeLessThanOrEqual(MAX_SERVERS);
    expect(layout.servers.filter((s) => s.chosen).map((s) => s.name)).toEqual(end === 'server' ? [f.server!.name] : []);
    // The path starts at the client and ends where the dot stops; every box lies inside the view.
    expect(layout.path).toMatch(new RegExp(`^M ${layout.client.x + layout.client.w} `));
    expect(layout.path.endsWith(`${layout.endPoint.x} ${layout.endPoint.y}`)).toBe(true);
    for (const box of [layout.client, layout.rules, ...layout.servers.map((s) => s.box)]) {
      expect(box.x >= 0 && box.y >= 0 && box.x + box.w <= VIEW_WIDTH && box.y + box.h <= VIEW_HEIGHT).toBe(true);
    }
  });

  it('hits are shown per endpoint', () => {
    const layout = layoutFlow(flow({ server: server(2) }), [pod(1), pod(2)], new Map([['default/web-2', 3]]));
    expect(layout.servers.map((s) => s.hits)).toEqual([0, 3]);
  });
});
