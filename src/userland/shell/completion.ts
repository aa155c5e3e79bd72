// Tab completion: the word under the cursor completed as a command name (builtins, functions,
// programs on $PATH) when it is the first word, else as a file name — unless the command has a
// completer of its own registered here (kubectl's verbs, resource types and object names).
import { FsError } from '../../engine/runtime/fs';
import { BUILTINS } from './builtins';
import type { Shell } from './shell';

/** What a command's own completer is asked. */
export interface CompletionRequest {
  /** The words before the one being completed, the command name first. */
  readonly words: readonly string[];
  /** The beginning of the word being completed. */
  readonly word: string;
  readonly shell: Shell;
}

/**
 * A command's completer: the candidate words (each a whole word that starts with `word`), or
 * undefined to fall back to file names.
 */
export type Completer = (request: CompletionRequest) => readonly string[] | undefined;

/** Completers by command name; kubectl registers its own here. */
export const COMPLETERS = new Map<string, Completer>();

export interface Completion {
  /** Where the completed word starts in the line. */
  readonly start: number;
  /** Candidates, sorted; a directory ends with `/`. */
  readonly candidates: readonly string[];
}

const SEPARATORS = /[\s;&|()<>]/;
const COMMAND_POSITION = /(^|[;&|(]|&&|\|\|)\s*$/;

/** The candidates for the word that ends at `cursor`. */
export function complete(shell: Shell, line: string, cursor: number): Completion {
  let start = cursor;
  while (start > 0 && !SEPARATORS.test(line[start - 1]!)) start--;
  const word = line.slice(start, cursor);
  const before = line.slice(0, start);
  let candidates: readonly string[];
  if (COMMAND_POSITION.test(before) && !word.includes('/')) {
    candidates = commandNames(shell, word);
  } else {
    const typed = before.slice(before.search(/[^;&|(]*$/)).trim().split(/\s+/).filter((w) => w !== '');
    // An alias completes as what it stands for (`k get po<Tab>` after `alias k=kubectl`).
    const alias = typed.length > 0 ? shell.aliases.get(typed[0]!) : undefined;
    const words = alias === undefined ? typed : [...alias.trim().split(/\s+/), ...typed.slice(1)];
    const own = words.length > 0 ? COMPLETERS.get(words[0]!) : undefined;
    candidates = own?.({ words, word, shell }) ?? fileNames(shell, word);
  }
  return { start, candidates: [...new Set(candidates)].sort() };
}

function commandNames(shell: Shell, prefix: string): string[] {
  const names = [...BUILTINS.keys(), ...shell.functions.keys()].filter((n) => n.startsWith(prefix));
  const fs = shell.fs();
  for (const dir of (shell.vars.get('PATH') ?? '').split(':')) {
    if (dir === '') continue;
    for (const name of list(shell, dir)) {
      if (!name.startsWith(prefix)) continue;
      try {
        if (fs.stat(`${dir}/${name}`).type !== 'dir') names.push(name);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
      }
    }
  }
  return names;
}

/** Files whose path starts with `word` (`~/` meaning $HOME); directories end with `/`. */
function fileNames(shell: Shell, word: string): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = word.slice(0, slash + 1);
  const prefix = word.slice(slash + 1);
  const home = shell.vars.get('HOME') ?? '/';
  const dir = dirPart === '' ? '.' : dirPart.replace(/^~(?=\/)/, home);
  const fs = shell.fs();
  const names: string[] = [];
  for (const name of list(shell, dir)) {
    if (!name.startsWith(prefix) || (prefix === '' && name.startsWith('.'))) continue;
    let isDir = false;
    try {
      isDir = fs.stat(`${dir}/${name}`).type === 'dir';
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
    }
    names.push(dirPart + name + (isDir ? '/' : ''));
  }
  return names;
}

function list(shell: Shell, dir: string): string[] {
  try {
    return shell.fs().readdir(dir);
  } catch (e) {
    if (e instanceof FsError) return [];
    throw e;
  }
}

/** The longest prefix all candidates share. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Candidates laid out in columns down the screen, as readline lists them. */
export function columns(words: readonly string[], width: number): string {
  const cell = Math.max(...words.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / cell));
  const rows = Math.ceil(words.length / perRow);
  let text = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const word = words[c * rows + r];
      if (word !== undefined) line += word.padEnd(cell);
    }
    text += line.trimEnd() + '\n';
  }
  return text;
}
