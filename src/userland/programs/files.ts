/**
 * Tools that change files: touch, rm, mkdir, cp, mv, chmod. All go through the process's Vfs, so
 * read-only mounts, the image layer's copy-up and bind-mounted files behave as in a container.
 * Messages differ by flavour only in wording: busybox `can't`, GNU `cannot`.
 */
import { FsError, type Vfs } from '../../engine/runtime/fs';
import type { Sys } from '../../engine/runtime/process';
import type { Flavour } from '../lib/flavour';
import { defineTool, errorText, type Tool } from '../lib/tool';

const cant = (flavour: Flavour): string => (flavour === 'busybox' ? "can't" : 'cannot');
const join = (dir: string, name: string): string => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);
const baseName = (path: string): string => path.replace(/\/+$/, '').split('/').pop() || '/';

function isDir(fs: Vfs, path: string): boolean {
  try {
    return fs.stat(path).type === 'dir';
  } catch {
    return false;
  }
}

export const touch = defineTool(
  { usage: 'touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE...', options: { short: 'cd:t:r:am', long: { 'no-create': 'c' } } },
  function* (tool, options) {
    if (options.operands.length === 0) return yield* tool.usage('missing file operand');
    const { fs } = tool.proc;
    let status = 0;
    for (const path of options.operands) {
      try {
        if (options.has('c') && !fs.exists(path)) continue;
        fs.touch(path, tool.proc.now());
      } catch (e) {
        yield* tool.warn(tool.flavour === 'busybox' ? `${path}: ${errorText(e)}` : `cannot touch '${path}': ${errorText(e)}`);
        status = 1;
      }
    }
    return status;
  },
);

export const rm = defineTool(
  { usage: 'rm [-irf] FILE...', options: { short: 'rRfiv', long: { recursive: 'r', force: 'f', verbose: 'v' } } },
  function* (tool, options) {
    const force = options.has('f');
    if (options.operands.length === 0) return force ? 0 : yield* tool.usage('missing operand');
    const recursive = options.has('r') || options.has('R');
    let status = 0;
    for (const path of options.operands) {
      if (!(yield* remove(tool, path, recursive, force))) status = 1;
    }
    return status;
  },
);

/** Removes one path (depth first with -r), reporting each failure; true when all went. */
function* remove(tool: Tool, path: string, recursive: boolean, force: boolean): Sys<boolean> {
  const { fs } = tool.proc;
  const fail = function* (e: unknown): Sys<boolean> {
    yield* tool.warn(`${cant(tool.flavour)} remove '${path}': ${errorText(e)}`);
    return false;
  };
  let type: string;
  try {
    type = fs.lstat(path).type;
  } catch (e) {
    if (force && e instanceof FsError && e.code === 'ENOENT') return true;
    return yield* fail(e);
  }
  if (type !== 'dir') {
    try {
      fs.unlink(path);
      return true;
    } catch (e) {
      return yield* fail(e);
    }
  }
  if (!recursive) {
    yield* tool.warn(tool.flavour === 'busybox' ? `'${path}' is a directory` : `cannot remove '${path}': Is a directory`);
    return false;
  }
  let ok = true;
  for (const name of fs.readdir(path)) {
    if (!(yield* remove(tool, join(path, name), true, force))) ok = false;
  }
  if (!ok) return false;
  try {
    fs.rmdir(path);
    return true;
  } catch (e) {
    return yield* fail(e);
  }
}

export const mkdir = defineTool(
  { usage: 'mkdir [-m MODE] [-p] DIRECTORY...', options: { short: 'pm:v', long: { parents: 'p', 'mode=': 'm' } } },
  function* (tool, options) {
    if (options.operands.length === 0) return yield* tool.usage('missing operand');
    const mode = options.value('m');
    const parsedMode = mode === undefined ? undefined : parseMode(mode, 0o777);
    if (parsedMode === null) {
      yield* tool.warn(`invalid mode '${mode}'`);
      return 1;
    }
    let status = 0;
    for (const path of options.operands) {
      try {
        tool.proc.fs.mkdir(path, tool.proc.now(), { parents: options.has('p'), ...(parsedMode === undefined ? {} : { mode: parsedMode }) });
      } catch (e) {
        yield* tool.warn(`${cant(tool.flavour)} create directory '${path}': ${errorText(e)}`);
        status = 1;
      }
    }
    return status;
  },
);

export const chmod = defineTool(
  { usage: 'chmod [-Rcvf] MODE[,MODE]... FILE...', options: { short: 'Rcvf', long: { recursive: 'R' } } },
  function* (tool, options) {
    const [mode, ...paths] = options.operands;
    if (mode === undefined || paths.length === 0) {
      return yield* tool.usage(mode === undefined ? 'missing operand' : `missing operand after '${mode}'`);
    }
    const { fs } = tool.proc;
    let status = 0;
    const apply = function* (path: string): Sys<void> {
      let current: number;
      try {
        current = fs.stat(path).mode;
      } catch (e) {
        yield* tool.warn(tool.flavour === 'busybox' ? `${path}: ${errorText(e)}` : `cannot access '${path}': ${errorText(e)}`);
        status = 1;
        return;
      }
      const next = parseMode(mode, current);
      if (next === null) return;
      try {
        fs.chmod(path, next);
      } catch (e) {
        yield* tool.warn(tool.flavour === 'busybox' ? `${path}: ${errorText(e)}` : `changing permissions of '${path}': ${errorText(e)}`);
        status = 1;
      }
      if (options.has('R') && isDir(fs, path)) for (const name of fs.readdir(path)) yield* apply(join(path, name));
    };
    if (parseMode(mode, 0) === null) {
      yield* tool.warn(tool.flavour === 'busybox' ? `invalid mode '${mode}'` : `invalid mode: '${mode}'`);
      return 1;
    }
    for (const path of paths) yield* apply(path);
    return status;
  },
);

/**
 * An octal mode (`755`) or symbolic clauses (`u+x`, `go-w`, `a=r`, `+x`) applied to `current`;
 * null when it is not a mode.
 */
export function parseMode(text: string, current: number): number | null {
  if (/^[0-7]{1,4}$/.test(text)) return parseInt(text, 8);
  let mode = current & 0o7777;
  for (const clause of text.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!m) return null;
    const who = m[1] || 'a';
    let bits = 0;
    for (const p of m[3]!) {
      if (p === 'r') bits |= 0o444;
      if (p === 'w') bits |= 0o222;
      if (p === 'x' || (p === 'X' && (current & 0o111) !== 0)) bits |= 0o111;
      if (p === 's') bits |= 0o6000;
      if (p === 't') bits |= 0o1000;
    }
    let mask = 0;
    if (/[ua]/.test(who)) mask |= 0o4700;
    if (/[ga]/.test(who)) mask |= 0o2070;
    if (/[oa]/.test(who)) mask |= 0o1007;
    const change = bits & mask;
    if (m[2] === '+') mode |= change;
    else if (m[2] === '-') mode &= ~change;
    else mode = (mode & ~mask) | change;
  }
  return mode;
}

/** Where `cp`/`mv` put each source: into DEST when it is a directory, else as DEST. */
function* targets(tool: Tool, operands: readonly string[]): Sys<[string, string][] | undefined> {
  if (operands.length === 0) {
    yield* tool.usage('missing file operand');
    return undefined;
  }
  if (operands.length === 1) {
    yield* tool.usage(`missing destination file operand after '${operands[0]}'`);
    return undefined;
  }
  const dest = operands[operands.length - 1]!;
  const sources = operands.slice(0, -1);
  const intoDir = isDir(tool.proc.fs, dest);
  if (!intoDir && sources.length > 1) {
    yield* tool.warn(tool.flavour === 'busybox' ? `'${dest}' is not a directory` : `target '${dest}' is not a directory`);
    return undefined;
  }
  return sources.map((src) => [src, intoDir ? join(dest, baseName(src)) : dest]);
}

/** Copies a file, symlink or (recursive) directory tree, keeping modes. */
function copyTree(fs: Vfs, from: string, to: string, now: number): void {
  const st = fs.lstat(from);
  if (st.type === 'symlink') {
    fs.symlink(fs.readlink(from), to, now);
  } else if (st.type === 'dir') {
    if (!isDir(fs, to)) fs.mkdir(to, now, { mode: st.mode });
    for (const name of fs.readdir(from)) copyTree(fs, join(from, name), join(to, name), now);
  } else {
    fs.writeFile(to, fs.readFile(from), now);
    fs.chmod(to, st.mode);
  }
}

export const cp = defineTool(
  { usage: 'cp [-arPLHpfinlsTu] SOURCE DEST', options: { short: 'arRPLHpfinlsTuvd', long: { recursive: 'r', archive: 'a', force: 'f' } } },
  function* (tool, options) {
    const pairs = yield* targets(tool, options.operands);
    if (!pairs) return 1;
    const { fs } = tool.proc;
    const recursive = options.has('r') || options.has('R') || options.has('a');
    let status = 0;
    for (const [src, dst] of pairs) {
      let type: string;
      try {
        type = fs.stat(src).type;
      } catch (e) {
        yield* tool.warn(`${cant(tool.flavour)} stat '${src}': ${errorText(e)}`);
        status = 1;
        continue;
      }
      if (type === 'dir' && !recursive) {
        yield* tool.warn(tool.flavour === 'busybox' ? `omitting directory '${src}'` : `-r not specified; omitting directory '${src}'`);
        status = 1;
        continue;
      }
      if (fs.exists(dst) && fs.realpath(src) === fs.realpath(dst)) {
        yield* tool.warn(`'${src}' and '${dst}' are the same file`);
        status = 1;
        continue;
      }
      try {
        // A symlink named on the command line is followed (its target copied) unless -R/-a/-P/-d keep links.
        const follow = options.has('L') || !(recursive || options.has('P') || options.has('d'));
        copyTree(fs, follow ? fs.realpath(src) : src, dst, tool.proc.now());
      } catch (e) {
        const what = tool.flavour === 'busybox' ? "can't create" : 'cannot create regular file';
        yield* tool.warn(`${what} '${e instanceof FsError ? e.path : dst}': ${errorText(e)}`);
        status = 1;
      }
    }
    return status;
  },
);

export const mv = defineTool(
  { usage: 'mv [-finT] SOURCE DEST', options: { short: 'finTuv', long: { force: 'f' } } },
  function* (tool, options) {
    const pairs = yield* targets(tool, options.operands);
    if (!pairs) return 1;
    const { fs } = tool.proc;
    let status = 0;
    for (const [src, dst] of pairs) {
      try {
        fs.lstat(src);
      } catch (e) {
        yield* tool.warn(tool.flavour === 'busybox' ? `can't rename '${src}': ${errorText(e)}` : `cannot stat '${src}': ${errorText(e)}`);
        status = 1;
        continue;
      }
      try {
        try {
          fs.rename(src, dst, tool.proc.now());
        } catch (e) {
          // Another mount (an emptyDir, a volume): rename(2) cannot, so copy and delete, as mv does.
          if (!(e instanceof FsError && e.code === 'EXDEV')) throw e;
          copyTree(fs, src, dst, tool.proc.now());
          fs.rm(src, { recursive: true });
        }
      } catch (e) {
        const what = tool.flavour === 'busybox' ? "can't rename" : 'cannot move';
        yield* tool.warn(`${what} '${src}'${tool.flavour === 'gnu' ? ` to '${dst}'` : ''}: ${errorText(e)}`);
        status = 1;
      }
    }
    return status;
  },
);
