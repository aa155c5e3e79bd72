/**
 * kubectl's entry point: finds the command among the arguments the way cobra does (leading words
 * name commands and subcommands; flags and their values may come anywhere), parses the flags,
 * answers `-h/--help`, runs the command and prints any error as CheckErr does, with exit code 1.
 */
import type { Program, Sys } from '../../../../engine/runtime/process';
import { sys } from '../../../../engine/runtime/process';
import { GLOBAL_FLAGS, Kubectl, type KubectlCommand } from './command';
import { errorText, UsageError } from './errors';
import { FlagError, parseFlags, takesNextArg, type FlagSpec } from './flags';
import { commandHelp, rootHelp, type CommandGroup } from './help';
import { unknownCommandMessage } from './suggest';

const named = (commands: readonly KubectlCommand[], word: string): KubectlCommand | undefined =>
  commands.find((c) => c.name === word || c.aliases?.includes(word));

interface Found {
  readonly chain: readonly KubectlCommand[];
  /** Everything that is not a command word, in order. */
  readonly rest: string[];
  /** The first argument that is neither a flag nor a command (an unknown command at the top). */
  readonly firstWord?: string;
  readonly flagBeforeWord?: string;
}

/** cobra's Find: descend while leading non-flag words name subcommands. */
function findCommand(root: readonly KubectlCommand[], args: readonly string[]): Found {
  const chain: KubectlCommand[] = [];
  const rest: string[] = [];
  let children = root;
  let descending = true;
  let firstWord: string | undefined;
  let flagBeforeWord: string | undefined;
  const specs = (): FlagSpec[] => [...GLOBAL_FLAGS, ...(chain.at(-1)?.flags ?? [])];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      flagBeforeWord ??= chain.length === 0 ? arg : undefined;
      rest.push(arg);
      if (takesNextArg(arg, specs()) && i + 1 < args.length) rest.push(args[++i]!);
      continue;
    }
    const sub = descending ? named(children, arg) : undefined;
    if (sub) {
      chain.push(sub);
      children = sub.subcommands ?? [];
      continue;
    }
    if (descending) firstWord = arg;
    descending = false;
    rest.push(arg);
  }
  return { chain, rest, ...(firstWord !== undefined ? { firstWord } : {}), ...(flagBeforeWord ? { flagBeforeWord } : {}) };
}

export function kubectlMain(commands: readonly KubectlCommand[], groups: readonly CommandGroup[]): Program {
  return function* (proc): Sys<number> {
    const args = proc.argv.slice(1);
    const { chain, rest, firstWord, flagBeforeWord } = findCommand(commands, args);
    const command = chain.at(-1);
    const path = ['kubectl', ...chain.map((c) => c.name)].join(' ');

    if (!command) {
      if (firstWord !== undefined) {
        if (flagBeforeWord) {
          yield* sys.write(2, `Error: flags cannot be placed before plugin name: ${flagBeforeWord}\n`);
          return 1;
        }
        const message = unknownCommandMessage(firstWord, 'kubectl', commands.map((c) => c.name));
        yield* sys.write(2, `error: ${message}${message.endsWith('\n') ? '' : '\n'}`);
        return 1;
      }
      yield* sys.write(1, rootHelp(groups, commands));
      return 0;
    }

    let parsed;
    try {
      parsed = parseFlags(rest, [...GLOBAL_FLAGS, ...(command.flags ?? [])]);
    } catch (e) {
      if (!(e instanceof FlagError)) throw e;
      yield* sys.write(2, errorText(e, path));
      return 1;
    }
    if (parsed.flags.bool('help')) {
      yield* sys.write(1, commandHelp(command, path));
      return 0;
    }
    const k = new Kubectl(proc, parsed.flags, path, parsed.dashAt);
    try {
      if (!command.run) {
        // A group such as `kubectl config`: its help, unless it was given something to run.
        if (parsed.args.length > 0) throw new UsageError(`unexpected args: [${parsed.args.join(' ')}]`);
        yield* sys.write(1, commandHelp(command, path));
        return 0;
      }
      return yield* command.run(k, parsed.args);
    } catch (e) {
      yield* sys.write(2, errorText(e, path));
      return 1;
    }
  };
}
