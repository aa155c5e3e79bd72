// Tab at master01's prompt completes kubectl's words from the live cluster.
import { beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../../engine/cluster/cluster';
import { openSession } from '../../session';

let cluster: Cluster;
beforeAll(() => {
  cluster = Cluster.create({ seed: 11 });
  cluster.clock.advance(60_000);
  const s = terminal();
  s.keys('kubectl create deployment web --image=nginx; kubectl create deployment worker --image=nginx; kubectl create namespace lab\r', 5000);
});

function terminal() {
  const session = openSession(cluster);
  let screen = '';
  session.onOutput((ansi) => (screen += ansi));
  cluster.clock.advance(50);
  return {
    /** Types keys, lets the simulation run, returns what the terminal showed meanwhile. */
    keys(keys: string, ms = 200): string {
      const before = screen.length;
      session.type(keys);
      cluster.clock.advance(ms);
      return screen.slice(before);
    },
  };
}

describe('kubectl Tab completion', () => {
  test.each([
    ['a verb', 'kubectl ro', 'llout '],
    ['a subcommand', 'kubectl rollout his', 'tory '],
    ['a resource type as api-resources -o name lists it', 'kubectl get deploym', 'ents.apps '],
    ['a name after the type', 'kubectl get deploy wo', 'rker '],
    ['a name after TYPE/', 'kubectl describe deploy/wo', 'rker '],
    ['a node for cordon', 'kubectl cordon work', 'er0'],
    ['a namespace after -n', 'kubectl get pods -n la', 'b '],
    ["a flag of the command, as cobra offers it", 'kubectl get pods --show-la', 'bels '],
    ['a global flag', 'kubectl get pods --kubec', 'onfig '],
    ['a flag of a subcommand', 'kubectl rollout undo deploy/web --to-rev', 'ision '],
    ['a flag already given is not offered again (a bell)', 'kubectl get pods --show-labels --show-la', '\x07'],
  ])('%s', (_name, line, completed) => {
    const s = terminal();
    s.keys(line);
    expect(s.keys('\t')).toBe(completed);
  });

  test('an alias completes as the command it stands for', () => {
    const s = terminal();
    s.keys('alias k=kubectl\r');
    s.keys('k get deploy wo');
    expect(s.keys('\t')).toBe('rker ');
  });

  test('the pod of a Deployment for logs, the hash and suffix filled in', () => {
    const s = terminal();
    s.keys('kubectl logs web-');
    expect(s.keys('\t')).toMatch(/^[0-9a-z]{9,10}-[0-9a-z]{5} $/);
  });

  test('a pod name of the namespace -n names, completed in full', () => {
    const s = terminal();
    s.keys('kubectl logs -n kube-system etcd-');
    expect(s.keys('\t')).toBe('master01 ');
  });

  test('a second Tab lists the choices; names come from the server at that moment', () => {
    const s = terminal();
    s.keys('kubectl get deploy w');
    expect(s.keys('\t')).toBe('\x07');
    expect(s.keys('\t')).toContain('\r\nweb     worker\r\n');
    s.keys('\x15');
    s.keys('kubectl delete deploy worker\r', 5000);
    s.keys('kubectl get deploy w');
    expect(s.keys('\t')).toBe('eb ');
  });

  test('file names after -f', () => {
    const s = terminal();
    s.keys('echo > web.yaml\r');
    s.keys('kubectl apply -f we');
    expect(s.keys('\t')).toBe('b.yaml ');
  });
});
