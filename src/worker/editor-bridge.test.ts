// The bridge between terminal programs and the page's editor panel, driven as the worker drives
// it: a master01 login session whose `vi` and `kubectl edit` post `editor-open`, and a page that
// answers (or does not) with what a learner would do.
import { beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../engine/cluster/cluster';
import { openSession } from '../userland/session';
import { EditorBridge } from './editor-bridge';
import type { FromWorker } from './protocol';
import { withoutPasteMode } from '../userland/shell/testkit';

type Posted = Extract<FromWorker, { type: 'editor-open' | 'editor-close' }>;

let cluster: Cluster;
beforeAll(() => {
  cluster = Cluster.create({ seed: 11 });
  cluster.clock.advance(60_000);
});

/** A page with `count` terminal tabs (sessions 1…count) sharing one bridge. */
function page(count = 1) {
  const posted: Posted[] = [];
  const bridge = new EditorBridge((message) => posted.push(message));
  const tabs = Array.from({ length: count }, (_, i) => {
    const session = openSession(cluster, { editor: bridge.editorFor(i + 1) });
    let screen = '';
    session.onOutput((ansi) => (screen += withoutPasteMode(ansi)));
    return { session, screen: () => screen };
  });
  const settle = (): void => {
    cluster.clock.runUntil(() => tabs.every((t) => t.session.waitingForInput || posted.length > 0), 60_000);
    cluster.clock.advance(200);
  };
  settle();
  return {
    bridge,
    posted,
    /** Types a line on tab `tab` and lets the cluster run until it waits for the page or for keys. */
    type(line: string, tab = 0): void {
      const before = posted.length;
      tabs[tab]!.session.type(line);
      cluster.clock.runUntil(() => tabs[tab]!.session.waitingForInput || posted.length > before, 60_000);
      cluster.clock.advance(200);
    },
    /** What tab `tab` showed from `line` on. */
    screenFrom(line: string, tab = 0): string {
      const screen = tabs[tab]!.screen();
      return screen.slice(screen.lastIndexOf(line));
    },
    closeTab(tab: number): void {
      tabs[tab]!.session.close();
      bridge.closeSession(tab + 1);
      cluster.clock.advance(1000);
    },
  };
}

const lastOpen = (posted: Posted[]) => posted.filter((m) => m.type === 'editor-open').at(-1)!;

describe('vi through the bridge', () => {
  test('the page gets the file under its title; what it saves is the file the shell reads', () => {
    const p = page();
    p.type('printf "apiVersion: v1\\nkind: Pod\\n" > pod.yaml\r');
    p.type('vi pod.yaml\r');
    expect(p.posted).toEqual([{ type: 'editor-open', request: 1, session: 1, path: '/root/pod.yaml', title: 'vi pod.yaml', content: 'apiVersion: v1\nkind: Pod\n' }]);
    p.bridge.answer(1, { saved: true, content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: edited\n' });
    p.type('');
    p.type('cat pod.yaml\r');
    expect(p.screenFrom('cat pod.yaml')).toBe('cat pod.yaml\r\napiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: edited\r\n[root@master01 ~]# ');
  });

  test('closed without saving, the file stays as it was; a late second answer changes nothing', () => {
    const p = page();
    p.type('echo before > keep.txt\r');
    p.type('vim keep.txt\r');
    const { request, title } = lastOpen(p.posted);
    expect(title).toBe('vim keep.txt');
    p.bridge.answer(request, { saved: false });
    p.bridge.answer(request, { saved: true, content: 'after\n' });
    p.type('');
    p.type('cat keep.txt\r');
    expect(p.screenFrom('cat keep.txt')).toBe('cat keep.txt\r\nbefore\r\n[root@master01 ~]# ');
  });

  test('Ctrl-C in the terminal withdraws the request: the page is told to close its tab', () => {
    const p = page();
    p.type('vi new.txt\r');
    const { request, content } = lastOpen(p.posted);
    expect(content).toBe('');
    p.type('\x03');
    expect(p.posted.at(-1)).toEqual({ type: 'editor-close', request });
    expect(p.screenFrom('vi new.txt')).toBe('vi new.txt\r\n^C\r\n[root@master01 ~]# ');
    // The page's answer after the fact writes nothing.
    p.bridge.answer(request, { saved: true, content: 'late\n' });
    p.type('ls new.txt\r');
    expect(p.screenFrom('ls new.txt')).toContain('No such file or directory');
  });

  test('a closed terminal tab ends its own edits as not saved and leaves the other tab\'s open', () => {
    const p = page(2);
    p.type('vi a.txt\r', 0);
    p.type('vi b.txt\r', 1);
    const [a, b] = p.posted.filter((m) => m.type === 'editor-open');
    expect([a!.session, b!.session]).toEqual([1, 2]);
    p.closeTab(0);
    expect(p.posted.slice(2)).toEqual([{ type: 'editor-close', request: a!.request }]);
    p.bridge.answer(b!.request, { saved: true, content: 'b\n' });
    p.type('', 1);
    p.type('cat b.txt a.txt\r', 1);
    expect(p.screenFrom('cat b.txt', 1)).toBe('cat b.txt a.txt\r\nb\r\ncat: a.txt: No such file or directory\r\n[root@master01 ~]# ');
  });
});

describe('kubectl edit through the bridge', () => {
  beforeAll(() => {
    const p = page();
    p.type('kubectl create deployment nginx --image=nginx\r');
  });

  test('the saved replicas are applied and kubectl says edited', () => {
    const p = page();
    p.type('kubectl edit deployment/nginx\r');
    const open = lastOpen(p.posted);
    expect(open.title).toBe(`vi ${open.path}`);
    expect(open.content).toContain('kind: Deployment');
    p.bridge.answer(open.request, { saved: true, content: open.content.replace('replicas: 1', 'replicas: 3') });
    p.type('');
    expect(p.screenFrom('kubectl edit')).toBe('kubectl edit deployment/nginx\r\ndeployment.apps/nginx edited\r\n[root@master01 ~]# ');
    p.type("kubectl get deploy nginx -o jsonpath='{.spec.replicas}'\r");
    expect(p.screenFrom('kubectl get')).toContain("'\r\n3[root@master01 ~]# ");
  });

  test('an invalid change reopens the file as a new request, with the reason on top', () => {
    const p = page();
    p.type('kubectl edit deploy nginx\r');
    const first = lastOpen(p.posted);
    p.bridge.answer(first.request, { saved: true, content: first.content.replace(/replicas: \d+/, 'replicas: -1') });
    p.type('');
    const second = lastOpen(p.posted);
    expect(second.request).not.toBe(first.request);
    expect(second.path).toBe(first.path);
    expect(second.content).toContain('# * spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    p.bridge.answer(second.request, { saved: false });
    p.type('');
    expect(p.screenFrom('kubectl edit')).toContain('error: deployments.apps "nginx" is invalid\r\n');
  });
});
