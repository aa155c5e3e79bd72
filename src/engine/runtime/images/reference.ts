/**
 * Image references, parsed the way the kubelet and containerd do (the Go package
 * `github.com/distribution/reference`, v0.5+ as vendored by Kubernetes 1.30):
 *
 *   nginx                      → docker.io/library/nginx:latest
 *   ikubernetes/myapp:v1       → docker.io/ikubernetes/myapp:v1
 *   registry.k8s.io/pause:3.9  → registry.k8s.io/pause:3.9 (first part has a dot: it is a registry)
 *   busybox@sha256:<64 hex>    → docker.io/library/busybox@sha256:<64 hex> (no tag added)
 *
 * A reference the kubelet cannot parse never reaches the runtime: the container waits with reason
 * `InvalidImageName` (see `invalidImageNameMessage`).
 */

export const DEFAULT_DOMAIN = 'docker.io';
/** Docker Hub's "official images" live under `library/`. */
const OFFICIAL_REPO_PREFIX = 'library/';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const DEFAULT_TAG = 'latest';
const NAME_TOTAL_LENGTH_MAX = 255;

export interface ImageReference {
  /** Registry host, with port if any: `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  readonly domain: string;
  /** Repository path inside the registry: `library/nginx`, `coredns/coredns`. */
  readonly path: string;
  /** The tag as written, or undefined when the reference has none. */
  readonly tag: string | undefined;
  /** `sha256:<64 hex>` when the reference pins a digest. */
  readonly digest: string | undefined;
}

export type ParseResult = { readonly ok: true; readonly ref: ImageReference } | { readonly ok: false; readonly error: string };

// The grammar from distribution/reference's regexp.go, written out piece by piece.
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
/** A bare image ID; the real parser refuses it as a name so it is never mistaken for one. */
const BARE_IMAGE_ID = /^[a-f0-9]{64}$/;

const INVALID_FORMAT = 'invalid reference format';

/**
 * Splits `name` into registry and the rest. The first path component is a registry only when it
 * looks like a host (has `.` or `:`, is `localhost`, or has upper case, which a repository can't).
 */
function splitDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  let domain = DEFAULT_DOMAIN;
  let remainder = name;
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first;
      remainder = name.slice(slash + 1);
    }
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return { domain, remainder };
}

/** `ParseNormalizedNamed`: the error texts are the Go package's, which users see in events. */
export function parseImageReference(image: string): ParseResult {
  if (BARE_IMAGE_ID.test(image)) {
    return { ok: false, error: `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings` };
  }
  const { domain, remainder } = splitDomain(image);
  const colon = remainder.indexOf(':');
  const at = remainder.indexOf('@');
  const nameEnd = Math.min(colon < 0 ? remainder.length : colon, at < 0 ? remainder.length : at);
  const remoteName = remainder.slice(0, nameEnd);
  if (remoteName.toLowerCase() !== remoteName) {
    return { ok: false, error: `${INVALID_FORMAT}: repository name (${remoteName}) must be lowercase` };
  }
  const match = REFERENCE.exec(`${domain}/${remainder}`);
  if (match === null) return { ok: false, error: INVALID_FORMAT };
  const fullName = match[1]!;
  if (fullName.length > NAME_TOTAL_LENGTH_MAX) {
    return { ok: false, error: `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters` };
  }
  const digest = match[3];
  if (digest !== undefined && digest.startsWith('sha256:') && !/^sha256:[a-f0-9]{64}$/.test(digest)) {
    return { ok: false, error: 'invalid checksum digest length' };
  }
  return { ok: true, ref: { domain, path: fullName.slice(domain.length + 1), tag: match[2], digest } };
}

/** `docker.io/library/nginx` */
export function repositoryOf(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/**
 * The name containerd stores and `kubectl describe` shows as `Image:` in container status:
 * the default tag is added only when there is neither a tag nor a digest.
 */
export function formatNormalized(ref: ImageReference): string {
  const tag = ref.tag ?? (ref.digest === undefined ? DEFAULT_TAG : undefined);
  return repositoryOf(ref) + (tag === undefined ? '' : `:${tag}`) + (ref.digest === undefined ? '' : `@${ref.digest}`);
}

const normalizedMemo = new Map<string, string>();
/** Pod specs name few distinct images; the limit only guards against unbounded growth. */
const MEMO_LIMIT = 1024;

/** Normalized name, or the input unchanged when it does not parse (nothing to normalize). */
export function normalizeImage(image: string): string {
  let normalized = normalizedMemo.get(image);
  if (normalized === undefined) {
    const parsed = parseImageReference(image);
    normalized = parsed.ok ? formatNormalized(parsed.ref) : image;
    if (normalizedMemo.size >= MEMO_LIMIT) normalizedMemo.clear();
    normalizedMemo.set(image, normalized);
  }
  return normalized;
}

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/**
 * The API server's default when `imagePullPolicy` is empty: Always for `:latest` (written or
 * implied), IfNotPresent otherwise. A digest with no tag implies no tag, so IfNotPresent; an
 * unparseable image also gets IfNotPresent (the kubelet reports it later).
 */
export function defaultPullPolicy(image: string): PullPolicy {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return 'IfNotPresent';
  const tag = parsed.ref.tag ?? (parsed.ref.digest === undefined ? DEFAULT_TAG : undefined);
  return tag === DEFAULT_TAG ? 'Always' : 'IfNotPresent';
}

/**
 * What the kubelet writes when it cannot parse `image`: the `InspectFailed` event message and the
 * container's `Waiting` message (reason `InvalidImageName`). Seen in 1.27+ clusters as
 * `Failed to apply default image tag "busyBOX": couldn't parse image name "busyBOX": invalid
 * reference format: repository name (library/busyBOX) must be lowercase`.
 */
export function invalidImageNameMessage(image: string, parseError: string): string {
  return `Failed to apply default image tag ${goQuote(image)}: couldn't parse image name ${goQuote(image)}: ${parseError}`;
}

/** Go's %q for the printable ASCII an image field normally holds. */
function goQuote(text: string): string {
  return JSON.stringify(text);
}
