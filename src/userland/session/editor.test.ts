// The session's editor: `vi` and `kubectl edit` typed at master01's prompt open their text in the
// editor the viewer gave the session (a fake here, which edits as a user would, a second later).
import { beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster';
import type { EditRequest, EditResult } from '../lib/editor';
import { openSession } from './session';

let cluster: Cluster;
beforeAll(() => {
  cluster = Cluster.create({ seed: 7 });
  cluster.clock.advance(60_000);
});

/** A session whose editor answers each request with `edits` in turn (the last one repeats). */
function sessionWithEditor(...edits: ((request: EditRequest) => EditResult)[]) {
  const requests: EditRequest[] = [];
  const session = openSession(cluster, {
    editor: {
      open(request, done) {
        const edit = edits[Math.min(requests.length, edits.length - 1)]!;
        requests.push(request);
        cluster.clock.schedule(1000, () => done(edit(request)));
      },
    },
  });
  let screen = '';
  session.onOutput((ansi) => (screen += ansi));
  cluster.clock.advance(50);
  return {
    requests,
    /** Types a command line and returns what the terminal showed until the next prompt. */
    run(line: string): string {
      const before = screen.length;
      session.type(`${line}\r`);
      cluster.clock.runUntil(() => session.waitingForInput && screen.endsWith('# '), 120_000);
      return screen.slice(before);
    },
  };
}

describe('vi in a session with an editor', () => {
  test('the file opens in the editor and what it saved is on disk', () => {
    const s = sessionWithEditor((r) => ({ saved: true, content: `${r.content}echo hi\n` }));
    s.run('echo "#!/bin/sh" > hi.sh');
    expect(s.run('vi hi.sh')).toBe('vi hi.sh\r\n[root@master01 ~]# ');
    expect(s.requests).toEqual([{ path: '/root/hi.sh', content: '#!/bin/sh\n', title: 'vi hi.sh' }]);
    expect(s.run('sh hi.sh')).toContain('\r\nhi\r\n');
  });
});
