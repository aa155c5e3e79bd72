// The session's editor: `vi` and `kubectl edit` typed at master01's prompt open their text in the
// editor the viewer gave the session (a fake here, which edits as a user would, a second later).
import { beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster';
import type { EditRequest, EditResult } from '../lib/editor';
import { openSession } from './session';
import { withoutPasteMode } from '../shell/testkit';

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
  session.onOutput((ansi) => (screen += withoutPasteMode(ansi)));
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

describe('kubectl edit', () => {
  const HEADER = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";
  const replicas = (s: ReturnType<typeof sessionWithEditor>): string => s.run("kubectl get deploy web -o jsonpath='{.spec.replicas}{\"\\n\"}'").split('\r\n')[1]!;

  beforeAll(() => {
    const s = sessionWithEditor((r) => ({ saved: false, content: r.content }));
    expect(s.run('kubectl create deployment web --image=nginx')).toContain('deployment.apps/web created');
  });

  test('opens the YAML under kubectl\'s header in a temporary file, then patches what changed', () => {
    const s = sessionWithEditor((r) => ({ saved: true, content: r.content.replace('replicas: 1', 'replicas: 3') }));
    expect(s.run('kubectl edit deploy web')).toBe('kubectl edit deploy web\r\ndeployment.apps/web edited\r\n[root@master01 ~]# ');
    const [request] = s.requests;
    expect(request!.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(request!.title).toBe(`vi ${request!.path}`);
    expect(request!.content.startsWith(`${HEADER}apiVersion: apps/v1\nkind: Deployment\nmetadata:\n`)).toBe(true);
    expect(request!.content).not.toContain('managedFields');
    expect(replicas(s)).toBe('3');
    expect(s.run(`ls ${request!.path}`)).toContain('No such file or directory');
  });

  test.each([
    ['saved unchanged', (r: EditRequest): EditResult => ({ saved: true, content: r.content }), 'Edit cancelled, no changes made.'],
    ['closed without saving', (): EditResult => ({ saved: false }), 'Edit cancelled, no changes made.'],
    ['saved empty but for comments', (): EditResult => ({ saved: true, content: '# nothing\n\n' }), 'Edit cancelled, saved file was empty.'],
  ])('%s: nothing is sent', (_name, answer, message) => {
    const s = sessionWithEditor(answer);
    const before = replicas(s);
    expect(s.run('kubectl edit deployment/web')).toBe(`kubectl edit deployment/web\r\n${message}\r\n[root@master01 ~]# `);
    expect(replicas(s)).toBe(before);
  });

  test('an object the server rejects comes back with the reasons; saving it again unchanged gives up', () => {
    const s = sessionWithEditor((r) => ({ saved: true, content: r.content.replace('image: nginx', 'image: ""') }), (r) => ({ saved: true, content: r.content }));
    const shown = s.run('kubectl edit deploy web');
    const file = s.requests[0]!.path;
    expect(shown).toBe(
      `kubectl edit deploy web\r\nerror: deployments.apps "web" is invalid\r\nA copy of your changes has been stored to "${file}"\r\nerror: Edit cancelled, no valid changes were saved.\r\n[root@master01 ~]# `,
    );
    const reopened = s.requests[1]!.content;
    expect(reopened.startsWith(`${HEADER}# deployments.apps "web" was not valid:\n# * spec.template.spec.containers[0].image: Required value\n#\napiVersion: apps/v1\n`)).toBe(true);
    expect(reopened).toContain('image: ""');
    expect(s.run(`grep -c 'image: ""' ${file}`)).toContain('\r\n1\r\n');
  });

  test('a syntax error reopens the file with the parser\'s message; the fixed text is saved', () => {
    const s = sessionWithEditor(
      (r) => ({ saved: true, content: r.content.replace('kind: Deployment', 'kind: Deployment\n  broken: [') }),
      (r) => ({ saved: true, content: r.content.replace('  broken: [\n', '').replace(/replicas: \d+/, 'replicas: 2') }),
    );
    expect(s.run('kubectl edit deploy web')).toContain('\r\ndeployment.apps/web edited\r\n');
    expect(s.requests[1]!.content).toMatch(/^# Please edit[^]*#\n# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line \d+: .+\n#\napiVersion/);
    expect(replicas(s)).toBe('2');
  });
});

describe('without an editor (a script)', () => {
  test('vi and kubectl edit take ex commands typed on the terminal', () => {
    const session = openSession(cluster);
    let screen = '';
    session.onOutput((ansi) => (screen += withoutPasteMode(ansi)));
    const type = (keys: string): void => {
      session.type(keys);
      cluster.clock.runUntil(() => session.waitingForInput, 60_000);
      cluster.clock.advance(100);
    };
    type('');
    type('kubectl edit deploy web\r');
    type('%s/replicas: \\d+/replicas: 4/\r');
    type(':wq\r');
    expect(screen).toContain('kubeplay: no full-screen editor on this terminal, editing in line mode');
    expect(screen).toMatch(/:wq\r\n"\/tmp\/kubectl-edit-\d+\.yaml" \d+L, \d+B written\r\ndeployment\.apps\/web edited\r\n/);
    type("kubectl get deploy web -o jsonpath='{.spec.replicas}'\r");
    expect(screen).toMatch(/\r\n4\[root@master01 ~\]# $/);
  });
});

describe('Ctrl-C while the editor has the file', () => {
  test.each(['vi notes.txt', 'kubectl edit deploy web'])('%s: the request is withdrawn and the prompt comes back', (line) => {
    const requests: EditRequest[] = [];
    let withdrawn = 0;
    const session = openSession(cluster, {
      editor: {
        open(request) {
          requests.push(request);
          return () => withdrawn++;
        },
      },
    });
    let screen = '';
    session.onOutput((ansi) => (screen += withoutPasteMode(ansi)));
    cluster.clock.runUntil(() => session.waitingForInput, 10_000);
    session.type(`${line}\r`);
    cluster.clock.runUntil(() => requests.length > 0, 60_000);
    cluster.clock.advance(1000);
    expect(withdrawn).toBe(0);
    session.type('\x03');
    cluster.clock.runUntil(() => session.waitingForInput && screen.endsWith('# '), 10_000);
    expect(withdrawn).toBe(1);
    expect(screen.endsWith(`${line}\r\n^C\r\n[root@master01 ~]# `)).toBe(true);
  });
});
