import { describe, expect, it } from 'vitest';
import { failedToPullMessage, imageCatalog } from './catalog';
import { CATALOG_ENTRIES } from './catalog-data';

function image(name: string) {
  const found = imageCatalog.lookup(name);
  if (!found.found) throw new Error(found.pullError);
  return found.image;
}
const file = (name: string, path: string) => image(name).files.find((f) => f.path === path)?.content;
// The pages are ASCII, so characters are bytes; NaN if that assumption ever breaks.
const bytes = (text: string | undefined) => (![...(text ?? '')].some((c) => c.charCodeAt(0) > 0x7f) ? (text ?? '').length : NaN);

describe('image catalogue', () => {
  it.each([
    'nginx', 'nginx:1.20', 'nginx:1.20-alpine', 'nginx:1.21', 'nginx:1.25', 'nginx:alpine', 'nginx:latest',
    'busybox', 'busybox:1.28', 'busybox:1.36', 'ikubernetes/myapp:v1', 'ikubernetes/myapp:v2', 'ikubernetes/myapp:v3',
    'alpine', 'httpd', 'redis', 'registry.k8s.io/coredns/coredns:v1.11.1', 'registry.k8s.io/kube-proxy:v1.30.2',
    'registry.k8s.io/etcd:3.5.12-0', 'registry.k8s.io/kube-apiserver:v1.30.2', 'registry.k8s.io/pause:3.9',
    'registry.k8s.io/kube-controller-manager:v1.30.2', 'registry.k8s.io/kube-scheduler:v1.30.2',
  ])('has %s', (name) => expect(image(name).digest).toMatch(/^sha256:[0-9a-f]{64}$/));

  // (Images without ENTRYPOINT or CMD, like kube-apiserver's, run only what the pod says.)
  const withDefaultCommand = CATALOG_ENTRIES.filter((e) => e.config.Entrypoint.length + e.config.Cmd.length > 0);
  it.each(withDefaultCommand.map((e) => [`${e.repository}:${e.tags[0]}`, e] as const))('%s: what it runs by default is in the image', (_name, e) => {
    const argv0 = e.config.Entrypoint[0] ?? e.config.Cmd[0]!;
    const path = e.config.Env.find((v) => v.startsWith('PATH='))!.slice(5).split(':');
    const candidates = argv0.startsWith('/') ? [argv0] : path.map((dir) => `${dir}/${argv0}`);
    const present = candidates.some((p) => p in e.programs || e.files.some((f) => f.path === p));
    expect(present, `${argv0} in ${candidates.join(' ')}`).toBe(true);
  });

  it('nginx serves the real welcome page: 615 bytes from 1.21, 612 before', () => {
    expect(bytes(file('nginx:1.25', '/usr/share/nginx/html/index.html'))).toBe(615);
    expect(bytes(file('nginx:1.21', '/usr/share/nginx/html/index.html'))).toBe(615);
    expect(bytes(file('nginx:1.20', '/usr/share/nginx/html/index.html'))).toBe(612);
  });

  it('tags of one image share its digest; other images differ', () => {
    expect(image('nginx').digest).toBe(image('nginx:1.25').digest);
    expect(image('nginx:1.21').digest).not.toBe(image('nginx:1.25').digest);
    expect(image(`nginx@${image('nginx:1.21').digest}`).tags).toContain('1.21');
    expect(imageCatalog.imageID('nginx')).toBe(`docker.io/library/nginx@${image('nginx:1.25').digest}`);
  });

  it('nginx: config and programs', () => {
    const nginx = image('nginx:1.25');
    expect(nginx.sizeBytes).toBe(70_995_927);
    expect(nginx.config.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(nginx.config.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(nginx.config.StopSignal).toBe('SIGQUIT');
    expect(nginx.config.Env[0]).toMatch(/^PATH=/);
    expect(nginx.flavour).toBe('debian');
    expect(nginx.programs['/bin/bash']).toBe('bash');
    // nginx before 1.25 is built on Debian 11 and its bash 5.1.4.
    expect(image('nginx:1.20').programs['/bin/bash']).toBe('bash:5.1.4');
    expect(nginx.programs['/usr/bin/curl']).toBe('curl');
    const paths = Object.keys(nginx.programs).map((p) => p.slice(p.lastIndexOf('/') + 1));
    for (const absent of ['ps', 'ping', 'wget', 'nslookup']) expect(paths).not.toContain(absent);
    expect(image('nginx:alpine').programs['/usr/bin/wget']).toBe('busybox:wget');
    expect(file('nginx:1.25', '/docker-entrypoint.d/15-local-resolvers.envsh')).toBeDefined();
    expect(file('nginx:1.21', '/docker-entrypoint.d/15-local-resolvers.envsh')).toBeUndefined();
  });

  it('busybox runs sh and ships no web page; myapp prints its version', () => {
    expect(image('busybox').config.Cmd).toEqual(['sh']);
    expect(image('busybox').config.Entrypoint).toEqual([]);
    expect(image('busybox').files).toEqual([]);
    expect(image('busybox').programs['/bin/sh']).toBe('busybox:sh');
    expect(file('ikubernetes/myapp:v2', '/usr/share/nginx/html/index.html')).toBe(
      'Hello MyApp | Version: v2 | <a href="hostname.html">Pod Name</a>\n',
    );
  });

  it('unknown tags and repositories give containerd\'s pull errors', () => {
    const tag = imageCatalog.lookup('nginx:nosuch');
    expect(tag).toEqual({
      found: false,
      pullError:
        'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nosuch": failed to resolve reference "docker.io/library/nginx:nosuch": docker.io/library/nginx:nosuch: not found',
    });
    const repo = imageCatalog.lookup('nosuchimage');
    expect(repo.found).toBe(false);
    if (!repo.found) expect(repo.pullError).toContain('pull access denied, repository does not exist');
    if (!tag.found) expect(failedToPullMessage('nginx:nosuch', tag.pullError)).toMatch(/^Failed to pull image "nginx:nosuch": rpc error/);
  });

  it('no two entries claim the same tag', () => {
    const seen = new Set<string>();
    for (const entry of CATALOG_ENTRIES) {
      for (const tag of entry.tags) {
        const key = `${entry.repository}:${tag}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });
});
