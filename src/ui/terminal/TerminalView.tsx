/**
 * One xterm.js terminal wired to one login session in the worker: keys go in as the terminal sends
 * them, the session's ANSI output comes back once per frame. The terminal fits its box; each new
 * size goes to the session (the shell redraws its line, `kubectl get -w` and `top` see the width).
 */
import { useEffect, useRef } from 'react';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import { closeSession, openSession, send } from '../store';
import { currentTheme, onThemeChange, type Theme } from '../theme';

/** The terminal shown now, for text that comes from elsewhere on the page (a lesson's command). */
let shown: Terminal | undefined;

/**
 * Puts `text` on the shown terminal's command line as a paste would. A final `\r` is then pressed as
 * the Enter key (the editor's Apply runs its command): inside a bracketed paste bash would only insert it.
 */
export function typeIntoTerminal(text: string): void {
  const enter = text.endsWith('\r');
  shown?.paste(enter ? text.slice(0, -1) : text);
  if (enter) shown?.input('\r');
  shown?.focus();
}

/** xterm paints its own colours: the page's --term-bg and --text of each theme. */
const XTERM_THEMES: Record<Theme, ITheme> = {
  light: { background: '#ffffff', foreground: '#1f2328', cursor: '#1f2328', selectionBackground: '#b6d4fe' },
  dark: { background: '#16181d', foreground: '#e6e6e6', cursor: '#e6e6e6', selectionBackground: '#3b4b68' },
};

/**
 * Ctrl-Shift-C copies the selection; Ctrl-Shift-V is left to the browser, whose paste event xterm
 * turns into a paste (marked, if the shell asked for bracketed paste). Ctrl-C and Ctrl-V without
 * Shift stay keys for the shell. The context menu's Copy and Paste work through xterm's textarea.
 */
function clipboardKeys(term: Terminal): (event: KeyboardEvent) => boolean {
  return (event) => {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.code === 'KeyC') {
      if (term.hasSelection()) void navigator.clipboard?.writeText(term.getSelection());
      event.preventDefault();
      return false;
    }
    return event.code !== 'KeyV';
  };
}

export interface TerminalViewProps {
  node: string;
  /** Whether this tab is the one shown (a hidden terminal cannot measure itself). */
  active: boolean;
  /** The shell exited. */
  onExit(): void;
  /** Gives the panel the terminal's search, to drive from its search box. */
  onSearch?(search: SearchAddon): void;
}

/**
 * xterm types into a hidden textarea and empties it at Enter: a change of layout, after which
 * Chromium renders a frame before it lets any other task run, so the worker's answer to Enter
 * waited for that frame. Emptied after each key instead, Enter changes nothing on the page and the
 * answer is read as soon as it arrives. Never while an input method composes, and always after
 * xterm's own look at the change (it compares the textarea in a timer set at keydown).
 */
function emptyAfterEachKey(textarea: HTMLTextAreaElement): void {
  let composing = false;
  textarea.addEventListener('compositionstart', () => (composing = true));
  textarea.addEventListener('compositionend', () => setTimeout(() => (composing = false)));
  textarea.addEventListener('input', () =>
    setTimeout(() => {
      if (!composing) textarea.value = '';
    }),
  );
}

export function TerminalView({ node, active, onExit, onSearch }: TerminalViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const fitRef = useRef<(() => void) | undefined>(undefined);
  const termRef = useRef<Terminal | undefined>(undefined);
  // The latest callbacks, without reopening the session when the parent re-renders.
  const callbacks = useRef({ onExit, onSearch });
  callbacks.current = { onExit, onSearch };

  useEffect(() => {
    const term = new Terminal({
      fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
      fontSize: 14,
      // A steady cursor, as xterm.js has it by default. A blinking one is a CSS animation the page
      // would restyle 60 times a second, idle or not, and every key would then wait for a whole
      // frame before the worker's answer is even read (Chromium runs a frame first after input).
      cursorBlink: false,
      theme: XTERM_THEMES[currentTheme()],
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon());
    term.open(box.current!);
    emptyAfterEachKey(term.textarea!);
    fit.fit();
    termRef.current = term;
    callbacks.current.onSearch?.(search);

    const id = openSession(node, term.cols, term.rows, (message) => {
      if (message.type === 'session-output') term.write(message.ansi);
      if (message.type === 'session-error') term.write(`kubeplay: ${message.message}\r\n`);
      if (message.type === 'session-exit') callbacks.current.onExit();
    });
    term.attachCustomKeyEventHandler(clipboardKeys(term));
    const keys = term.onData((data) => send({ type: 'session-type', id, keys: data }));
    const resized = term.onResize(({ cols, rows }) => send({ type: 'session-resize', id, cols, rows }));
    // Fitting a box that is hidden (another tab) or not laid out yet would give it no size.
    fitRef.current = () => {
      if (box.current && box.current.offsetWidth > 0 && box.current.offsetHeight > 0) fit.fit();
    };
    const observer = new ResizeObserver(() => fitRef.current?.());
    observer.observe(box.current!);
    const stopFollowingTheme = onThemeChange((theme) => (term.options.theme = XTERM_THEMES[theme]));

    return () => {
      if (shown === term) shown = undefined;
      stopFollowingTheme();
      observer.disconnect();
      keys.dispose();
      resized.dispose();
      closeSession(id);
      term.dispose();
    };
  }, [node]);

  useEffect(() => {
    if (!active) return;
    shown = termRef.current;
    fitRef.current?.();
    termRef.current?.focus();
  }, [active]);

  return <div className="terminal-view" ref={box} hidden={!active} data-testid={active ? 'active-terminal' : undefined} />;
}
