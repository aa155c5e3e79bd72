/**
 * `kubectl <command> --help`, laid out as kubectl's templates do: the description, Examples
 * (indented by two spaces, blank lines too), Options (sorted, `--flag=default:` then the text on
 * a tab-indented line), Usage, and the pointer to `kubectl options`. The words are kubeplay's own;
 * the flags, shorthands and defaults are kubectl 1.30's.
 */
import type { KubectlCommand } from './command';
import type { FlagSpec } from './flags';

function zeroValue(flag: FlagSpec): string {
  if (flag.default !== undefined) return flag.default;
  switch (flag.type) {
    case 'bool':
      return 'false';
    case 'int':
      return '0';
    case 'stringArray':
    case 'stringSlice':
      return '[]';
    default:
      return "''";
  }
}

/** The flags help lists (hidden ones are accepted only to answer them with a hint), by name. */
function optionEntries(flags: readonly FlagSpec[]): string {
  const visible = flags.filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : 1));
  return visible.map((f) => `    ${f.short ? `-${f.short}, ` : ''}--${f.name}=${zeroValue(f)}:\n\t${f.usage}\n`).join('\n');
}

function optionsSection(flags: readonly FlagSpec[]): string {
  const entries = optionEntries(flags);
  return entries ? `Options:\n${entries}\n` : '';
}

/** `kubectl options`: the flags every command takes. */
export const globalOptionsHelp = (flags: readonly FlagSpec[]): string => `Every kubectl command takes these options:\n\n${optionEntries(flags)}`;

/** Examples are written without indentation; kubectl prints every line two spaces in. */
const indented = (examples: string): string => examples.split('\n').map((line) => `  ${line}`).join('\n');

/** Names padded to the longest of their siblings plus three spaces. */
const padWidth = (commands: readonly KubectlCommand[]): number => Math.max(0, ...commands.map((c) => c.name.length)) + 3;

function commandList(title: string, commands: readonly KubectlCommand[], width = padWidth(commands)): string {
  return `${title}:\n${commands.map((c) => `  ${c.name.padEnd(width)}${c.short}\n`).join('')}\n`;
}

export function commandHelp(command: KubectlCommand, path: string): string {
  let text = `${command.long ?? command.short}\n\n`;
  if (command.subcommands?.length) text += commandList('Available Commands', command.subcommands);
  if (command.examples) text += `Examples:\n${indented(command.examples)}\n\n`;
  text += optionsSection(command.flags ?? []);
  // cobra's UseLine: the parent command's path, then the command's own usage.
  text += `Usage:\n  ${path.split(' ').slice(0, -1).join(' ')} ${command.use}\n\n`;
  if (command.subcommands?.length) text += `Use "${path} <command> --help" for more information about a given command.\n`;
  text += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return text;
}

/** A titled group of the top-level help (`Basic Commands (Beginner):`). */
export interface CommandGroup {
  readonly title: string;
  readonly names: readonly string[];
}

export function rootHelp(groups: readonly CommandGroup[], commands: readonly KubectlCommand[]): string {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const width = padWidth(commands);
  const sections = groups.map((g) => commandList(g.title, g.names.flatMap((n) => byName.get(n) ?? []), width));
  return (
    'kubectl is how you talk to a Kubernetes cluster: it shows, creates, changes and removes what runs there.\n\n Read more at: https://kubernetes.io/docs/reference/kubectl/\n\n' +
    sections.join('') +
    'Usage:\n  kubectl [flags] [options]\n\n' +
    'Use "kubectl <command> --help" for more information about a given command.\n' +
    'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'
  );
}
