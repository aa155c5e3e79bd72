// Aliases (`alias k=kubectl`): an interactive bash replaces the first word of a command by the
// alias's text. Bash does it while reading the line; here it happens when the simple command runs,
// which gives the same result for what people alias — a command name, perhaps with options
// (`alias kgp='kubectl get pods'`). An alias whose text is more than one simple command (a pipe,
// `;`) is run through eval with the arguments appended, as its text would read.
import type { Sys } from '../../engine/runtime/process';
import type { SimpleCommand } from './ast';
import { singleQuote, type Builtin } from './builtins/common';
import { parse } from './parser';
import type { Shell } from './shell';

/** The simple command an alias's text is, if it is exactly one (and not backgrounded). */
function simpleCommandOf(text: string, shell: Shell): SimpleCommand | undefined {
  try {
    const script = parse(text, { dialect: shell.dialect });
    const only = script.items.length === 1 ? script.items[0]! : undefined;
    if (!only || only.background || only.command.rest.length > 0) return undefined;
    const pipeline = only.command.first;
    const command = pipeline.commands.length === 1 && !pipeline.negated ? pipeline.commands[0]! : undefined;
    return command?.type === 'simple' ? command : undefined;
  } catch {
    return undefined;
  }
}

/** The command with its first word's alias expanded, or undefined when there is none to expand. */
export function expandAlias(shell: Shell, command: SimpleCommand): SimpleCommand | { readonly evalText: string } | undefined {
  if (!shell.interactiveShell || shell.aliases.size === 0 || command.words.length === 0) return undefined;
  const first = command.words[0]!.parts;
  const name = first.length === 1 && first[0]!.type === 'literal' ? first[0]!.value : undefined;
  const text = name === undefined ? undefined : shell.aliases.get(name);
  if (text === undefined) return undefined;
  const replacement = simpleCommandOf(text, shell);
  if (!replacement) return { evalText: text };
  return {
    type: 'simple',
    assignments: [...command.assignments, ...replacement.assignments],
    words: [...replacement.words, ...command.words.slice(1)],
    redirects: [...replacement.redirects, ...command.redirects],
  };
}

const listing = (name: string, text: string): string => `alias ${name}=${singleQuote(text)}\n`;

/** `alias`, `alias name`, `alias name=text …` */
export const aliasBuiltin: Builtin = {
  special: false,
  *run(shell, argv) {
    const args = argv.slice(1).filter((a) => a !== '-p');
    if (args.length === 0) {
      for (const name of [...shell.aliases.keys()].sort()) yield* shell.write(1, listing(name, shell.aliases.get(name)!));
      return 0;
    }
    let status = 0;
    for (const arg of args) {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        shell.aliases.set(arg.slice(0, eq), arg.slice(eq + 1));
      } else if (shell.aliases.has(arg)) {
        yield* shell.write(1, listing(arg, shell.aliases.get(arg)!));
      } else {
        yield* shell.report(`${arg}: not found`);
        status = 1;
      }
    }
    return status;
  },
};

/** `unalias name …`, `unalias -a` */
export const unaliasBuiltin: Builtin = {
  special: false,
  *run(shell, argv): Sys<number> {
    const args = argv.slice(1);
    if (args[0] === '-a') {
      shell.aliases.clear();
      return 0;
    }
    if (args.length === 0) {
      yield* shell.report('usage: unalias [-a] name [name ...]');
      return 2;
    }
    let status = 0;
    for (const name of args) {
      if (shell.aliases.delete(name)) continue;
      yield* shell.report(`${name}: not found`);
      status = 1;
    }
    return status;
  },
};
