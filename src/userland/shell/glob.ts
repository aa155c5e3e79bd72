// Pathname expansion: `/docker-entrypoint.d/*` becomes the sorted list of matching paths, one
// directory level at a time. A pattern that matches nothing is left as written (by the caller).
import type { Vfs } from '../../engine/runtime/fs';
import { hasWildcards, patternRegExp, unescapePattern } from './pattern';

/** Paths matching `pattern` (quoted characters backslash-escaped), sorted; empty when none do. */
export function expandPathname(fs: Vfs, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const components = pattern.split('/').filter((c, i) => c !== '' || i === 0);
  const start = absolute ? '/' : '';
  const found: string[] = [];
  walk(fs, start, absolute ? components.slice(1) : components, found);
  return found.sort(byteOrder);
}

function walk(fs: Vfs, prefix: string, components: readonly string[], found: string[]): void {
  if (components.length === 0) {
    found.push(prefix);
    return;
  }
  const [component, ...rest] = components as [string, ...string[]];
  const join = (name: string): string => (prefix === '' ? name : prefix.endsWith('/') ? prefix + name : `${prefix}/${name}`);
  if (!hasWildcards(component)) {
    const path = join(unescapePattern(component));
    if (rest.length > 0 || exists(fs, path)) walk(fs, path, rest, found);
    return;
  }
  let names: string[];
  try {
    names = fs.readdir(prefix === '' ? '.' : prefix);
  } catch {
    return;
  }
  const re = patternRegExp(component);
  // A leading dot must be matched explicitly: `*` does not list hidden files.
  const dotOk = component.startsWith('.') || component.startsWith('\\.');
  for (const name of names) {
    if (name.startsWith('.') && !dotOk) continue;
    if (re.test(name)) walk(fs, join(name), rest, found);
  }
}

function exists(fs: Vfs, path: string): boolean {
  try {
    fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
