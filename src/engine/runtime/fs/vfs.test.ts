import { describe, expect, it } from 'vitest';
import {
  buildImageLayer,
  createContainerFs,
  emptyDirVolume,
  fileVolume,
  FsError,
  LayeredTree,
  readOnlyVolume,
  type Vfs,
} from './index';
import { errnoOf } from './testkit';

const nginx = buildImageLayer({
  '/usr/share/nginx/html/index.html': '<h1>Welcome to nginx!</h1>\n',
  '/usr/share/nginx/html/50x.html': 'error\n',
  '/etc/nginx/nginx.conf': 'user nginx;\n',
  '/bin/busybox': { file: 'ELF', mode: 0o755 },
  '/bin/sh': { symlink: 'busybox' },
  '/var/log/nginx/access.log': { symlink: '/dev/stdout' },
  '/tmp': { dir: true, mode: 0o1777 },
  '/loop': { symlink: '/loop' },
});

const errno = errnoOf;

describe('Vfs over an image', () => {
  const fs = (): Vfs => createContainerFs({ image: nginx });

  it.each([
    ['/usr/share/nginx/html/index.html', '<h1>Welcome to nginx!</h1>\n'],
    ['/usr/share/nginx/html/../html/./index.html', '<h1>Welcome to nginx!</h1>\n'],
    ['/../../etc/nginx/nginx.conf', 'user nginx;\n'],
    ['/bin/sh', 'ELF'],
  ])('reads %s', (path, content) => {
    expect(fs().readFile(path)).toBe(content);
  });

  it.each([
    ['readFile missing', (v: Vfs) => v.readFile('/nope'), 'ENOENT'],
    ['readFile dir', (v: Vfs) => v.readFile('/etc'), 'EISDIR'],
    ['file as dir', (v: Vfs) => v.readFile('/etc/nginx/nginx.conf/x'), 'ENOTDIR'],
    ['trailing slash on file', (v: Vfs) => v.stat('/etc/nginx/nginx.conf/'), 'ENOTDIR'],
    ['symlink loop', (v: Vfs) => v.readFile('/loop'), 'ELOOP'],
    ['readdir file', (v: Vfs) => v.readdir('/bin/busybox'), 'ENOTDIR'],
    ['mkdir existing', (v: Vfs) => v.mkdir('/etc', 1), 'EEXIST'],
    ['mkdir no parent', (v: Vfs) => v.mkdir('/a/b', 1), 'ENOENT'],
    ['rmdir non-empty', (v: Vfs) => v.rmdir('/etc'), 'ENOTEMPTY'],
    ['rmdir file', (v: Vfs) => v.rmdir('/bin/busybox'), 'ENOTDIR'],
    ['unlink dir', (v: Vfs) => v.unlink('/etc'), 'EISDIR'],
    ['rm dir without -r', (v: Vfs) => v.rm('/etc'), 'EISDIR'],
    ['write into missing dir', (v: Vfs) => v.writeFile('/nope/x', '', 1), 'ENOENT'],
    ['write over dir', (v: Vfs) => v.writeFile('/etc', '', 1), 'EISDIR'],
    ['move dir into itself', (v: Vfs) => v.rename('/etc', '/etc/nginx/etc', 1), 'EINVAL'],
    ['rename file over dir', (v: Vfs) => v.rename('/bin/busybox', '/tmp', 1), 'EISDIR'],
    ['rename dir over non-empty dir', (v: Vfs) => v.rename('/tmp', '/etc', 1), 'ENOTEMPTY'],
    ['rm -rf missing', (v: Vfs) => v.rm('/nope', { recursive: true, force: true }), 'ok'],
    ['remove /', (v: Vfs) => v.rmdir('/'), 'ENOTEMPTY'],
  ])('%s → %s', (_name, op, code) => {
    expect(errno(() => op(fs()))).toBe(code);
  });

  it('error messages are the strerror texts programs print', () => {
    try {
      fs().readFile('/nope');
    } catch (e) {
      expect((e as FsError).text).toBe('No such file or directory');
    }
  });

  it('stats files, dirs and symlinks with UTF-8 sizes', () => {
    const v = fs();
    v.writeFile('/tmp/u', 'héllo', 42);
    expect(v.stat('/tmp/u')).toEqual({ type: 'file', size: 6, mode: 0o644, uid: 0, gid: 0, mtime: 42 });
    expect(v.lstat('/bin/sh')).toMatchObject({ type: 'symlink', size: 7 });
    expect(v.stat('/bin/sh')).toMatchObject({ type: 'file', mode: 0o755 });
    expect(v.stat('/tmp')).toMatchObject({ type: 'dir', mode: 0o1777 });
    expect(v.readlink('/bin/sh')).toBe('busybox');
    expect(v.exists('/var/log/nginx/access.log')).toBe(false); // dangling: /dev/stdout is not in the layer
  });

  it('resolves relative paths and `..` physically after a symlink', () => {
    const v = fs();
    v.symlink('/usr/share/nginx/html', '/www', 1);
    expect(v.at('/www').readdir('.')).toEqual(['50x.html', 'index.html']);
    expect(v.at('/www').realpath('..')).toBe('/usr/share/nginx');
    expect(v.at('/usr/share').readFile('nginx/html/50x.html')).toBe('error\n');
  });

  it('mkdir -p, touch, append, rename, rm -r', () => {
    const v = fs().at('/tmp');
    v.mkdir('a/b/c', 5, { parents: true });
    v.mkdir('a/b', 5, { parents: true }); // existing is fine with -p
    v.touch('a/b/c/f', 6);
    v.appendFile('a/b/c/f', 'one\n', 7);
    v.appendFile('a/b/c/f', 'two\n', 8);
    expect(v.readFile('/tmp/a/b/c/f')).toBe('one\ntwo\n');
    v.touch('a/b/c/f', 9);
    expect(v.stat('a/b/c/f').mtime).toBe(9);
    v.rename('a', 'z', 10);
    expect(v.readdir('.')).toEqual(['z']);
    expect(v.readFile('z/b/c/f')).toBe('one\ntwo\n');
    v.rm('z', { recursive: true });
    expect(v.readdir('/tmp')).toEqual([]);
  });

  it('permission bits apply to non-root processes', () => {
    const v = fs().as({ uid: 101, gid: 101 });
    expect(errno(() => v.writeFile('/etc/nginx/nginx.conf', 'x', 1))).toBe('EACCES');
    expect(errno(() => v.writeFile('/etc/new', 'x', 1))).toBe('EACCES');
    v.writeFile('/tmp/mine', 'x', 1); // /tmp is 1777
    expect(v.stat('/tmp/mine')).toMatchObject({ uid: 101, gid: 101 });
  });
});

describe('layers', () => {
  it('deleting an image file hides it; a restart (fresh writable layer) brings it back', () => {
    const first = createContainerFs({ image: nginx });
    first.unlink('/usr/share/nginx/html/index.html');
    expect(first.exists('/usr/share/nginx/html/index.html')).toBe(false);
    expect(first.readdir('/usr/share/nginx/html')).toEqual(['50x.html']);
    first.writeFile('/usr/share/nginx/html/50x.html', 'changed', 2);

    const restarted = createContainerFs({ image: nginx });
    expect(restarted.readFile('/usr/share/nginx/html/index.html')).toBe('<h1>Welcome to nginx!</h1>\n');
    expect(restarted.readFile('/usr/share/nginx/html/50x.html')).toBe('error\n');
  });

  it('a directory removed and recreated does not show the image copy (opaque)', () => {
    const v = createContainerFs({ image: nginx });
    v.rm('/usr/share/nginx/html', { recursive: true });
    v.mkdir('/usr/share/nginx/html', 3);
    expect(v.readdir('/usr/share/nginx/html')).toEqual([]);
  });

  it('a thousand containers share the image layer and stay pristine until they write', () => {
    const trees = Array.from({ length: 1000 }, () => new LayeredTree(nginx));
    expect(trees.every((t) => t.image === nginx && t.pristine)).toBe(true);
    expect(Object.isFrozen(nginx.root)).toBe(true);
    trees[0]!.writeFile(['etc', 'nginx', 'nginx.conf'], 'changed', 1);
    expect(nginx.root.entries.get('etc')).toBe(trees[1]!.get(['etc'])); // image untouched, still shared
    expect(trees[1]!.pristine).toBe(true);
  });
});

describe('mounts', () => {
  const hosts = '127.0.0.1\tlocalhost\n10.244.1.5\tweb\n';
  const pod = () => {
    const shared = emptyDirVolume();
    const config = readOnlyVolume({ 'default.conf': 'server {}\n', 'nested/key': 'v' });
    const make = () =>
      createContainerFs({
        image: nginx,
        mounts: [
          { mountPath: '/usr/share/nginx/html', volume: shared },
          { mountPath: '/etc/nginx/conf.d', volume: config, readOnly: true },
          { mountPath: '/etc/hosts', volume: fileVolume(hosts) },
          { mountPath: '/data', volume: shared, subPath: 'sub/dir' },
          { mountPath: '/etc/nginx/only.conf', volume: config, subPath: 'default.conf', readOnly: true },
          { mountPath: '/ro', volume: shared, readOnly: true },
        ],
      });
    return { shared, make };
  };

  it('the longest mount prefix wins; emptyDir hides the image directory', () => {
    const v = pod().make();
    // Only the subPath dir the kubelet created for /data: the image's index.html is hidden.
    expect(v.readdir('/usr/share/nginx/html')).toEqual(['sub']);
    expect(v.readFile('/etc/nginx/conf.d/default.conf')).toBe('server {}\n');
    expect(v.readFile('/etc/nginx/nginx.conf')).toBe('user nginx;\n');
    expect(v.readFile('/etc/hosts')).toBe(hosts);
    expect(v.readFile('/etc/nginx/only.conf')).toBe('server {}\n');
    expect(v.readdir('/etc')).toEqual(['hosts', 'nginx']);
  });

  it('emptyDir is shared between containers and survives a restart', () => {
    const { make } = pod();
    const a = make();
    a.writeFile('/usr/share/nginx/html/index.html', 'from a', 1);
    a.writeFile('/scratch', 'lost on restart', 1);
    const b = make(); // another container, or the same one restarted
    expect(b.readFile('/usr/share/nginx/html/index.html')).toBe('from a');
    expect(b.exists('/scratch')).toBe(false);
    expect(b.readFile('/ro/index.html')).toBe('from a');
  });

  it('subPath shows part of a volume and is created on demand', () => {
    const { make } = pod();
    const v = make();
    v.writeFile('/data/x', 'y', 1);
    expect(v.readFile('/usr/share/nginx/html/sub/dir/x')).toBe('y');
  });

  it.each([
    ['configMap volume', (v: Vfs) => v.writeFile('/etc/nginx/conf.d/default.conf', 'x', 1), 'EROFS'],
    ['configMap new file', (v: Vfs) => v.touch('/etc/nginx/conf.d/new', 1), 'EROFS'],
    ['readOnly emptyDir', (v: Vfs) => v.writeFile('/ro/x', 'x', 1), 'EROFS'],
    ['readOnly rm', (v: Vfs) => v.rm('/etc/nginx/conf.d/nested', { recursive: true }), 'EROFS'],
    ['rm a mounted file', (v: Vfs) => v.rm('/etc/hosts', { force: true }), 'EBUSY'],
    ['rmdir a mount point', (v: Vfs) => v.rmdir('/usr/share/nginx/html'), 'EBUSY'],
    ['rename across mounts', (v: Vfs) => v.rename('/etc/nginx/nginx.conf', '/data/n', 1), 'EXDEV'],
    ['kubelet file is writable', (v: Vfs) => v.appendFile('/etc/hosts', '1.2.3.4 x\n', 1), 'ok'],
  ])('%s → %s', (_name, op, code) => {
    expect(errno(() => op(pod().make()))).toBe(code);
  });

  it('the read-only message is the one programs print', () => {
    const v = pod().make();
    expect(() => v.writeFile('/ro/x', '', 1)).toThrow('/ro/x: Read-only file system');
  });
});

describe('mount points the image lacks', () => {
  it('creates the directories leading to them, as runc does', () => {
    const token = readOnlyVolume({ '/token': 'abc' });
    const fs = createContainerFs({ image: buildImageLayer({ '/bin/sh': 'ELF' }), mounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', volume: token, readOnly: true }] });
    expect(fs.readdir('/var/run/secrets')).toEqual(['kubernetes.io']);
    expect(fs.readFile('/var/run/secrets/kubernetes.io/serviceaccount/token')).toBe('abc');
    expect(fs.stat('/var').type).toBe('dir');
  });
});
