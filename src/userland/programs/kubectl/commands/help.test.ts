/**
 * `kubectl <command> --help` for every command and subcommand: kubectl 1.30's layout, every flag
 * the command accepts listed with its shorthand and default (and nothing it does not accept), and
 * examples that run: each `kubectl …` line parses against the command's own flags.
 */
import { describe, expect, it } from 'vitest';
import { GLOBAL_FLAGS, parseFlags } from '../framework';
import { commandHelp, globalOptionsHelp, rootHelp } from '../framework/help';
import { allCommands, helpOptions, helpSections } from '../framework/help-testkit';
import { COMMANDS, GROUPS, isSimulated } from './index';

const FOOTER = 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

/** Shell words of an example line, quotes removed (examples use no escapes). */
const shellWords = (line: string): string[] => [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);

const everyCommand = allCommands(COMMANDS).map(({ path, command }) => [path.join(' '), path, command] as const);

describe('kubectl help', () => {
  it.each(everyCommand)('kubectl %s --help', (name, path, command) => {
    const help = commandHelp(command, `kubectl ${name}`);
    // Description first, sections in kubectl's order, the footer last.
    expect(help.split('\n')[0]!.length).toBeGreaterThan(0);
    const sections = helpSections(help);
    const order = ['Available Commands', 'Examples', 'Options', 'Usage'];
    expect(sections.filter((s) => order.includes(s))).toEqual(order.filter((s) => sections.includes(s)));
    expect(sections).toContain('Usage');
    expect(help).toContain(`Usage:\n  kubectl ${[...path.slice(0, -1), command.use].join(' ')}\n\n`);
    expect(help.endsWith(FOOTER)).toBe(true);
    if (command.subcommands?.length) expect(help).toContain(`Use "kubectl ${name} <command> --help" for more information about a given command.\n${FOOTER}`);

    // Options: exactly the flags the command accepts, as pflag shows them.
    const listed = helpOptions(help).map((o) => ({ name: o.name, short: o.short, default: o.default }));
    const accepted = (command.flags ?? [])
      .filter((f) => !f.hidden)
      .map((f) => ({ name: f.name, short: f.short, default: f.default ?? { bool: 'false', int: '0', stringArray: '[]', stringSlice: '[]' }[f.type as string] ?? "''" }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(listed).toEqual(accepted);
    for (const o of helpOptions(help)) expect(o.usage.length, `--${o.name} has a description`).toBeGreaterThan(0);

    // Examples: two spaces in, comments before commands, and every command line parses.
    if (command.run && isSimulated(command) && path[0] !== 'options') expect(command.examples, 'a command has examples').toBeTruthy();
    const examples = /^Examples:\n([^]*?)\n\n(?=Options:|Usage:)/m.exec(help)?.[1] ?? '';
    for (const line of examples ? examples.split('\n') : []) {
      expect(line.startsWith('  '), JSON.stringify(line)).toBe(true);
      const at = line.indexOf(`kubectl ${name}`);
      if (at < 0 || line.trimStart().startsWith('#')) continue;
      const words = shellWords(line.slice(at)).slice(1 + path.length);
      const upTo = words.indexOf('|');
      expect(() => parseFlags(upTo < 0 ? words : words.slice(0, upTo), [...GLOBAL_FLAGS, ...(command.flags ?? [])]), line).not.toThrow();
    }
  });

  it('the top-level help lists every group with its commands\' summaries', () => {
    const help = rootHelp(GROUPS, COMMANDS);
    for (const group of GROUPS) expect(help).toContain(`${group.title}:\n`);
    for (const command of COMMANDS.filter((c) => c.name !== 'options')) expect(help).toMatch(new RegExp(`^  ${command.name} +${command.short.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(help).not.toMatch(/^ {2}options /m);
    expect(help.endsWith(`Usage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\n${FOOTER}`)).toBe(true);
  });

  it('kubectl options lists the global flags', () => {
    const listed = helpOptions(globalOptionsHelp(GLOBAL_FLAGS)).map((o) => o.name);
    expect(listed).toEqual(GLOBAL_FLAGS.filter((f) => !f.hidden).map((f) => f.name).sort());
  });
});
