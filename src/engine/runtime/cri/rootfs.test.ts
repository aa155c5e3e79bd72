import { describe, expect, it } from 'vitest';
import { createContainerFs } from '../fs';
import { containerEnv, imageLayerOf } from './rootfs';
import { imageCatalog, type CatalogImage, type ImageConfig } from '../images/catalog';

const nginx = (): CatalogImage => {
  const found = imageCatalog.lookup('nginx:1.25');
  if (!found.found) throw new Error('test image missing');
  return found.image;
};

const image = (partial: Partial<ImageConfig>): ImageConfig => ({
  Entrypoint: [], Cmd: [], WorkingDir: '', Env: [], ExposedPorts: [], StopSignal: '', User: '', ...partial,
});

describe('containerEnv', () => {
  it.each([
    {
      case: 'default PATH, HOSTNAME, HOME for root',
      config: image({}), pod: [], tty: false,
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=web', 'HOME=/root'],
    },
    {
      case: 'the image PATH replaces the default in place; pod env overrides image env in place',
      config: image({ Env: ['PATH=/bin', 'A=image', 'B=image'] }), pod: [{ name: 'B', value: 'pod' }, { name: 'C', value: 'pod' }], tty: false,
      env: ['PATH=/bin', 'HOSTNAME=web', 'A=image', 'B=pod', 'C=pod', 'HOME=/root'],
    },
    {
      case: 'a tty adds TERM; HOME set by the pod stays where the pod put it',
      config: image({}), pod: [{ name: 'HOME', value: '/home/app' }], tty: true,
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'TERM=xterm', 'HOSTNAME=web', 'HOME=/home/app'],
    },
    {
      case: 'a non-root user gets HOME=/',
      config: image({ User: '1000' }), pod: [], tty: false,
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=web', 'HOME=/'],
    },
  ])('$case', ({ config, pod, tty, env }) => {
    expect(Object.entries(containerEnv(config, 'web', pod, tty)).map(([k, v]) => `${k}=${v}`)).toEqual(env);
  });

  it('keeps a variable named __proto__ a plain variable', () => {
    const env = containerEnv(image({}), 'web', [{ name: '__proto__', value: 'x' }], false);
    expect(Object.getPrototypeOf(env)).toBe(Object.prototype);
    expect(Object.keys(env)).toContain('__proto__');
  });
});

describe('imageLayerOf', () => {
  it('builds one frozen layer per image and shares it', () => {
    const layer = imageLayerOf(nginx());
    expect(imageLayerOf(nginx())).toBe(layer);
    expect(Object.isFrozen(layer.root)).toBe(true);
  });

  it('holds the catalogue files, an executable per program and the usual directories', () => {
    const fs = createContainerFs({ image: imageLayerOf(nginx()) });
    expect(fs.readFile('/usr/share/nginx/html/index.html')).toContain('<title>Welcome to nginx!</title>');
    expect(fs.stat('/usr/sbin/nginx').mode & 0o777).toBe(0o755);
    expect(fs.readFile('/docker-entrypoint.sh')).toMatch(/^#!\/bin\/sh/);
    expect(fs.stat('/tmp').mode & 0o7777).toBe(0o1777);
    expect(fs.stat('/root').mode & 0o777).toBe(0o700);
    for (const dir of ['/etc', '/var/log', '/home', '/proc', '/dev']) expect(fs.stat(dir).type).toBe('dir');
  });
});
