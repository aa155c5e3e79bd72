/**
 * The catalogue's rows. Sizes are compressed linux/amd64 sizes: nginx:1.25 is the observed
 * 70,995,927 bytes (reference §3); the others are approximate, within a few percent of the real
 * images, so pull times and `Image size:` lines look plausible.
 */
import type { CatalogEntry, ImageConfig, ImageFile } from './catalog';
import {
  NGINX_50X_HTML, NGINX_DEFAULT_CONF, NGINX_DOCKER_ENTRYPOINT, NGINX_INDEX_HTML, NGINX_INDEX_HTML_1_20,
  nginxConf, nginxEntrypointScripts,
} from './nginx-files';
import { alpinePrograms, busyboxImagePrograms, debianPrograms, withPrograms } from './programs';

const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const BUSYBOX_PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function config(partial: Partial<ImageConfig>): ImageConfig {
  return { Entrypoint: [], Cmd: [], WorkingDir: '', Env: [PATH_ENV], ExposedPorts: [], StopSignal: 'SIGTERM', User: '', ...partial };
}

function script(path: string, content: string): ImageFile {
  return { path, content, mode: 0o755 };
}

const NGINX_PROGRAMS = { '/usr/sbin/nginx': 'nginx', '/usr/sbin/nginx-debug': 'nginx' };

interface NginxVariant {
  tags: string[];
  version: string;
  alpine: boolean;
  sizeBytes: number;
}

/** Every nginx tag is the same recipe; only version, base and a few files differ. */
function nginxEntry({ tags, version, alpine, sizeBytes }: NginxVariant): CatalogEntry {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  const modern = major > 1 || minor >= 21;
  const files: ImageFile[] = [
    { path: '/usr/share/nginx/html/index.html', content: modern ? NGINX_INDEX_HTML : NGINX_INDEX_HTML_1_20 },
    { path: '/usr/share/nginx/html/50x.html', content: NGINX_50X_HTML },
    { path: '/etc/nginx/nginx.conf', content: nginxConf(modern ? 'notice' : 'warn') },
    { path: '/etc/nginx/conf.d/default.conf', content: NGINX_DEFAULT_CONF },
    script('/docker-entrypoint.sh', NGINX_DOCKER_ENTRYPOINT),
    ...Object.entries(nginxEntrypointScripts(minor >= 25)).map(([path, content]) => script(path, content)),
  ];
  return {
    repository: 'nginx',
    tags,
    sizeBytes,
    flavour: alpine ? 'alpine' : 'debian',
    config: config({
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      Env: [PATH_ENV, `NGINX_VERSION=${version}`],
      ExposedPorts: ['80/tcp'],
      // nginx finishes in-flight requests and exits on SIGQUIT ("graceful shutdown").
      StopSignal: 'SIGQUIT',
    }),
    // Debian nginx images add curl on top of the base; alpine ones rely on busybox wget.
    // Debian images of nginx before 1.25 are bullseye's (bash 5.1.4), later ones bookworm's.
    programs: withPrograms(alpine ? alpinePrograms() : debianPrograms(minor < 25 ? 'bash:5.1.4' : 'bash'), alpine ? {} : { '/usr/bin/curl': 'curl' }, NGINX_PROGRAMS),
    files,
  };
}

/** ikubernetes/myapp: a tiny nginx-on-alpine demo app that prints its version. */
function myappEntry(version: string, sizeBytes: number): CatalogEntry {
  return {
    repository: 'ikubernetes/myapp',
    tags: [version],
    sizeBytes,
    flavour: 'alpine',
    config: config({
      Cmd: ['nginx', '-g', 'daemon off;'],
      Env: [PATH_ENV, 'NGINX_VERSION=1.12.2'],
      ExposedPorts: ['80/tcp', '443/tcp'],
    }),
    programs: withPrograms(alpinePrograms(), { '/usr/sbin/nginx': 'nginx' }),
    files: [
      { path: '/usr/share/nginx/html/index.html', content: `Hello MyApp | Version: ${version} | <a href="hostname.html">Pod Name</a>\n` },
      { path: '/etc/nginx/nginx.conf', content: nginxConf('warn') },
      {
        path: '/etc/nginx/conf.d/default.conf',
        // Our own short config: the page, plus /hostname.html answered from the pod's hostname.
        content: `server {
    listen       80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    location = /hostname.html {
        alias /etc/hostname;
    }
}
`,
      },
    ],
  };
}

/** A kube-system image: one static Go binary on a distroless base, no shell. */
function controlPlaneEntry(repository: string, tag: string, binary: string, sizeBytes: number, entrypoint: string[] = []): CatalogEntry {
  return {
    repository,
    tags: [tag],
    sizeBytes,
    flavour: 'distroless',
    config: config({ Entrypoint: entrypoint }),
    // Where the image really has it: at its entrypoint (/coredns, /pause), else in /usr/local/bin.
    programs: { [entrypoint[0] ?? `/usr/local/bin/${binary}`]: binary },
    files: [],
  };
}

export const CATALOG_ENTRIES: readonly CatalogEntry[] = [
  nginxEntry({ tags: ['1.25', '1.25.4', 'latest'], version: '1.25.4', alpine: false, sizeBytes: 70_995_927 }),
  nginxEntry({ tags: ['1.25-alpine', '1.25.4-alpine', 'alpine'], version: '1.25.4', alpine: true, sizeBytes: 18_040_442 }),
  nginxEntry({ tags: ['1.21', '1.21.6'], version: '1.21.6', alpine: false, sizeBytes: 56_734_802 }),
  nginxEntry({ tags: ['1.20', '1.20.2'], version: '1.20.2', alpine: false, sizeBytes: 54_183_520 }),
  nginxEntry({ tags: ['1.20-alpine', '1.20.2-alpine'], version: '1.20.2', alpine: true, sizeBytes: 9_960_431 }),
  {
    repository: 'busybox',
    tags: ['1.36', '1.36.1', 'latest'],
    sizeBytes: 2_231_050,
    flavour: 'busybox',
    config: config({ Cmd: ['sh'], Env: [BUSYBOX_PATH_ENV] }),
    programs: busyboxImagePrograms(),
    // No index.html: `httpd -h /tmp` serves an empty directory until the learner writes one.
    files: [],
  },
  {
    repository: 'busybox',
    tags: ['1.28', '1.28.4'],
    sizeBytes: 727_869,
    flavour: 'busybox',
    config: config({ Cmd: ['sh'], Env: [BUSYBOX_PATH_ENV] }),
    programs: busyboxImagePrograms(),
    files: [],
  },
  myappEntry('v1', 6_488_217),
  myappEntry('v2', 6_488_305),
  myappEntry('v3', 6_488_311),
  {
    repository: 'alpine',
    tags: ['3.20', '3.20.1', 'latest'],
    sizeBytes: 3_623_807,
    flavour: 'alpine',
    config: config({ Cmd: ['/bin/sh'] }),
    programs: alpinePrograms(),
    files: [],
  },
  {
    repository: 'httpd',
    tags: ['2.4', '2.4.59', 'latest'],
    sizeBytes: 58_340_514,
    flavour: 'debian',
    config: config({
      Cmd: ['httpd-foreground'],
      WorkingDir: '/usr/local/apache2',
      Env: ['PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HTTPD_PREFIX=/usr/local/apache2'],
      ExposedPorts: ['80/tcp'],
      // Apache's graceful stop signal.
      StopSignal: 'SIGWINCH',
    }),
    programs: withPrograms(debianPrograms(), {
      '/usr/local/bin/httpd-foreground': 'apache-httpd',
      '/usr/local/apache2/bin/httpd': 'apache-httpd',
    }),
    files: [{ path: '/usr/local/apache2/htdocs/index.html', content: '<html><body><h1>It works!</h1></body></html>\n' }],
  },
  {
    repository: 'redis',
    tags: ['7.2', '7.2.5', 'latest'],
    sizeBytes: 40_967_389,
    flavour: 'debian',
    config: config({
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['redis-server'],
      WorkingDir: '/data',
      Env: [PATH_ENV, 'REDIS_VERSION=7.2.5'],
      ExposedPorts: ['6379/tcp'],
    }),
    programs: withPrograms(debianPrograms(), {
      '/usr/local/bin/docker-entrypoint.sh': 'redis-entrypoint',
      '/usr/local/bin/redis-server': 'redis-server',
      '/usr/local/bin/redis-cli': 'redis-cli',
    }),
    files: [],
  },
  // kube-system images used by src/engine/cluster/manifests.ts (kubeadm v1.30.2 defaults).
  controlPlaneEntry('registry.k8s.io/pause', '3.9', 'pause', 321_520, ['/pause']),
  controlPlaneEntry('registry.k8s.io/coredns/coredns', 'v1.11.1', 'coredns', 18_182_961, ['/coredns']),
  controlPlaneEntry('registry.k8s.io/etcd', '3.5.12-0', 'etcd', 57_236_178),
  controlPlaneEntry('registry.k8s.io/kube-apiserver', 'v1.30.2', 'kube-apiserver', 32_768_601),
  controlPlaneEntry('registry.k8s.io/kube-controller-manager', 'v1.30.2', 'kube-controller-manager', 31_138_657),
  controlPlaneEntry('registry.k8s.io/kube-scheduler', 'v1.30.2', 'kube-scheduler', 19_208_660),
  controlPlaneEntry('registry.k8s.io/kube-proxy', 'v1.30.2', 'kube-proxy', 29_034_457),
  // flannel v0.25.4's images (src/engine/cluster/flannel-manifests.ts), both on alpine: the init
  // containers run its `cp`.
  {
    repository: 'flannel/flannel',
    tags: ['v0.25.4'],
    sizeBytes: 31_402_311,
    flavour: 'alpine',
    config: config({ Entrypoint: ['/opt/bin/flanneld'] }),
    programs: withPrograms(alpinePrograms(), { '/opt/bin/flanneld': 'flanneld' }),
    files: [],
  },
  {
    repository: 'flannel/flannel-cni-plugin',
    tags: ['v1.4.1-flannel1'],
    sizeBytes: 4_710_329,
    flavour: 'alpine',
    config: config({ Cmd: ['/bin/sh'] }),
    programs: alpinePrograms(),
    // The CNI plugin binary the install-cni-plugin init container copies to the node's /opt/cni/bin.
    files: [{ path: '/flannel', content: '\x7fELF', mode: 0o755 }],
  },
];
