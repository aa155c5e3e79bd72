import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, invalidImageNameMessage, normalizeImage, parseImageReference } from './reference';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('normalizeImage (containerd names)', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.20-alpine', 'docker.io/library/nginx:1.20-alpine'],
    ['ikubernetes/myapp:v1', 'docker.io/ikubernetes/myapp:v1'],
    ['registry.k8s.io/coredns/coredns:v1.11.1', 'registry.k8s.io/coredns/coredns:v1.11.1'],
    ['docker.io/library/busybox:1.36', 'docker.io/library/busybox:1.36'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest'],
    ['index.docker.io/library/nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    [`busybox@${DIGEST}`, `docker.io/library/busybox@${DIGEST}`],
    [`nginx:1.25@${DIGEST}`, `docker.io/library/nginx:1.25@${DIGEST}`],
  ])('%s → %s', (image, expected) => expect(normalizeImage(image)).toBe(expected));
});

describe('parseImageReference rejects what the kubelet rejects', () => {
  it.each([
    ['busyBOX', 'invalid reference format: repository name (library/busyBOX) must be lowercase'],
    ['ikubernetes/MyApp:v1', 'invalid reference format: repository name (ikubernetes/MyApp) must be lowercase'],
    ['', 'invalid reference format'],
    ['nginx:', 'invalid reference format'],
    ['nginx::1', 'invalid reference format'],
    ['ngin x', 'invalid reference format'],
    ['https://nginx', 'invalid reference format'],
    ['registry.hub.docker.com/library//nginx:latest', 'invalid reference format'],
    ['nginx@sha256:abc', 'invalid reference format'],
    ['a'.repeat(64).replace(/a/g, 'f'), `invalid repository name (${'f'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
  ])('%j → %s', (image, error) => expect(parseImageReference(image)).toEqual({ ok: false, error }));

  it('upper case in a tag is fine', () => expect(parseImageReference('nginx:V1').ok).toBe(true));

  it('builds the InvalidImageName message', () => {
    expect(invalidImageNameMessage('busyBOX', 'invalid reference format: repository name (library/busyBOX) must be lowercase')).toBe(
      'Failed to apply default image tag "busyBOX": couldn\'t parse image name "busyBOX": invalid reference format: repository name (library/busyBOX) must be lowercase',
    );
  });
});

describe('defaultPullPolicy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    [`nginx@${DIGEST}`, 'IfNotPresent'],
    [`nginx:latest@${DIGEST}`, 'Always'],
    ['NGINX', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => expect(defaultPullPolicy(image)).toBe(policy));
});
