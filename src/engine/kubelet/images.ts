/**
 * The kubelet's image manager (`EnsureImageExists`): before a container is created its image must
 * be on the node. The pull policy decides whether to ask the registry — Always re-checks even a
 * cached image (quick: the layers are there), IfNotPresent only pulls what is missing, Never only
 * uses what is there — and every outcome is an event on the pod, with the kubelet's texts.
 *
 * A failed pull backs off per pod and image (10 s, doubling to 5 min): retries inside the window
 * answer ImagePullBackOff without asking the registry.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { Clock } from '../sim/clock';
import type { Rng } from '../sim/rng';
import type { ImageRecord, ImageService } from '../runtime/cri/types';
import { failedToPullMessage } from '../runtime/images/catalog';
import { defaultPullPolicy, invalidImageNameMessage, parseImageReference, type PullPolicy } from '../runtime/images/reference';
import { bumpBackoff, IMAGE_PULL_BACKOFF, imagePullBackOffMessage, isInBackOffSinceUpdate, type BackoffEntry } from './rules/backoff';
import { alreadyPresentMessage, neverPullMessage, pullAction, pulledMessage, pullingMessage } from './rules/pull';
import { draw, type TimingProfile } from './rules/timing';

/** Why a container could not get its image: the waiting reason and message it shows. */
export interface ImageFailure {
  readonly reason: 'InvalidImageName' | 'ErrImageNeverPull' | 'ImagePullBackOff' | 'ErrImagePull';
  readonly message: string;
}

export type EnsureResult = { readonly ok: true; readonly image: ImageRecord } | ({ readonly ok: false } & ImageFailure);

/** Records an event about the container (the pod worker supplies the object and field path). */
export type ContainerEventSink = (type: 'Normal' | 'Warning', reason: string, message: string) => void;

export class ImageManager {
  private readonly backoff = new Map<string, BackoffEntry>();

  constructor(
    private readonly images: ImageService,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly timing: TimingProfile,
  ) {}

  /** Calls `done` (from a clock event) once the image is there or it is clear that it will not be. */
  ensure(podUID: string, container: Container, event: ContainerEventSink, done: (result: EnsureResult) => void): void {
    const image = container.image ?? '';
    const fail = (failure: ImageFailure): void => void this.clock.schedule(0, () => done({ ok: false, ...failure }));
    const parsed = parseImageReference(image);
    if (!parsed.ok) {
      const message = invalidImageNameMessage(image, parsed.error);
      event('Warning', 'InspectFailed', message);
      return fail({ reason: 'InvalidImageName', message });
    }
    const policy = (container.imagePullPolicy as PullPolicy | undefined) ?? defaultPullPolicy(image);
    const present = this.images.imageStatus(image);
    const action = pullAction(policy, present !== undefined);
    if (action === 'present') {
      event('Normal', 'Pulled', alreadyPresentMessage(image));
      this.clock.schedule(draw(this.timing.imagePresentCheck, this.rng), () => done({ ok: true, image: present! }));
      return;
    }
    if (action === 'neverPull') {
      const message = neverPullMessage(image);
      event('Warning', 'ErrImageNeverPull', message);
      return fail({ reason: 'ErrImageNeverPull', message });
    }
    const key = `${podUID}_${image}`;
    if (isInBackOffSinceUpdate(IMAGE_PULL_BACKOFF, this.backoff.get(key), this.clock.now())) {
      const message = imagePullBackOffMessage(image);
      event('Normal', 'BackOff', message);
      return fail({ reason: 'ImagePullBackOff', message });
    }
    event('Normal', 'Pulling', pullingMessage(image));
    this.images.pullImage(image, (result) => {
      if (result.ok) {
        event('Normal', 'Pulled', pulledMessage(image, result.pullMs, result.includingWaitingMs, result.record.sizeBytes));
        done({ ok: true, image: result.record });
        return;
      }
      event('Warning', 'Failed', failedToPullMessage(image, result.error));
      const now = this.clock.now();
      this.backoff.set(key, bumpBackoff(IMAGE_PULL_BACKOFF, this.backoff.get(key), now, now));
      done({ ok: false, reason: 'ErrImagePull', message: result.error });
    });
  }

  /** The image as this node has it, if it does (no event, no pull). */
  present(image: string): ImageRecord | undefined {
    return this.images.imageStatus(image);
  }

  /** Drops a deleted pod's pull back-off entries. */
  forget(podUID: string): void {
    for (const key of [...this.backoff.keys()]) if (key.startsWith(`${podUID}_`)) this.backoff.delete(key);
  }
}
