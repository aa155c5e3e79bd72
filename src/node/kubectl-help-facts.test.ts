/**
 * Our `kubectl --help` texts against kubectl 1.30's own (the real binary, which prints help
 * without a cluster): the facts must agree — every flag we list exists there with the same
 * shorthand and default — while the prose must be ours: no flag description, summary,
 * description line or example comment is kubectl's text.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../userland/programs/kubectl/commands';
import { GLOBAL_FLAGS } from '../userland/programs/kubectl/framework';
import { commandHelp, globalOptionsHelp } from '../userland/programs/kubectl/framework/help';
import { allCommands, helpOptions } from '../userland/programs/kubectl/framework/help-testkit';
import { findKubectl } from './testing/kubectl-harness';

const KUBECTL = findKubectl();
const real = (args: readonly string[]): string => execFileSync(KUBECTL!, [...args], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
/** Whitespace-insensitive, so a rewrapped copy still counts as a copy. */
const words = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Lines worth comparing: descriptions and example comments, not commands or blank lines. */
function proseLines(help: string): string[] {
  const [text] = help.split(/^Options:$/m);
  return text!
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 25 && !l.startsWith('kubectl ') && !/^Use "kubectl/.test(l))
    .map(words);
}

const rootSummaries = new Map<string, string>();

describe.skipIf(!KUBECTL)('kubectl --help: v1.30 facts in our own words', () => {
  it('the top-level command list: our summaries, not kubectl\'s', () => {
    for (const [, name, summary] of real(['--help']).matchAll(/^ {2}([\w-]+) +(.+)$/gm)) rootSummaries.set(name!, words(summary!));
    for (const { path, command } of allCommands(COMMANDS)) {
      expect(words(command.short), `${path.join(' ')}: summary`).not.toBe(rootSummaries.get(command.name) ?? '');
    }
  });

  it.each(allCommands(COMMANDS).map(({ path, command }) => [path.join(' '), path, command] as const))('kubectl %s', (_name, path, command) => {
    const theirs = real([...path, '--help']);
    const their = new Map(helpOptions(theirs).map((o) => [o.name, o]));
    const ours = helpOptions(commandHelp(command, `kubectl ${path.join(' ')}`));
    for (const flag of ours) {
      const fact = their.get(flag.name);
      expect(fact, `--${flag.name} is not a kubectl 1.30 flag of ${path.join(' ')}`).toBeDefined();
      expect({ short: flag.short, default: flag.default }, `--${flag.name}`).toEqual({ short: fact!.short, default: fact!.default });
      expect(words(flag.usage), `--${flag.name}: kubectl's own description`).not.toBe(words(fact!.usage));
    }
    const theirLines = new Set(proseLines(theirs));
    const copied = proseLines(commandHelp(command, `kubectl ${path.join(' ')}`)).filter((l) => theirLines.has(l));
    expect(copied, 'lines copied from kubectl\'s help').toEqual([]);
  });

  it('kubectl options: the global flags as v1.30 has them, described in our words', () => {
    const their = new Map(helpOptions(real(['options'])).map((o) => [o.name, o]));
    for (const flag of helpOptions(globalOptionsHelp(GLOBAL_FLAGS))) {
      const fact = their.get(flag.name);
      expect(fact, `--${flag.name}`).toBeDefined();
      expect({ short: flag.short, default: flag.default }, `--${flag.name}`).toEqual({ short: fact!.short, default: fact!.default });
      expect(words(flag.usage), `--${flag.name}: kubectl's own description`).not.toBe(words(fact!.usage));
    }
  });
});
