import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import { Clock } from '../sim/clock';
import { Rng } from '../sim/rng';
import type { ImageRecord, ImageService, PullResult } from '../runtime/cri/types';
import { imageCatalog } from '../runtime/images/catalog';
import { ImageManager, type EnsureResult } from './images';
import { FAST_TIMING } from './rules/timing';

/** A node's image store reduced to a set of names, answering pulls from the catalogue. */
function fakeImages(present: string[]): ImageService & { pulls: number } {
  const record = (image: string): ImageRecord => {
    const found = imageCatalog.lookup(image);
    if (!found.found) throw new Error(image);
    return { ref: image, imageID: `id-of-${image}`, sizeBytes: found.image.sizeBytes, image: found.image };
  };
  const have = new Set(present);
  const service = {
    pulls: 0,
    imageStatus: (image: string) => (have.has(image) ? record(image) : undefined),
    listImages: () => [...have].map(record),
    pullImage(image: string, done: (r: PullResult) => void) {
      service.pulls++;
      const found = imageCatalog.lookup(image);
      if (!found.found) return done({ ok: false, error: found.pullError });
      have.add(image);
      done({ ok: true, record: record(image), pullMs: 1500, includingWaitingMs: 2500 });
    },
  };
  return service;
}

function ensure(container: Partial<Container>, present: string[], at = 0, manager?: ImageManager, images = fakeImages(present)) {
  const clock = new Clock();
  clock.advance(at);
  const m = manager ?? new ImageManager(images, clock, new Rng(1), FAST_TIMING);
  const events: string[] = [];
  let result: EnsureResult | undefined;
  m.ensure('uid-1', { name: 'c', image: 'nginx', ...container }, (type, reason, message) => events.push(`${type} ${reason}: ${message}`), (r) => (result = r));
  clock.advance(100);
  return { events, result: result!, pulls: images.pulls };
}

describe('image manager', () => {
  it.each<[string, Partial<Container>, string[], string[], string | true, number]>([
    ['IfNotPresent, missing: pulled', { image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }, [], [
      'Normal Pulling: Pulling image "nginx:1.25"',
      'Normal Pulled: Successfully pulled image "nginx:1.25" in 1.5s (2.5s including waiting). Image size: 70995927 bytes.',
    ], true, 1],
    ['IfNotPresent, present: no pull', { image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }, ['nginx:1.25'], ['Normal Pulled: Container image "nginx:1.25" already present on machine'], true, 0],
    ['Always, present: pulled again', { image: 'nginx', imagePullPolicy: 'Always' }, ['nginx'], ['Normal Pulling: Pulling image "nginx"', expect.stringMatching(/^Normal Pulled: Successfully pulled/) as unknown as string], true, 1],
    ['Never, present', { image: 'busybox:1.28', imagePullPolicy: 'Never' }, ['busybox:1.28'], ['Normal Pulled: Container image "busybox:1.28" already present on machine'], true, 0],
    ['Never, missing', { image: 'busybox:1.28', imagePullPolicy: 'Never' }, [], ['Warning ErrImageNeverPull: Container image "busybox:1.28" is not present with pull policy of Never'], 'ErrImageNeverPull', 0],
    ['no policy written: the tag decides (latest → Always)', { image: 'nginx' }, ['nginx'], ['Normal Pulling: Pulling image "nginx"', expect.stringMatching(/^Normal Pulled/) as unknown as string], true, 1],
    ['an unknown tag', { image: 'nginx:nope', imagePullPolicy: 'IfNotPresent' }, [], [
      'Normal Pulling: Pulling image "nginx:nope"',
      'Warning Failed: Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
    ], 'ErrImagePull', 1],
    ['an invalid name', { image: 'NGINX' }, [], [
      'Warning InspectFailed: Failed to apply default image tag "NGINX": couldn\'t parse image name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase',
    ], 'InvalidImageName', 0],
  ])('%s', (_name, container, present, events, outcome, pulls) => {
    const r = ensure(container, present);
    expect(r.events).toEqual(events);
    expect(r.result.ok ? true : r.result.reason).toBe(outcome);
    expect(r.pulls).toBe(pulls);
  });

  it('a failed pull backs off: retries inside the window answer ImagePullBackOff without asking the registry', () => {
    const clock = new Clock();
    const images = fakeImages([]);
    const m = new ImageManager(images, clock, new Rng(1), FAST_TIMING);
    const attempt = (): string => {
      let outcome = '';
      m.ensure('uid-1', { name: 'c', image: 'nginx:nope' }, () => {}, (r) => (outcome = r.ok ? 'ok' : r.reason));
      clock.advance(1);
      return outcome;
    };
    const timeline: string[] = [];
    for (let t = 0; t < 75; t += 5) {
      timeline.push(`${t}:${attempt()}`);
      clock.advance(5000 - 1);
    }
    expect(timeline.filter((x) => x.endsWith('ErrImagePull')).map((x) => Number(x.split(':')[0]))).toEqual([0, 10, 30, 70]);
    expect(images.pulls).toBe(4);
    m.forget('uid-1');
    expect(attempt()).toBe('ErrImagePull');
  });
});
