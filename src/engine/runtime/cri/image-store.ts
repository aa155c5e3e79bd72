/**
 * One node's images: what `crictl images` lists, and pulls from the simulated registry (the image
 * catalogue).
 *
 * Pulls go one at a time, in the order they were asked for, as with the kubelet's default
 * `serializeImagePulls: true`: a pod whose pull waited behind another reports the wait in
 * `Successfully pulled image "x" in 2.1s (6.3s including waiting)`. A pull costs registry round
 * trips plus download time, except for layers the node already has — the same image under another
 * tag, or a re-pull under policy Always — which only cost the round trips.
 */
import type { Clock } from '../../sim/clock';
import type { Rng } from '../../sim/rng';
import { draw, imagePullMs, type TimingProfile } from '../../kubelet/rules/timing';
import type { CatalogImage, ImageCatalog } from '../images/catalog';
import { formatNormalized, parseImageReference } from '../images/reference';
import { unparsableImageMessage } from './messages';
import type { CriObservers } from './observe';
import type { Callback, ImageRecord, ImageService, PullResult } from './types';

interface QueuedPull {
  readonly image: string;
  readonly requestedAt: number;
  readonly done: Callback<PullResult>;
}

export interface ImageStoreOptions {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly timing: TimingProfile;
  readonly catalog: ImageCatalog;
  /** Who watches the node's CRI requests (the sequence diagram). */
  readonly observers?: CriObservers;
}

export class ImageStore implements ImageService {
  /** By normalized reference: `repo:tag` as pulled, and `repo@digest` for the same record. */
  private readonly byRef = new Map<string, ImageRecord>();
  private readonly queue: QueuedPull[] = [];
  private pulling = false;

  constructor(private readonly options: ImageStoreOptions) {}

  imageStatus(image: string): ImageRecord | undefined {
    const parsed = parseImageReference(image);
    return parsed.ok ? this.byRef.get(formatNormalized(parsed.ref)) : undefined;
  }

  listImages(): ImageRecord[] {
    return [...this.byRef.entries()].filter(([ref, record]) => ref === record.ref).map(([, record]) => record);
  }

  pullImage(image: string, done: Callback<PullResult>): void {
    this.options.observers?.publish('PullImage', () => ({ image }));
    this.queue.push({ image, requestedAt: this.options.clock.now(), done });
    if (!this.pulling) this.pullNext();
  }

  private pullNext(): void {
    const pull = this.queue.shift();
    this.pulling = pull !== undefined;
    if (pull === undefined) return;
    const { clock, rng, timing } = this.options;
    const found = this.resolve(pull.image);
    // A failed pull still costs the registry round trips that found out.
    const pullMs = found.ok
      ? imagePullMs(timing, rng, found.image.sizeBytes, this.hasLayersOf(found.image))
      : draw(timing.imagePull.latency, rng);
    clock.schedule(pullMs, () => {
      if (found.ok) {
        const record = this.store(found.ref, found.image);
        pull.done({ ok: true, record, pullMs, includingWaitingMs: clock.now() - pull.requestedAt });
      } else {
        pull.done(found);
      }
      this.pullNext();
    });
  }

  /** What the registry has under `image`, or the error containerd reports. */
  private resolve(image: string): { ok: true; ref: string; image: CatalogImage } | { ok: false; error: string } {
    const parsed = parseImageReference(image);
    if (!parsed.ok) return { ok: false, error: unparsableImageMessage(image, parsed.error) };
    const found = this.options.catalog.lookup(image);
    return found.found ? { ok: true, ref: formatNormalized(parsed.ref), image: found.image } : { ok: false, error: found.pullError };
  }

  private hasLayersOf(image: CatalogImage): boolean {
    for (const record of this.byRef.values()) if (record.image.digest === image.digest) return true;
    return false;
  }

  private store(ref: string, image: CatalogImage): ImageRecord {
    const record: ImageRecord = Object.freeze({
      ref,
      imageID: this.options.catalog.imageID(ref),
      sizeBytes: image.sizeBytes,
      image,
    });
    this.byRef.set(ref, record);
    this.byRef.set(`${image.fullRepository}@${image.digest}`, record);
    return record;
  }
}
