/**
 * A terminal session on a node: what the browser's terminal and `npx kubeplay` both drive. It
 * takes keystrokes as a terminal sends them (text, `\r`, `\x7f`, escape sequences, Ctrl keys) and
 * gives back ANSI output; between the two runs a login bash on the node's host, reading a
 * terminal (`TtyFile`) so that programs see a tty, Ctrl-C reaches the foreground job and the
 * shell does its own line editing. No DOM, no xterm: the viewer is whoever listens.
 *
 *   const session = openSession(cluster, { node: 'master01', cols: 120, rows: 40 });
 *   session.onOutput((ansi) => terminal.write(ansi));
 *   session.type('kubectl get pods\r');
 */
import { DEFAULT_WINDOW, TtyFile, type Kernel, type PidNamespace, type Process, type WaitStatus } from '../../engine/runtime/process';
import { attachEditor, type Editor } from '../lib/editor';
import { loginEnvironment } from '../lib/login';

/** What a session needs of the cluster: its kernel and each node's host namespace. */
export interface SessionHost {
  readonly kernel: Kernel;
  readonly machines: ReadonlyMap<string, { readonly host: PidNamespace }>;
}

export interface SessionOptions {
  /** The node whose root shell this is (default master01). */
  readonly node?: string;
  readonly cols?: number;
  readonly rows?: number;
  /** Where `vi` and `kubectl edit` open files (Monaco, `$EDITOR`); line mode without one. */
  readonly editor?: Editor;
}

export interface Session {
  /** Keys as the terminal sends them. */
  type(keys: string): void;
  /** Called with every piece of output, in order. Returns a function that stops listening. */
  onOutput(listener: (ansi: string) => void): () => void;
  /** Called once when the shell has exited (`exit`, Ctrl-D). */
  onExit(listener: (status: WaitStatus) => void): void;
  /**
   * The viewer's terminal changed size: the session's terminal takes it, and a new size sends
   * SIGWINCH to its foreground job (the shell at its prompt redraws the line).
   */
  resize(cols: number, rows: number): void;
  /** Whether a program is waiting for keyboard input now (the prompt, `read`, `cat`). */
  readonly waitingForInput: boolean;
  readonly exited: WaitStatus | undefined;
  /** Hangs up: the shell reads end of file, and is killed if it does not leave. */
  close(): void;
  /** The login shell's process. */
  readonly shell: Process;
}

/** A terminal that knows whether anyone is reading it. */
class SessionTty extends TtyFile {
  readers = 0;

  override whenReady(direction: 'read' | 'write', wake: () => void): () => void {
    if (direction !== 'read') return super.whenReady(direction, wake);
    let waiting = true;
    this.readers++;
    const done = (): void => {
      if (waiting) this.readers--;
      waiting = false;
    };
    const cancel = super.whenReady('read', () => {
      done();
      wake();
    });
    return () => {
      done();
      cancel();
    };
  }
}

export function openSession(host: SessionHost, options: SessionOptions = {}): Session {
  const node = options.node ?? 'master01';
  const machine = host.machines.get(node);
  if (!machine) throw new Error(`no node named ${node}`);
  const listeners = new Set<(ansi: string) => void>();
  const tty = new SessionTty((ansi) => {
    for (const listener of listeners) listener(ansi);
  }, { cols: options.cols ?? DEFAULT_WINDOW.cols, rows: options.rows ?? DEFAULT_WINDOW.rows });
  const detachEditor = options.editor ? attachEditor(host.kernel, tty, options.editor) : undefined;
  // A login shell: argv[0] is `-bash`, the program the one at /bin/bash.
  const bash = host.kernel.programs(machine.host.programs['/usr/bin/bash'] ?? 'bash');
  if (!bash) throw new Error(`${node} has no bash`);
  const shell = host.kernel.spawn(machine.host, ['-bash'], {
    program: bash,
    env: loginEnvironment(node),
    cwd: '/root',
    files: [tty, tty, tty],
    pgid: 'new',
  });
  if (detachEditor) shell.onExit(detachEditor);
  // Ctrl-C (or a resize) before the shell has set up its own handling goes to its group.
  tty.signalForeground ??= (signal) => host.kernel.signalGroup(machine.host, shell.pgid, signal);

  return {
    type: (keys) => tty.push(keys),
    onOutput(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onExit: (listener) => shell.onExit(listener),
    resize: (cols, rows) => tty.resize(cols, rows),
    get waitingForInput() {
      return tty.readers > 0;
    },
    get exited() {
      return shell.exited;
    },
    close() {
      tty.end();
      if (shell.running) host.kernel.signal(shell, 'SIGHUP');
    },
    shell,
  };
}
