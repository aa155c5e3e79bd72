// Reading a line from a terminal, as bash's readline and busybox's line editing do: the terminal
// is switched to raw mode while the shell reads, so the editor sees every key and echoes it
// itself. Emacs-style keys: arrows, Home/End, Ctrl-A/E/B/F, Alt-B/F, Backspace/Delete,
// Ctrl-U/K/W and Ctrl-Y to yank back, Ctrl-D (end of input on an empty line), Ctrl-L (clear the
// screen); at the shell's prompt also history (Up/Down, Ctrl-P/N, Ctrl-R reverse search), Tab
// completion, and a redraw of the prompt and the line when the window changes size (SIGWINCH).
// Keys typed ahead (a paste of several lines) wait for the next call.
//
// bash 5.1's readline also turns on the terminal's bracketed paste mode while it reads a command
// line (unless TERM is unset or dumb): a paste then arrives marked, and is inserted as it is —
// a TAB does not complete, a newline does not end the line. The pasted lines run, one by one, when
// Enter is pressed.
import { DEFAULT_WINDOW, SignalInterrupt, sys, TtyFile, type Sys } from '../../engine/runtime/process';
import { columns, commonPrefix, complete } from './completion';
import type { History } from './history';
import { KeyReader, type Key, type NamedKey } from './keys';
import { LineDisplay } from './line-display';
import type { Shell } from './shell';

const ECHO_FD = 2;
/** Keys (a character each) handled before the editor shows the result and lets the rest of the simulation run. */
const KEYS_PER_SLICE = 4096;
const BELL = '\x07';
const CLEAR_SCREEN = '\x1b[H\x1b[2J';
/** readline's BRACK_PASTE_INIT and BRACK_PASTE_FINI: the mode on, and off again (then column 0). */
const PASTE_MODE_ON = '\x1b[?2004h';
const PASTE_MODE_OFF = '\x1b[?2004l\r';

/** What the prompt of an interactive shell adds to plain line reading. */
export interface PromptFeatures {
  readonly history: History;
  readonly completion: boolean;
}

/** One readLine's state: the line, the cursor, and where Up/Down and Ctrl-R are in the history. */
interface Edit {
  readonly shell: Shell;
  readonly prompt: string;
  readonly display: LineDisplay;
  readonly features: PromptFeatures | undefined;
  text: string;
  cursor: number;
  /** The history entry shown (history.length: the line being typed). */
  entry: number;
  /** The line being typed, kept while Up shows older ones. */
  draft: string;
  search: { query: string; failed: boolean; original: string } | undefined;
  lastKeyWasTab: boolean;
  /** Between a bracketed paste's start and end marks: every key is text. */
  pasting: boolean;
}

/** What a key did: output besides the line's redraw, and the finished line (null: end of input). */
interface Effect {
  readonly out: string;
  readonly line?: string | null;
}

const NOTHING: Effect = { out: '' };

export class LineEditor {
  private readonly keys = new KeyReader();
  private ended = false;
  /** What Ctrl-U/K/W cut last, for Ctrl-Y. */
  private killed = '';

  /** @param input the terminal's descriptor; the prompt and the echo go to stderr. */
  constructor(private readonly input: number) {}

  /**
   * Shows `prompt`, reads one line (without its newline), or null at end of input. A trapped
   * signal or Ctrl-C interrupts it (what was typed ahead is dropped): the SignalInterrupt
   * propagates to the caller.
   */
  *readLine(shell: Shell, prompt: string, echo = true, features?: PromptFeatures): Sys<string | null> {
    const file = shell.proc.file(this.input);
    const tty = file instanceof TtyFile ? file : undefined;
    const display = new LineDisplay(terminalWidth(tty));
    const edit: Edit = {
      shell, prompt, display, features,
      text: '', cursor: 0, entry: features?.history.length ?? 0, draft: '', search: undefined, lastKeyWasTab: false, pasting: false,
    };
    const bracketed = tty !== undefined && echo && features !== undefined && shell.dialect === 'bash' && pasteMarkingTerminal(shell.vars.get('TERM'));
    let out = (bracketed ? PASTE_MODE_ON : '') + (echo ? display.begin(prompt) : prompt);
    const wasRaw = tty?.raw ?? false;
    if (tty) tty.raw = true;
    // At the prompt a window change redraws the line (a plain `read` leaves SIGWINCH alone).
    const winch = tty && echo && features ? shell.proc.signal('SIGWINCH', 'catch') : undefined;
    try {
      for (;;) {
        // Typing at the end of the line is only echoed; anything else redraws what changed.
        let typed: string | undefined = edit.cursor === edit.text.length ? '' : undefined;
        let n = 0;
        for (; n < KEYS_PER_SLICE;) {
          const key = this.keys.next();
          if (key === undefined) break;
          n += key.kind === 'text' ? key.text.length : 1;
          if (typed !== undefined && key.kind === 'text' && !edit.search) {
            typed += key.text;
          } else if (typed !== undefined) {
            if (echo) out += display.append(typed, edit.text);
            typed = undefined;
          }
          const effect = this.handle(key, edit);
          if (!echo) {
            if (effect.line === undefined) continue;
            yield* shell.write(ECHO_FD, out + (effect.line === null ? '' : '\n'));
            return effect.line;
          }
          out += effect.out;
          if (effect.line !== undefined) {
            if (effect.line !== null) out += display.finish();
            // At end of input the mode goes off on a line of its own, so bash's `exit` does not
            // overwrite the prompt.
            if (bracketed) out += PASTE_MODE_OFF + (effect.line === null ? '\n' : '');
            yield* shell.write(ECHO_FD, out);
            return effect.line;
          }
          if (typed === undefined && !edit.search) out += display.update(edit.text, edit.cursor);
        }
        if (typed !== undefined && echo) out += display.append(typed, edit.text);
        yield* shell.write(ECHO_FD, out);
        out = '';
        if (n >= KEYS_PER_SLICE) {
          // A long paste: let the rest of the simulation run between slices of it. (What is left
          // may also be an escape sequence cut by the end of a read: that waits for the next read.)
          yield* shell.syscall(() => sys.tick(), true);
          continue;
        }
        if (this.ended) return edit.text === '' ? null : edit.text;
        const chunk = yield* shell.syscall(() => readKeys(this.input), true);
        if (chunk === WINDOW_CHANGED) {
          out = display.redraw(terminalWidth(tty), shell.dialect === 'bash' ? 'readline' : 'lineedit');
          continue;
        }
        // A terminal's end of file is Ctrl-D, one read's worth; a pipe's is for good.
        if (chunk !== null) this.keys.feed(chunk);
        else if (tty) this.keys.feed('\x04');
        else this.ended = true;
      }
    } catch (e) {
      this.keys.clear();
      if (bracketed && e instanceof SignalInterrupt) yield* shell.write(ECHO_FD, PASTE_MODE_OFF);
      throw e;
    } finally {
      if (tty) tty.raw = wasRaw;
      if (winch) shell.proc.signal('SIGWINCH', winch);
    }
  }

  private handle(key: Key, edit: Edit): Effect {
    const wasTab = edit.lastKeyWasTab;
    edit.lastKeyWasTab = false;
    if (edit.pasting) return this.pastedKey(key, edit);
    if (edit.search) {
      const handled = this.searchKey(key, edit);
      if (handled !== undefined) return handled;
      // Any other key ends the search with the line found, then does what it does.
      const restore = this.endSearch(edit);
      const effect = this.handle(key, edit);
      return { ...effect, out: restore + effect.out };
    }
    const { text, cursor } = edit;
    if (key.kind === 'text') return insert(edit, key.text);
    if (key.kind === 'named') return this.namedKey(key.name, edit);
    switch (key.char) {
      case '\r':
      case '\n':
        // A terminal sends \r for Enter; a following \n from a CRLF paste is the same key.
        if (key.char === '\r') this.keys.skip('\n');
        return { out: '', line: text };
      case '\x7f':
      case '\b':
        if (cursor > 0) {
          edit.text = text.slice(0, cursor - 1) + text.slice(cursor);
          edit.cursor--;
        }
        return NOTHING;
      case '\x04':
        if (text === '') return { out: '', line: null };
        return this.namedKey('delete', edit);
      case '\x01': return this.namedKey('home', edit);
      case '\x05': return this.namedKey('end', edit);
      case '\x02': return this.namedKey('left', edit);
      case '\x06': return this.namedKey('right', edit);
      case '\x10': return this.namedKey('up', edit);
      case '\x0e': return this.namedKey('down', edit);
      case '\x15':
        this.kill(edit, 0, cursor);
        return NOTHING;
      case '\x0b':
        this.kill(edit, cursor, text.length);
        return NOTHING;
      case '\x17': {
        // unix-word-rubout: back over blanks, then over the word before them.
        let start = cursor;
        while (start > 0 && /\s/.test(text[start - 1]!)) start--;
        while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
        this.kill(edit, start, cursor);
        return NOTHING;
      }
      case '\x19':
        edit.text = text.slice(0, cursor) + this.killed + text.slice(cursor);
        edit.cursor += this.killed.length;
        return NOTHING;
      case '\x0c':
        return { out: CLEAR_SCREEN + edit.display.begin(edit.prompt, text, cursor) };
      case '\x12':
        if (!edit.features) return NOTHING;
        edit.search = { query: '', failed: false, original: text };
        return { out: edit.display.replacePrompt(searchPrompt(edit.search), text, cursor) };
      case '\t':
        if (!edit.features?.completion) return NOTHING;
        edit.lastKeyWasTab = true;
        return this.completeWord(edit, wasTab);
      default:
        return NOTHING;
    }
  }

  /** A key inside a bracketed paste: inserted as it is (a terminal's \r as the newline it was). */
  private pastedKey(key: Key, edit: Edit): Effect {
    if (key.kind === 'text') return insert(edit, key.text);
    if (key.kind === 'control') return insert(edit, key.char === '\r' ? '\n' : key.char);
    if (key.name === 'paste-end') edit.pasting = false;
    return NOTHING;
  }

  private kill(edit: Edit, from: number, to: number): void {
    this.killed = edit.text.slice(from, to);
    edit.text = edit.text.slice(0, from) + edit.text.slice(to);
    edit.cursor = from;
  }

  private namedKey(name: NamedKey, edit: Edit): Effect {
    const { text, cursor } = edit;
    switch (name) {
      case 'left': edit.cursor = Math.max(0, cursor - 1); break;
      case 'right': edit.cursor = Math.min(text.length, cursor + 1); break;
      case 'home': edit.cursor = 0; break;
      case 'end': edit.cursor = text.length; break;
      case 'delete': edit.text = text.slice(0, cursor) + text.slice(cursor + 1); break;
      case 'word-left': {
        // Back over what is not a word, then over the word: readline's backward-word.
        let at = cursor;
        while (at > 0 && !WORD_CHAR.test(text[at - 1]!)) at--;
        while (at > 0 && WORD_CHAR.test(text[at - 1]!)) at--;
        edit.cursor = at;
        break;
      }
      case 'word-right': {
        let at = cursor;
        while (at < text.length && !WORD_CHAR.test(text[at]!)) at++;
        while (at < text.length && WORD_CHAR.test(text[at]!)) at++;
        edit.cursor = at;
        break;
      }
      case 'up':
      case 'down': {
        const history = edit.features?.history;
        if (!history) break;
        const entry = edit.entry + (name === 'up' ? -1 : 1);
        if (entry < 0 || entry > history.length) return { out: BELL };
        if (edit.entry === history.length) edit.draft = text;
        edit.entry = entry;
        edit.text = entry === history.length ? edit.draft : history.at(entry)!;
        edit.cursor = edit.text.length;
        break;
      }
      case 'paste-start': edit.pasting = true; break;
      case 'paste-end':
      case 'unknown': break;
    }
    return NOTHING;
  }

  /** A key during Ctrl-R; undefined for a key that ends the search and then acts as usual. */
  private searchKey(key: Key, edit: Edit): Effect | undefined {
    const search = edit.search!;
    const history = edit.features!.history;
    const find = (query: string, from: number): Effect => {
      const found = query === '' ? undefined : history.search(query, from);
      search.query = query;
      search.failed = query !== '' && found === undefined;
      if (found) {
        edit.entry = found.index;
        edit.text = history.at(found.index)!;
        edit.cursor = found.at;
      }
      return { out: edit.display.replacePrompt(searchPrompt(search), edit.text, edit.cursor) };
    };
    const newest = history.length - 1;
    if (key.kind === 'text') return find(search.query + key.text, Math.min(edit.entry, newest));
    if (key.kind !== 'control') return undefined;
    switch (key.char) {
      case '\x12': return find(search.query, edit.entry - 1);
      case '\x7f':
      case '\b': return find(search.query.slice(0, -1), newest);
      case '\x07':
        // Ctrl-G: give up, back to the line as it was.
        edit.entry = history.length;
        edit.text = search.original;
        edit.cursor = search.original.length;
        return { out: BELL + this.endSearch(edit) };
      case '\r':
      case '\n': {
        if (key.char === '\r') this.keys.skip('\n');
        return { out: this.endSearch(edit), line: edit.text };
      }
      default: return undefined;
    }
  }

  /** Back to the shell's prompt, with the line the search found. */
  private endSearch(edit: Edit): string {
    edit.search = undefined;
    return edit.display.replacePrompt(edit.prompt, edit.text, edit.cursor);
  }

  private completeWord(edit: Edit, secondTab: boolean): Effect {
    const { start, candidates } = complete(edit.shell, edit.text, edit.cursor);
    const word = edit.text.slice(start, edit.cursor);
    const insert = (completion: string): Effect => {
      edit.text = edit.text.slice(0, start) + completion + edit.text.slice(edit.cursor);
      edit.cursor = start + completion.length;
      return NOTHING;
    };
    if (candidates.length === 1) {
      const only = candidates[0]!.replace(/[\s\\'"$`&|;<>()*?[\]!{}#]/g, '\\$&');
      return insert(only.endsWith('/') ? only : only + ' ');
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > word.length) return insert(prefix);
    if (candidates.length === 0 || !secondTab) return { out: BELL };
    // The second Tab lists the choices (file names without their directory), then the prompt
    // and the line again below them.
    const names = candidates.map((c) => c.slice(c.lastIndexOf('/', c.length - 2) + 1));
    const file = edit.shell.proc.file(this.input);
    const width = terminalWidth(file instanceof TtyFile ? file : undefined);
    return { out: edit.display.finish() + columns(names, width) + edit.display.begin(edit.prompt, edit.text, edit.cursor) };
  }
}

const WORD_CHAR = /[A-Za-z0-9]/;

function insert(edit: Edit, text: string): Effect {
  edit.text = edit.text.slice(0, edit.cursor) + text + edit.text.slice(edit.cursor);
  edit.cursor += text.length;
  return NOTHING;
}

/** readline marks pastes on any terminal but a dumb one (an unset TERM counts as dumb). */
const pasteMarkingTerminal = (term: string | undefined): boolean => term !== undefined && term !== '' && term !== 'dumb';

/** The terminal's width; 80 when it has none (a pty nobody has sized), as busybox and readline assume. */
function terminalWidth(tty: TtyFile | undefined): number {
  return tty && tty.cols > 0 ? tty.cols : DEFAULT_WINDOW.cols;
}

const WINDOW_CHANGED = Symbol('SIGWINCH');

/** Keys from the terminal, or WINDOW_CHANGED when a SIGWINCH came instead. */
function* readKeys(fd: number): Sys<string | null | typeof WINDOW_CHANGED> {
  try {
    return yield* sys.read(fd);
  } catch (e) {
    if (e instanceof SignalInterrupt && e.signal === 'SIGWINCH') return WINDOW_CHANGED;
    throw e;
  }
}

function searchPrompt(search: { query: string; failed: boolean }): string {
  return `(${search.failed ? 'failed ' : ''}reverse-i-search)\`${search.query}': `;
}
