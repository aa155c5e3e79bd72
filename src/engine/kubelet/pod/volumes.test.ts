import { describe, expect, it } from 'vitest';
import type { ConfigMap, Pod, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { buildImageLayer, createContainerFs, emptyDirVolume, fileVolume, FsError, type LayerEntry, type Tree } from '../../runtime/fs';
import type { MountConfig } from '../../runtime/cri/types';
import type { ConfigSource } from './config-source';
import { containerMounts, failedMountMessage, podFiles, setUpVolumes, type VolumeContext } from './volumes';

const configMaps: Record<string, ConfigMap> = {
  'default/web': { metadata: { name: 'web' }, data: { 'index.html': '<h1>hi</h1>\n', 'app.conf': 'x=1\n' } },
  'default/kube-root-ca.crt': { metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n' } },
};
const secrets: Record<string, Secret> = { 'default/db': { metadata: { name: 'db' }, data: { password: 'czNjcjN0' } } };
const accounts: Record<string, ServiceAccount> = { 'default/default': { metadata: { name: 'default', uid: 'sa-uid' } } };
const source: ConfigSource = {
  services: () => [],
  configMap: (ns, n) => configMaps[`${ns}/${n}`],
  secret: (ns, n) => secrets[`${ns}/${n}`],
  serviceAccount: (ns, n) => accounts[`${ns}/${n}`],
};
const hostPaths = new Map<string, Tree>();
const ctx: VolumeContext = {
  source,
  now: 0,
  dataDirName: '..2026_01_05_09_00_01.3958263545',
  token: (sa, uid, exp) => `token-for-${sa}-${uid}-${exp}`,
  hostPath: (path) => {
    if (!hostPaths.has(path)) hostPaths.set(path, emptyDirVolume());
    return hostPaths.get(path)!;
  },
};

function pod(volumes: NonNullable<Pod['spec']>['volumes'], mounts: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[]): Pod {
  return { metadata: { name: 'p', namespace: 'default', uid: 'pod-uid' }, spec: { volumes, containers: [{ name: 'c', image: 'busybox', volumeMounts: mounts }], serviceAccountName: 'default' } };
}

/** The filesystem a container sees: an image holding just the mount points, plus the mounts (as the runtime does it). */
function containerFs(mounts: MountConfig[]) {
  const points: Record<string, LayerEntry> = {};
  for (const m of mounts) {
    const parts = m.containerPath.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) points[`/${parts.slice(0, i).join('/')}`] = { dir: true };
    points[m.containerPath] = m.volume.get([])?.kind === 'file' ? '' : { dir: true };
  }
  return createContainerFs({ image: buildImageLayer(points), mounts: mounts.map((m) => ({ mountPath: m.containerPath, volume: m.volume, readOnly: m.readOnly, subPath: m.subPath })) });
}

function fsOf(p: Pod, container = 0) {
  const setup = setUpVolumes(p, ctx);
  if (!setup.ok) throw new Error(setup.error);
  const files = podFiles('# hosts\n', 'p', 'nameserver 10.96.0.10\n', 0);
  return containerFs(containerMounts(p, p.spec!.containers[container]!, setup.volumes, files, fileVolume('')));
}

const errnoOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
  return undefined;
};

describe('pod volumes', () => {
  it('configMap: keys as files behind the ..data link, read-only', () => {
    const fs = fsOf(pod([{ name: 'html', configMap: { name: 'web' } }], [{ name: 'html', mountPath: '/usr/share/nginx/html' }]));
    expect(fs.readdir('/usr/share/nginx/html').filter((n) => !n.startsWith('..')).sort()).toEqual(['app.conf', 'index.html']);
    expect(fs.readFile('/usr/share/nginx/html/index.html')).toBe('<h1>hi</h1>\n');
    expect(fs.readlink('/usr/share/nginx/html/index.html')).toBe('..data/index.html');
    expect(fs.readlink('/usr/share/nginx/html/..data')).toBe('..2026_01_05_09_00_01.3958263545');
    expect(errnoOf(() => fs.writeFile('/usr/share/nginx/html/new', 'x', 1))).toBe('EROFS');
  });

  it('configMap items pick and rename keys, with their mode', () => {
    const fs = fsOf(pod([{ name: 'cfg', configMap: { name: 'web', items: [{ key: 'app.conf', path: 'conf/app.ini', mode: 0o600 }] } }], [{ name: 'cfg', mountPath: '/etc/app' }]));
    expect(fs.readFile('/etc/app/conf/app.ini')).toBe('x=1\n');
    expect(fs.stat('/etc/app/conf/app.ini').mode).toBe(0o600);
    expect(fs.exists('/etc/app/index.html')).toBe(false);
  });

  it('secret values are decoded', () => {
    const fs = fsOf(pod([{ name: 's', secret: { secretName: 'db' } }], [{ name: 's', mountPath: '/etc/db' }]));
    expect(fs.readFile('/etc/db/password')).toBe('s3cr3t');
  });

  it('the service-account projection: token, ca.crt and namespace', () => {
    const fs = fsOf(
      pod(
        [
          {
            name: 'kube-api-access-abcde',
            projected: {
              defaultMode: 420,
              sources: [
                { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
              ],
            },
          },
        ],
        [{ name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
      ),
    );
    const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
    expect(fs.readdir(dir).filter((n) => !n.startsWith('..')).sort()).toEqual(['ca.crt', 'namespace', 'token']);
    expect(fs.readFile(`${dir}/token`)).toBe('token-for-default-sa-uid-3607');
    expect(fs.readFile(`${dir}/namespace`)).toBe('default');
    expect(fs.readFile(`${dir}/ca.crt`)).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('emptyDir is shared by the containers of a pod; the kubelet files are mounted', () => {
    const p = pod([{ name: 'shared', emptyDir: {} }], [{ name: 'shared', mountPath: '/data' }]);
    p.spec!.containers.push({ name: 'd', image: 'busybox', volumeMounts: [{ name: 'shared', mountPath: '/in' }] });
    const setup = setUpVolumes(p, ctx);
    if (!setup.ok) throw new Error(setup.error);
    const files = podFiles('# Kubernetes-managed hosts file.\n', 'p', 'nameserver 10.96.0.10\n', 0);
    const fsFor = (i: number) => containerFs(containerMounts(p, p.spec!.containers[i]!, setup.volumes, files, fileVolume('')));
    fsFor(0).writeFile('/data/x', 'hello', 1);
    expect(fsFor(1).readFile('/in/x')).toBe('hello');
    expect(fsFor(1).readFile('/etc/hostname')).toBe('p\n');
    expect(fsFor(1).readFile('/etc/hosts')).toBe('# Kubernetes-managed hosts file.\n');
    expect(fsFor(1).readFile('/etc/resolv.conf')).toBe('nameserver 10.96.0.10\n');
    expect(fsFor(1).exists('/dev/termination-log')).toBe(true);
  });

  it.each<[string, NonNullable<Pod['spec']>['volumes'], string]>([
    ['missing ConfigMap', [{ name: 'cfg', configMap: { name: 'nope' } }], 'MountVolume.SetUp failed for volume "cfg" : configmap "nope" not found'],
    ['missing key', [{ name: 'cfg', configMap: { name: 'web', items: [{ key: 'k', path: 'k' }] } }], 'MountVolume.SetUp failed for volume "cfg" : configmap references non-existent config key: k'],
    ['missing Secret', [{ name: 's', secret: { secretName: 'nope' } }], 'MountVolume.SetUp failed for volume "s" : secret "nope" not found'],
    [
      'missing root CA',
      [{ name: 'kube-api-access-x', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt-missing' } }] } }],
      'MountVolume.SetUp failed for volume "kube-api-access-x" : configmap "kube-root-ca.crt-missing" not found',
    ],
  ])('%s → FailedMount', (_name, volumes, message) => {
    const setup = setUpVolumes(pod(volumes, []), ctx);
    expect(setup.ok).toBe(false);
    if (!setup.ok) expect(failedMountMessage(setup.volume, setup.error)).toBe(message);
  });

  it('a missing ServiceAccount fails the token projection', () => {
    const p = pod([{ name: 'kube-api-access-x', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }], []);
    p.spec!.serviceAccountName = 'robot';
    const setup = setUpVolumes(p, ctx);
    expect(setup).toEqual({ ok: false, volume: 'kube-api-access-x', error: 'failed to fetch token: serviceaccounts "robot" not found' });
  });

  it('optional sources may be missing', () => {
    expect(setUpVolumes(pod([{ name: 'cfg', configMap: { name: 'nope', optional: true } }], []), ctx).ok).toBe(true);
  });
});
