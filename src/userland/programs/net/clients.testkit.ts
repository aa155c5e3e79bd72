/**
 * A small network for the clients' tests: the client's container at 10.244.1.5, and
 * servers in their own pods (their own network and PID namespaces) on the same or another node.
 */
import { buildImageLayer, createContainerFs, type LayerSpec } from '../../../engine/runtime/fs';
import { NGINX_DEFAULT_CONF, NGINX_INDEX_HTML, nginxConf } from '../../../engine/runtime/images/nginx-files';
import { Netns, PidNamespace, SinkFile, SourceFile } from '../../../engine/runtime/process';
import { testBox, type TestBox } from '../../../engine/runtime/process/testkit';
import { programRegistry } from '../../registry';
import type { ToolRun } from '../testkit';

export const CLIENT_IP = '10.244.1.5';

export interface ClientWorld {
  box: TestBox;
  /** Runs argv in the client's container until it exits (or `ms` of simulated time). */
  run(argv: string[], options?: { env?: Record<string, string>; ms?: number }): ToolRun;
  /**
   * Starts nginx in a pod of its own at `ip`, serving `files` beside the default page; returns
   * what it has written to stdout so far (its access log).
   */
  nginx(ip: string, options?: { node?: string; files?: Record<string, string> }): () => string;
  /** Starts `httpd -f -h /www` (busybox: answers with `Connection: close`) at `ip`. */
  httpd(ip: string, files: Record<string, string>): void;
  /** An address that answers ping but serves nothing (a pod without a server), by default on the client's node. */
  host(ip: string, node?: string): void;
}

/**
 * @param table path → program id in the client's container, e.g. `{ '/bin/wget': 'busybox:wget' }`.
 */
export function clientWorld(table: Record<string, string>, files: LayerSpec = {}): ClientWorld {
  // The servers' programs run from the same kernel (and so appear in the client's /bin too).
  const ids = [...Object.values(table), 'nginx', 'busybox:httpd'];
  const programs = Object.fromEntries(ids.map((id) => [id, programRegistry(id)!]));
  const box = testBox({
    programs,
    table,
    files: { '/etc/hosts': `127.0.0.1\tlocalhost\n${CLIENT_IP}\tclient\n`, ...files },
    ip: CLIENT_IP,
  });
  const clientNode = box.ns.netns.node;
  const pod = (ip: string, node: string, serverTable: Record<string, string>, podFiles: LayerSpec): PidNamespace => {
    const netns = new Netns(`default/${ip}`, [ip], node);
    box.network.attach(ip, netns);
    const fs = createContainerFs({ image: buildImageLayer(podFiles) });
    return new PidNamespace(`pod-${ip}`, `pod-${ip}`, fs, serverTable, netns);
  };
  const start = (ns: PidNamespace, argv: string[]): (() => string) => {
    let out = '';
    const sink = new SinkFile((data) => (out += data));
    box.kernel.spawn(ns, argv, { env: { PATH: '/bin:/usr/sbin', NGINX_VERSION: '1.25.4' }, files: [new SourceFile(), sink, new SinkFile(() => {})] });
    box.clock.advance(10);
    return () => out;
  };
  const ELF = { file: '\x7fELF', mode: 0o755 };
  return {
    box,
    run(argv, options = {}) {
      const run = box.run(argv, { env: options.env ?? {} });
      box.clock.runUntil(() => run.status() !== undefined, options.ms ?? 3_600_000);
      return { stdout: run.stdout(), stderr: run.stderr(), code: run.status()?.code };
    },
    nginx(ip, options = {}) {
      const files: Record<string, LayerSpec[string]> = {
        '/usr/sbin/nginx': ELF,
        '/usr/share/nginx/html/index.html': NGINX_INDEX_HTML,
        '/etc/nginx/nginx.conf': nginxConf('notice'),
        '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
      };
      for (const [path, text] of Object.entries(options.files ?? {})) files[`/usr/share/nginx/html${path}`] = text;
      return start(pod(ip, options.node ?? clientNode, { '/usr/sbin/nginx': 'nginx' }, files), ['nginx', '-g', 'daemon off;']);
    },
    httpd(ip, files) {
      const layer: Record<string, LayerSpec[string]> = { '/bin/httpd': ELF };
      for (const [path, text] of Object.entries(files)) layer[`/www${path}`] = text;
      start(pod(ip, clientNode, { '/bin/httpd': 'busybox:httpd' }, layer), ['httpd', '-f', '-h', '/www']);
    },
    host(ip, node = clientNode) {
      pod(ip, node, {}, {});
    },
  };
}
