/**
 * Reading a `kubectl … --help` text back, for tests: its sections and its Options entries
 * (`    -o, --output='':` then the tab-indented description), so our help can be checked against
 * the flags a command defines and against what kubectl 1.30 lists.
 */
import type { KubectlCommand } from './command';

export interface HelpOption {
  readonly name: string;
  readonly short?: string;
  /** As printed after `=`: `false`, `''`, `[]`, `1m0s`. */
  readonly default: string;
  readonly usage: string;
}

/** The Options (or `kubectl options`) entries of a help text, in the order printed. */
export function helpOptions(help: string): HelpOption[] {
  const options: HelpOption[] = [];
  const lines = help.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {4}(?:-(\w), )?--([\w-]+)=(.*):$/.exec(lines[i]!);
    if (!m) continue;
    const usage: string[] = [];
    while (lines[i + 1]?.startsWith('\t')) usage.push(lines[++i]!.slice(1));
    options.push({ name: m[2]!, ...(m[1] ? { short: m[1] } : {}), default: m[3]!, usage: usage.join('\n') });
  }
  return options;
}

/** The titles of a help text's sections (`Examples`, `Options`, `Usage`, …), in order. */
export const helpSections = (help: string): string[] => [...help.matchAll(/^([A-Z][A-Za-z ]+):$/gm)].map((m) => m[1]!);

/** Every command and subcommand with its path (`create deployment`), depth first. */
export function allCommands(commands: readonly KubectlCommand[], prefix: readonly string[] = []): { path: string[]; command: KubectlCommand }[] {
  return commands.flatMap((command) => {
    const path = [...prefix, command.name];
    return [{ path, command }, ...allCommands(command.subcommands ?? [], path)];
  });
}
