/**
 * The image catalogue: every image the simulated registry can serve, as data (DESIGN principle 4).
 * The kubelet looks an image up here when it pulls; the runtime builds the container's root
 * filesystem from `files` and resolves executables through `programs`.
 */
import { digestOf, imageIDFor } from './image-id';
import { formatNormalized, parseImageReference, repositoryOf } from './reference';
import type { ProgramTable } from './programs';
import { CATALOG_ENTRIES } from './catalog-data';

/** Decides the shell a learner lands in: bash `root@<host>:/# ` or busybox sh `/ # `. */
export type BaseFlavour = 'debian' | 'alpine' | 'busybox' | 'distroless';

/** The OCI image config fields the runtime uses, named as `docker inspect` shows them. */
export interface ImageConfig {
  readonly Entrypoint: readonly string[];
  readonly Cmd: readonly string[];
  readonly WorkingDir: string;
  /** `KEY=value`, PATH first. */
  readonly Env: readonly string[];
  /** `80/tcp` */
  readonly ExposedPorts: readonly string[];
  readonly StopSignal: string;
  /** Empty means root. */
  readonly User: string;
}

export interface ImageFile {
  readonly path: string;
  readonly content: string;
  /** Unix permission bits; 0o644 when absent, 0o755 for scripts. */
  readonly mode?: number;
}

/** One image as written in the catalogue, possibly under several tags (`nginx:1.25` = `nginx:latest`). */
export interface CatalogEntry {
  /** Repository as users write it: `nginx`, `ikubernetes/myapp`, `registry.k8s.io/pause`. */
  readonly repository: string;
  readonly tags: readonly string[];
  /** Compressed size, the number in `Pulled … Image size: <bytes> bytes.` */
  readonly sizeBytes: number;
  readonly flavour: BaseFlavour;
  readonly config: ImageConfig;
  readonly programs: ProgramTable;
  readonly files: readonly ImageFile[];
}

/** A catalogue entry resolved for one reference, with its registry digest. */
export interface CatalogImage extends CatalogEntry {
  /** `docker.io/library/nginx` */
  readonly fullRepository: string;
  /** `sha256:<64 hex>`, shared by every tag of the entry. */
  readonly digest: string;
}

export type ImageLookup =
  | { readonly found: true; readonly image: CatalogImage }
  /** `pullError` is what containerd returns; the kubelet wraps it in `Failed to pull image …`. */
  | { readonly found: false; readonly pullError: string };

function resolveEntry(entry: CatalogEntry): CatalogImage {
  const parsed = parseImageReference(entry.repository);
  if (!parsed.ok) throw new Error(`catalogue repository ${entry.repository}: ${parsed.error}`);
  const fullRepository = repositoryOf(parsed.ref);
  // Stable per image: derived from the first tag, so aliases share it.
  return Object.freeze({ ...entry, fullRepository, digest: `sha256:${digestOf(`${fullRepository}:${entry.tags[0]}`)}` });
}

/** Indexed by normalized `repo:tag` and `repo@digest`. */
export class ImageCatalog {
  private readonly byName = new Map<string, CatalogImage>();
  private readonly repositories = new Set<string>();

  constructor(entries: readonly CatalogEntry[]) {
    for (const entry of entries) {
      const image = resolveEntry(entry);
      this.repositories.add(image.fullRepository);
      for (const tag of entry.tags) this.byName.set(`${image.fullRepository}:${tag}`, image);
      this.byName.set(`${image.fullRepository}@${image.digest}`, image);
    }
  }

  /** Looks up `image` as written in a pod spec. The caller has already rejected invalid names. */
  lookup(image: string): ImageLookup {
    const parsed = parseImageReference(image);
    if (!parsed.ok) return { found: false, pullError: parsed.error };
    const { ref } = parsed;
    const normalized = formatNormalized(ref);
    const repository = repositoryOf(ref);
    // A digest pins the content, so it wins over any tag written next to it.
    const key = ref.digest === undefined ? `${repository}:${ref.tag ?? 'latest'}` : `${repository}@${ref.digest}`;
    const hit = this.byName.get(key);
    if (hit !== undefined) return { found: true, image: hit };
    return { found: false, pullError: this.repositories.has(repository) ? notFound(normalized) : accessDenied(normalized) };
  }

  /** Digest for a normalized reference, for image IDs (see `imageIDFor`). */
  digestOf = (normalized: string): string | undefined => {
    const found = this.lookup(normalized);
    return found.found ? found.image.digest : undefined;
  };

  // Every status write asks for the image ID of every container: remember the answers.
  private readonly ids = new Map<string, string>();

  /** containerd's `imageID` for a container status: `docker.io/library/nginx@sha256:…`. */
  imageID(image: string): string {
    let id = this.ids.get(image);
    if (id === undefined) {
      if (this.ids.size >= MEMO_LIMIT) this.ids.clear();
      this.ids.set(image, (id = imageIDFor(image, this.digestOf)));
    }
    return id;
  }
}

/** Pod specs name few distinct images; the limit only guards against unbounded growth. */
const MEMO_LIMIT = 1024;

/**
 * Tag (or digest) missing from a known repository. Seen on real clusters as
 * `rpc error: code = NotFound desc = failed to pull and unpack image "X": failed to resolve
 * reference "X": X: not found`; the `rpc error…desc = ` prefix is added by the CRI layer.
 */
function notFound(normalized: string): string {
  const q = JSON.stringify(normalized);
  return `rpc error: code = NotFound desc = failed to pull and unpack image ${q}: failed to resolve reference ${q}: ${normalized}: not found`;
}

/**
 * Repository the registry doesn't have. Docker Hub answers as if it were private. [mem — wording
 * as commonly reported; check against a real cluster before a lesson quotes it]
 */
function accessDenied(normalized: string): string {
  const q = JSON.stringify(normalized);
  return `rpc error: code = Unknown desc = failed to pull and unpack image ${q}: failed to resolve reference ${q}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

/** The kubelet's `Failed` event text for a pull that went wrong. */
export function failedToPullMessage(image: string, pullError: string): string {
  return `Failed to pull image ${JSON.stringify(image)}: ${pullError}`;
}

/** The catalogue every simulated registry serves. */
export const imageCatalog = new ImageCatalog(CATALOG_ENTRIES);
