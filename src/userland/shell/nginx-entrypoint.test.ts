// The nginx image's entrypoint runs through this interpreter at every nginx pod start: `set -e`,
// `[ ]`, a glob over /docker-entrypoint.d/, `case`, `. file`, `"$f"` (a #! script), `$0`,
// `$(basename "$0")` and finally `exec "$@"`. It must print the startup lines of reference §10.1
// and leave nginx as the container's PID 1.
import { describe, expect, test } from 'vitest';
import { sys, type Program } from '../../engine/runtime/process';
import { NGINX_DOCKER_ENTRYPOINT, nginxEntrypointScripts } from '../../engine/runtime/images/nginx-files';
import type { ShellDialect } from './errors';
import { shellBox } from './testkit';

/** Stands in for nginx: says how it was started, then serves forever. */
const nginx: Program = function* (proc) {
  yield* sys.write(1, `nginx ${proc.argv.slice(1).join(' ')} as pid ${proc.pid}\n`);
  yield* sys.pause();
  return 0;
};

function nginxImage(dialect: ShellDialect, withLocalResolvers: boolean) {
  const files: Record<string, { file: string; mode: number }> = {
    '/docker-entrypoint.sh': { file: NGINX_DOCKER_ENTRYPOINT, mode: 0o755 },
  };
  for (const [path, content] of Object.entries(nginxEntrypointScripts(withLocalResolvers))) files[path] = { file: content, mode: 0o755 };
  return shellBox(dialect, { files, programs: { nginx } });
}

const STARTUP_1_25 = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

describe('the nginx image entrypoint', () => {
  test.each(['busybox', 'bash'] as const)('prints the startup lines and execs nginx as PID 1 (%s as /bin/sh)', (dialect) => {
    const box = nginxImage(dialect, true);
    const run = box.run(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], { env: { PATH: '/bin' } });
    box.clock.advance(5_000);
    expect(run.stdout()).toBe([...STARTUP_1_25, 'nginx -g daemon off; as pid 1', ''].join('\n'));
    expect(run.stderr()).toBe('');
    expect(run.status()).toBeUndefined();
    expect(box.ns.list().map((p) => p.argv)).toEqual([['nginx', '-g', 'daemon off;']]);
    expect(box.kernel.faults).toEqual([]);
  });

  test('older images have no 15-local-resolvers.envsh', () => {
    const box = nginxImage('busybox', false);
    const run = box.run(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], { env: { PATH: '/bin' } });
    box.clock.advance(5_000);
    expect(run.stdout()).not.toContain('Sourcing');
    expect(run.stdout()).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
  });

  test('any other command skips the configuration and is exec-ed as it is', () => {
    const box = nginxImage('busybox', true);
    const run = box.run(['/docker-entrypoint.sh', 'args', 'hello world'], { env: { PATH: '/bin' } });
    box.clock.runUntil(() => run.status() !== undefined);
    expect(run.stdout()).toBe('<hello world>\n');
    expect(run.status()).toEqual({ code: 0 });
  });

  test('a missing command fails like exec does (set -e does not hide it)', () => {
    const box = nginxImage('busybox', true);
    const run = box.run(['/docker-entrypoint.sh', 'nope'], { env: { PATH: '/bin' } });
    box.clock.runUntil(() => run.status() !== undefined);
    expect(run.stderr()).toBe('/docker-entrypoint.sh: exec: line 16: nope: not found\n');
    expect(run.status()).toEqual({ code: 127 });
  });
});
