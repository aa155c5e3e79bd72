/**
 * How containerd reports images: the reference normalized to a full name
 * (`nginx` → `docker.io/library/nginx:latest`) and an image ID by digest. The stand-in has no image
 * catalogue, so the digest is derived from the name: stable, and the same on every node.
 */
import { fnv32a } from '../../sim/names';

export function normalizeImage(image: string): string {
  let name = image;
  let suffix = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    suffix = name.slice(at);
    name = name.slice(0, at);
  } else {
    const lastSlash = name.lastIndexOf('/');
    const colon = name.lastIndexOf(':');
    if (colon > lastSlash) {
      suffix = name.slice(colon);
      name = name.slice(0, colon);
    } else {
      suffix = ':latest';
    }
  }
  const first = name.split('/')[0]!;
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return name + suffix;
}

/** 64 hex characters that depend only on `text`. */
export function digestOf(text: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += fnv32a(`${i}:${text}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}

const ids = new Map<string, string>();

/** `docker.io/library/nginx@sha256:…` */
export function imageID(image: string): string {
  let id = ids.get(image);
  if (id === undefined) ids.set(image, (id = computeImageID(image)));
  return id;
}

function computeImageID(image: string): string {
  const normalized = normalizeImage(image);
  const repo = normalized.includes('@') ? normalized.slice(0, normalized.indexOf('@')) : normalized.slice(0, normalized.lastIndexOf(':'));
  return `${repo}@sha256:${digestOf(normalized)}`;
}
