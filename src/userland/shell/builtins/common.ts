// What the builtins share: their shape, and how busybox and bash word their complaints.
import type { Sys } from '../../../engine/runtime/process';
import type { Flavour } from '../../lib/flavour';
import type { Shell } from '../shell';

/** A builtin command: gets the shell and its argv, returns an exit status. */
export interface Builtin {
  readonly special: boolean;
  run(shell: Shell, argv: string[]): Sys<number>;
}

export const flavourOf = (shell: Shell): Flavour => (shell.dialect === 'bash' ? 'gnu' : 'busybox');

/** busybox applets report errors as `sh: message`, under the shell's own applet name. */
function appletName(shell: Shell): string {
  return shell.invokedAs.slice(shell.invokedAs.lastIndexOf('/') + 1).replace(/^-/, '');
}

/** An error from one of the busybox applets built into ash (test, printf) or a bash builtin. */
export function* appletError(shell: Shell, message: string): Sys<void> {
  if (shell.dialect === 'busybox') yield* shell.write(2, `${appletName(shell)}: ${message}\n`);
  else yield* shell.report(message);
}

/** `exit abc`, `shift x`: busybox's `Illegal number`, bash's `numeric argument required`. */
export function parseCount(text: string): number | undefined {
  return /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** Single-quotes a value for `set`, `export -p` and `trap` listings. */
export function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}
