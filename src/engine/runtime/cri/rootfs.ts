/**
 * What a container is made of besides its process: the image unpacked as a read-only layer, and
 * the environment its process starts with.
 *
 * An image layer is built once per image and shared, frozen, by every container of that image on
 * every node (containerd shares unpacked snapshots the same way); each container only adds its own
 * empty writable layer on top.
 */
import { buildImageLayer, type ImageLayer, type LayerEntry } from '../fs';
import type { CatalogImage, ImageConfig } from '../images/catalog';
import { DEFAULT_PATH } from '../process';

/** Directories every Linux root filesystem has, whatever the image put in it. */
const BASE_LAYOUT: Readonly<Record<string, LayerEntry>> = {
  '/bin': { dir: true },
  '/sbin': { dir: true },
  '/usr/bin': { dir: true },
  '/usr/sbin': { dir: true },
  '/usr/local/bin': { dir: true },
  '/usr/local/sbin': { dir: true },
  '/etc': { dir: true },
  '/home': { dir: true },
  '/root': { dir: true, mode: 0o700 },
  '/tmp': { dir: true, mode: 0o1777 },
  '/var/log': { dir: true },
  '/var/tmp': { dir: true, mode: 0o1777 },
  '/run': { dir: true },
  '/mnt': { dir: true },
  '/opt': { dir: true },
  '/srv': { dir: true },
  '/dev/null': { file: '', mode: 0o666 },
  '/dev/pts': { dir: true },
  '/dev/shm': { dir: true, mode: 0o1777 },
  '/proc': { dir: true },
  '/sys': { dir: true },
};

/** What a file of the program table holds: a binary, as far as `cat` or `head -c4` can tell. */
const EXECUTABLE: LayerEntry = { file: '\x7fELF', mode: 0o755 };

const layers = new WeakMap<CatalogImage, ImageLayer>();

/** The image's files as a frozen layer; built on first use (every tag of an image shares it). */
export function imageLayerOf(image: CatalogImage): ImageLayer {
  let layer = layers.get(image);
  if (layer === undefined) {
    const spec: Record<string, LayerEntry> = { ...BASE_LAYOUT };
    for (const path of Object.keys(image.programs)) spec[path] = EXECUTABLE;
    // The catalogue's own files win: an entrypoint script is a script, not a binary.
    for (const file of image.files) spec[file.path] = { file: file.content, mode: file.mode ?? 0o644 };
    layer = buildImageLayer(spec);
    layers.set(image, layer);
  }
  return layer;
}

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/**
 * PID 1's environment, in the order `env` prints it on a real node: containerd's default PATH,
 * TERM for a tty, HOSTNAME, then the image's Env (a variable already present keeps its place and
 * takes the new value), then the pod's env, and finally HOME, which runc adds when nobody set it.
 */
export function containerEnv(image: ImageConfig, hostname: string, podEnv: readonly EnvVar[], tty: boolean): Record<string, string> {
  const env = new Map<string, string>([['PATH', DEFAULT_PATH]]);
  if (tty) env.set('TERM', 'xterm');
  env.set('HOSTNAME', hostname);
  for (const entry of image.Env) {
    const eq = entry.indexOf('=');
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  for (const { name, value } of podEnv) env.set(name, value);
  if (!env.has('HOME')) env.set('HOME', isRoot(image.User) ? '/root' : '/');
  // fromEntries defines own properties, so a variable named __proto__ stays a variable.
  return Object.fromEntries(env);
}

const isRoot = (user: string): boolean => user === '' || user === 'root' || user === '0' || user.startsWith('0:') || user.startsWith('root:');
