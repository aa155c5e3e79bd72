/**
 * Tools that change files: touch, rm, mkdir, cp, mv, chmod. All go through the process's Vfs, so
 * read-only mounts, the image layer's copy-up and bind-mounted files behave as in a container.
 * Messages differ by flavour only in wording: busybox `can't`, GNU `cannot`.
 *
 * GNU rm, cp and mv ask before they remove or overwrite with -i (Rocky's root has them aliased so):
 * `rm: remove regular file 'pod.yaml'? `, `cp: overwrite 'b'? `, and read the answer from stdin,
 * where a line starting with y or Y is yes. The last of rm's and mv's -i/-f wins (`rm -f` after
 * the alias asks nothing); cp's -f does not stop -i, -n does.
 */
import { FsError, type FileStat, type Vfs } from '../../engine/runtime/fs';
import { sys, type Sys } from '../../engine/runtime/process';
import type { Flavour } from '../lib/flavour';
import { LineReader } from '../lib/lines';
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

/**
 * Which of the given option letters (or their long names) came last on the command line, as
 * getopt reads it: `rm -i -f` is forced, `rm -f -i` asks.
 */
function lastOf(argv: readonly string[], letters: Readonly<Record<string, string>>): string | undefined {
  let last: string | undefined;
  for (const arg of argv.slice(1)) {
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      const name = arg.slice(2).split('=')[0]!;
      const letter = Object.keys(letters).find((l) => letters[l] !== '' && letters[l]!.startsWith(name));
      if (name !== '' && letter) last = letter;
    } else if (arg.startsWith('-')) {
      for (const ch of arg.slice(1)) if (ch in letters) last = ch;
    }
  }
  return last;
}

/** A question on stderr, the answer a line of stdin: yes when it starts with y or Y (rpmatch in en_US). */
class Asker {
  private readonly input = new LineReader(0);

  constructor(private readonly tool: Tool) {}

  *ask(question: string): Sys<boolean> {
    yield* sys.write(2, `${this.tool.name}: ${question}? `);
    const answer = yield* this.input.next();
    return answer !== null && /^[yY]/.test(answer);
  }
}

/** How coreutils names a file's type in its questions. */
function typeName(stat: FileStat): string {
  if (stat.type === 'dir') return 'directory';
  if (stat.type === 'symlink') return 'symbolic link';
  return stat.size === 0 ? 'regular empty file' : 'regular file';
}

/** Whether rm calls a file write-protected: not root, and no write permission for its owner. */
const writeProtected = (fs: Vfs, stat: FileStat): boolean => fs.cred.uid !== 0 && stat.type !== 'symlink' && (stat.mode & 0o200) === 0;

export const rm = defineTool(
  { usage: 'rm [-irf] FILE...', options: { short: 'rRfiv', long: { recursive: 'r', force: 'f', verbose: 'v', interactive: 'i' } } },
  function* (tool, options) {
    const last = lastOf(tool.proc.argv, { f: 'force', i: 'interactive' });
    if (options.operands.length === 0) return options.has('f') ? 0 : yield* tool.usage('missing operand');
    const recursive = options.has('r') || options.has('R');
    const asker = tool.flavour === 'gnu' && last === 'i' ? new Asker(tool) : undefined;
    let status = 0;
    for (const path of options.operands) {
      if (!(yield* remove(tool, path, recursive, options.has('f'), asker))) status = 1;
    }
    return status;
  },
);

/**
 * Removes one path (depth first with -r), reporting each failure; true when all went (or the
 * user declined: that is no error). With `asker` (-i) it asks first about every file, about
 * descending into a directory that has entries, and about the directory itself.
 */
function* remove(tool: Tool, path: string, recursive: boolean, force: boolean, asker?: Asker): Sys<boolean> {
  const { fs } = tool.proc;
  const declined = function* (stat: FileStat, verb = 'remove'): Sys<boolean> {
    if (!asker) return false;
    const protectedText = writeProtected(fs, stat) ? 'write-protected ' : '';
    return !(yield* asker.ask(`${verb} ${protectedText}${typeName(stat)} '${path}'`));
  };
  const fail = function* (e: unknown): Sys<boolean> {
    yield* tool.warn(`${cant(tool.flavour)} remove '${path}': ${errorText(e)}`);
    return false;
  };
  let stat: FileStat;
  try {
    stat = fs.lstat(path);
  } catch (e) {
    if (force && e instanceof FsError && e.code === 'ENOENT') return true;
    return yield* fail(e);
  }
  const type = stat.type;
  if (type !== 'dir') {
    if (yield* declined(stat)) return true;
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
  const names = fs.readdir(path);
  if (names.length > 0 && (yield* declined(stat, 'descend into'))) return true;
  let ok = true;
  for (const name of names) {
    if (!(yield* remove(tool, join(path, name), true, force, asker))) ok = false;
  }
  if (!ok) return false;
  // A directory whose entries were kept cannot go; coreutils does not ask about it then.
  if (fs.readdir(path).length > 0) return true;
  if (yield* declined(stat)) return true;
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

/** `-i` for cp and mv: ask before overwriting, unless a later option says otherwise. */
function overwriteAsker(tool: Tool, overriding: Readonly<Record<string, string>>): Asker | undefined {
  return tool.flavour === 'gnu' && lastOf(tool.proc.argv, { i: 'interactive', ...overriding }) === 'i' ? new Asker(tool) : undefined;
}

export const cp = defineTool(
  {
    usage: 'cp [-arPLHpfinlsTu] SOURCE DEST',
    options: { short: 'arRPLHpfinlsTuvd', long: { recursive: 'r', archive: 'a', force: 'f', interactive: 'i', 'no-clobber': 'n' } },
  },
  function* (tool, options) {
    const pairs = yield* targets(tool, options.operands);
    if (!pairs) return 1;
    const { fs } = tool.proc;
    const asker = overwriteAsker(tool, { n: 'no-clobber' });
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
      if (asker && type !== 'dir' && fs.exists(dst) && !(yield* asker.ask(`overwrite '${dst}'`))) continue;
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
  { usage: 'mv [-finT] SOURCE DEST', options: { short: 'finTuv', long: { force: 'f', interactive: 'i', 'no-clobber': 'n' } } },
  function* (tool, options) {
    const pairs = yield* targets(tool, options.operands);
    if (!pairs) return 1;
    const { fs } = tool.proc;
    const asker = overwriteAsker(tool, { f: 'force', n: 'no-clobber' });
    let status = 0;
    for (const [src, dst] of pairs) {
      try {
        fs.lstat(src);
      } catch (e) {
        yield* tool.warn(tool.flavour === 'busybox' ? `can't rename '${src}': ${errorText(e)}` : `cannot stat '${src}': ${errorText(e)}`);
        status = 1;
        continue;
      }
      if (asker && fs.exists(dst) && !(yield* asker.ask(`overwrite '${dst}'`))) continue;
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
