import { describe, expect, it } from 'vitest';
import { imageID, normalizeImage } from './images';

describe('normalizeImage', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['ikubernetes/myapp:v1', 'docker.io/ikubernetes/myapp:v1'],
    ['registry.k8s.io/kube-proxy:v1.30.2', 'registry.k8s.io/kube-proxy:v1.30.2'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['busybox@sha256:abc', 'docker.io/library/busybox@sha256:abc'],
  ])('%s → %s', (image, expected) => expect(normalizeImage(image)).toBe(expected));

  it('image IDs are stable per image and name the repository', () => {
    expect(imageID('nginx')).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(imageID('nginx')).toBe(imageID('nginx:latest'));
    expect(imageID('nginx:1.25')).not.toBe(imageID('nginx'));
  });
});
