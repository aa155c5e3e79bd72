import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeRootFs } from '../kubelet/node-os';
import type { Vfs } from '../runtime/fs';
import { captureDisk, restoreDisk } from './snapshot-files';

const freshNode = (): Vfs => nodeRootFs({ name: 'master01', ip: '192.168.1.130' }, []);

/** What `ls -la`-like inspection of a path shows: type, mode, owner, mtime and contents. */
function look(fs: Vfs, path: string): string {
  const st = fs.tryStat(path);
  if (typeof st === 'string') return st;
  const body = st.type === 'file' ? fs.readFile(path) : st.type === 'dir' ? fs.readdir(path).sort().join(',') : '';
  return `${st.type} ${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.mtime} ${body}`;
}

describe("a node's disk in a snapshot", () => {
  it('brings back written, changed, linked and deleted paths, and leaves /run behind', () => {
    const fs = freshNode();
    fs.writeFile('/root/nginx.yaml', 'kind: Pod\n', 1000);
    fs.chmod('/root/nginx.yaml', 0o600);
    fs.mkdir('/root/demo/sub', 2000, { parents: true });
    fs.symlink('/root/nginx.yaml', '/root/demo/link', 3000);
    fs.appendFile('/root/.bashrc', 'alias k=kubectl\n', 4000);
    fs.rm('/root/.bash_logout');
    fs.rm('/etc/profile.d', { recursive: true });
    fs.mkdir('/run/flannel', 5000, { parents: true });
    fs.writeFile('/run/flannel/subnet.env', 'FLANNEL_MTU=1450\n', 5000);

    const disk = captureDisk(fs);
    const restored = freshNode();
    restoreDisk(restored, JSON.parse(JSON.stringify(disk)));
    for (const path of ['/root/nginx.yaml', '/root/demo', '/root/demo/sub', '/root/.bashrc', '/root/.bash_logout', '/etc/profile.d', '/etc', '/root']) {
      expect(look(restored, path), path).toBe(look(fs, path));
    }
    expect(restored.readlink('/root/demo/link')).toBe('/root/nginx.yaml');
    expect(restored.exists('/run/flannel')).toBe(false);
    expect(captureDisk(restored)).toEqual(disk);
  });

  it('a directory deleted and made again shows none of the image files it had', () => {
    const fs = freshNode();
    fs.rm('/etc/skel', { recursive: true });
    fs.mkdir('/etc/skel', 10);
    fs.writeFile('/etc/skel/mine', 'x', 10);
    const restored = freshNode();
    restoreDisk(restored, captureDisk(fs));
    expect(restored.readdir('/etc/skel')).toEqual(['mine']);
  });

  it('an untouched node saves only what booting wrote', () => {
    expect(captureDisk(freshNode()).entries.map((e) => e.path)).toEqual(['/etc', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf']);
  });

  it('any sequence of writes, deletions and links survives capture and restore (property)', () => {
    const name = fc.constantFrom('a', 'b', 'c');
    const dir = fc.constantFrom('/root', '/root/a', '/etc', '/etc/skel', '/tmp');
    const op = fc.oneof(
      fc.record({ op: fc.constant('write' as const), dir, name, data: fc.string({ maxLength: 8 }) }),
      fc.record({ op: fc.constant('mkdir' as const), dir, name }),
      fc.record({ op: fc.constant('rm' as const), dir, name: fc.constantFrom('a', 'b', 'c', '.bashrc', 'profile', 'skel') }),
      fc.record({ op: fc.constant('link' as const), dir, name, target: fc.constantFrom('/etc/hosts', 'a', '../x') }),
      fc.record({ op: fc.constant('chmod' as const), dir, name, mode: fc.integer({ min: 0, max: 0o777 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const fs = freshNode();
        ops.forEach((o, i) => {
          const path = `${o.dir}/${o.name}`;
          try {
            if (o.op === 'write') fs.writeFile(path, o.data, i);
            else if (o.op === 'mkdir') fs.mkdir(path, i);
            else if (o.op === 'rm') fs.rm(path, { recursive: true });
            else if (o.op === 'link') fs.symlink(o.target, path, i);
            else fs.chmod(path, o.mode);
          } catch {
            // ENOENT, EEXIST and the like: the learner's command failed, the disk is unchanged.
          }
        });
        const disk = captureDisk(fs);
        const restored = freshNode();
        restoreDisk(restored, disk);
        expect(captureDisk(restored)).toEqual(disk);
      }),
      { numRuns: 150 },
    );
  });
});
