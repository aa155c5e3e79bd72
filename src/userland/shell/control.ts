// How the interpreter leaves the middle of an evaluation. These travel as exceptions through the
// generator chain (and every `finally` on the way restores redirections and local variables).

/** `exit`, a failing command under `set -e`, or a fatal error in a non-interactive shell. */
export class ExitShell {
  constructor(readonly status: number) {}
}

/** `break N` / `continue N`: `levels` counts the enclosing loops still to leave. */
export class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

/** `return` from a function or a sourced file. */
export class ReturnFromFunction {
  constructor(readonly status: number) {}
}

/**
 * An error that abandons the current command line, already reported: an expansion error
 * (`${x?}`, bad arithmetic), a failing special builtin. A script exits with `status`; an
 * interactive shell goes back to its prompt.
 */
export class ShellError {
  constructor(readonly status: number) {}
}

/** Ctrl-C in an interactive shell: abandon the command line and show a fresh prompt. */
export class Interrupted {}
