/**
 * Image references as kubectl checks them before it creates anything (`kubectl run`), and the
 * container name `kubectl create deployment` derives from an image.
 */
import { KubectlError } from '../framework/errors';

// The docker reference grammar: [domain[:port]/]path[:tag][@digest], path components in lower case.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_PART}(?:\\.${DOMAIN_PART})*(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** Throws kubectl's `Invalid image name "NGINX": invalid reference format` for a malformed image. */
export function checkImageReference(image: string): void {
  if (!REFERENCE.test(image)) throw new KubectlError(`Invalid image name "${image}": invalid reference format`);
}

/**
 * `ikubernetes/myapp:v1` → `myapp`: the last path element without tag or digest. A name with `_` or
 * `.` is not a valid container name, so kubectl replaces them with `-` and adds a random 5-letter
 * suffix (`randomSuffix`) to keep such names apart.
 */
export function containerNameForImage(image: string, randomSuffix: () => string): string {
  let name = image.slice(image.lastIndexOf('/') + 1);
  name = name.split(':')[0]!.split('@')[0]!;
  if (!/[_.]/.test(name)) return name;
  return `${name.replace(/[_.]/g, '-')}-${randomSuffix()}`;
}
