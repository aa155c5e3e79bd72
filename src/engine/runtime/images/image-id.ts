/**
 * Digests and image IDs. containerd reports a container's `imageID` as the repository plus the
 * manifest digest (`docker.io/library/nginx@sha256:…`). The simulator has no registry, so a digest
 * is derived from a stable text: the same on every node, in every run.
 */
import { fnv32a } from '../../sim/names';
import { normalizeImage, parseImageReference, repositoryOf } from './reference';

/** 64 hex characters that depend only on `text`. */
export function digestOf(text: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += fnv32a(`${i}:${text}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}

/** Resolves a reference to its digest (`sha256:…`), e.g. from the catalogue; undefined if unknown. */
export type DigestResolver = (normalized: string) => string | undefined;

const noResolver: DigestResolver = () => undefined;

/**
 * `docker.io/library/nginx@sha256:…` for `image`. A pinned digest is used as written; otherwise
 * `resolve` (the catalogue) decides, so tags that name the same image share an ID; otherwise the
 * digest is derived from the normalized name.
 */
export function imageIDFor(image: string, resolve: DigestResolver = noResolver): string {
  const parsed = parseImageReference(image);
  const normalized = normalizeImage(image);
  if (!parsed.ok) return `${image}@sha256:${digestOf(normalized)}`;
  const digest = parsed.ref.digest ?? resolve(normalized) ?? `sha256:${digestOf(normalized)}`;
  return `${repositoryOf(parsed.ref)}@${digest}`;
}
