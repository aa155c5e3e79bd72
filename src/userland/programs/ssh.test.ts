import { describe, expect, it } from 'vitest';
import { Learner } from '../../engine/tutorial/testkit';
import { openSession } from '../session';
import { withoutPasteMode } from '../shell/testkit';

describe('ssh between the lab nodes', () => {
  const l = new Learner();

  it('runs a command on another node and passes its status back', () => {
    expect(l.onNode('master01', 'ssh worker01 hostname; echo "status $?"')).toEqual({ output: 'worker01\nstatus 0\n', code: 0 });
    expect(l.onNode('master01', 'ssh 192.168.1.132 "exit 3"; echo "status $?"').output).toBe('status 3\n');
  });

  it('fails as OpenSSH does for an unknown name, a closed port and an unreachable address', () => {
    expect(l.onNode('master01', 'ssh nope')).toEqual({ output: 'ssh: Could not resolve hostname nope: Name or service not known\n', code: 255 });
    expect(l.onNode('master01', 'ssh -p 2222 worker01 true').output).toBe('ssh: connect to host worker01 port 2222: Connection refused\n');
    expect(l.onNode('master01', 'ssh 192.168.1.250 true', 300_000).output).toBe('ssh: connect to host 192.168.1.250 port 22: No route to host\n');
    expect(l.onNode('master01', 'ssh').output).toMatch(/^usage: ssh \[-46AaCfGgKkMNnqsTtVvXxYy\]/);
  });

  it('an interactive login: the other node\'s prompt, Last login on the next visit, and back on exit', () => {
    const session = openSession(l.cluster, { node: 'master01' });
    let screen = '';
    session.onOutput((ansi) => (screen += withoutPasteMode(ansi)));
    const type = (keys: string): string => {
      screen = '';
      session.type(keys);
      l.cluster.clock.runUntil(() => session.waitingForInput && /# $/.test(screen), 10_000);
      return screen.replace(/\r/g, '');
    };
    l.cluster.clock.runUntil(() => session.waitingForInput, 10_000);
    expect(type('ssh worker01\r')).toBe('ssh worker01\n[root@worker01 ~]# ');
    expect(type('hostname\r')).toBe('hostname\nworker01\n[root@worker01 ~]# ');
    expect(type('exit\r')).toBe('exit\nlogout\nConnection to worker01 closed.\n[root@master01 ~]# ');
    expect(type('ssh worker01\r')).toMatch(/^ssh worker01\nLast login: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} from 192\.168\.1\.130\n\[root@worker01 ~\]# $/);
  });
});
