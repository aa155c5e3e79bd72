/**
 * getopt for the simulated tools: clustered short options (`-rf`), option arguments glued or
 * separate (`-n5`, `-n 5`), `--` to end options, GNU long options (`--lines=5`), and operands
 * anywhere (glibc's getopt moves them after the options, so `rm dir -rf` works).
 */
import type { Flavour } from './flavour';

export interface OptionSpec {
  /** getopt letters; a letter followed by `:` takes an argument, e.g. `'rfn:'`. */
  readonly short: string;
  /**
   * GNU long options: name → the key its value is stored under, usually the short letter it
   * stands for. A trailing `=` on the name means it takes an argument: `{ 'lines=': 'n' }`; a
   * trailing `=?` an optional one, given only as `--color=WHEN` (`--color` alone stores '').
   */
  readonly long?: Readonly<Record<string, string>>;
  /** Options only before the first operand (`env A=1 cmd -x`, `nginx`'s argv is not ours). */
  readonly stopAtOperand?: boolean;
}

export class Options {
  constructor(
    private readonly values: ReadonlyMap<string, readonly string[]>,
    readonly operands: readonly string[],
  ) {}

  has(letter: string): boolean {
    return this.values.has(letter);
  }

  /** How many times a flag was given (`-vv`). */
  count(letter: string): number {
    return this.values.get(letter)?.length ?? 0;
  }

  /** Every argument given to a repeatable option (`grep -e a -e b`). */
  all(letter: string): readonly string[] {
    return this.values.get(letter) ?? [];
  }

  /** The last argument given to an option. */
  value(letter: string): string | undefined {
    return this.values.get(letter)?.at(-1);
  }
}

export type ParseResult = { readonly ok: true; readonly options: Options } | { readonly ok: false; readonly error: string };

export function parseOptions(args: readonly string[], spec: OptionSpec): ParseResult {
  const values = new Map<string, string[]>();
  const operands: string[] = [];
  const add = (key: string, value: string): void => {
    const list = values.get(key) ?? [];
    list.push(value);
    values.set(key, list);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && spec.long) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      // Like getopt_long, an unambiguous prefix is enough (`--lin` for `--lines`).
      const names = Object.keys(spec.long);
      const bare = (l: string): string => l.replace(/=\??$/, '');
      const matches = names.filter((l) => bare(l).startsWith(name));
      const found = names.find((l) => bare(l) === name) ?? (matches.length === 1 ? matches[0] : undefined);
      if (found === undefined) return { ok: false, error: `unrecognized option '${arg}'` };
      const key = spec.long[found]!;
      const full = bare(found);
      if (found.endsWith('=?')) {
        add(key, eq >= 0 ? arg.slice(eq + 1) : '');
      } else if (!found.endsWith('=')) {
        if (eq >= 0) return { ok: false, error: `option '--${full}' doesn't allow an argument` };
        add(key, '');
      } else if (eq >= 0) add(key, arg.slice(eq + 1));
      else if (i + 1 < args.length) add(key, args[++i]!);
      else return { ok: false, error: `option '--${full}' requires an argument` };
      continue;
    }
    if (arg.length < 2 || !arg.startsWith('-')) {
      if (spec.stopAtOperand) {
        operands.push(...args.slice(i));
        break;
      }
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (letter === ':' || !spec.short.includes(letter)) return { ok: false, error: `invalid option -- '${letter}'` };
      if (!takesArgument(spec, letter)) {
        add(letter, '');
        continue;
      }
      const glued = arg.slice(j + 1);
      if (glued !== '') add(letter, glued);
      else if (i + 1 < args.length) add(letter, args[++i]!);
      else return { ok: false, error: `option requires an argument -- '${letter}'` };
      break;
    }
  }
  return { ok: true, options: new Options(values, operands) };
}

function takesArgument(spec: OptionSpec, letter: string): boolean {
  return spec.short[spec.short.indexOf(letter) + 1] === ':';
}

/** The banner busybox prints above an applet's usage. */
export const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.';

/**
 * What a tool prints after a bad option: GNU points to --help, busybox shows the applet's usage.
 * `usage` is busybox's one-line summary, e.g. `rm [-irf] FILE...`.
 */
export function usageError(name: string, error: string, flavour: Flavour, usage: string): string {
  if (flavour === 'gnu') return `${name}: ${error}\nTry '${name} --help' for more information.\n`;
  return `${name}: ${error}\n${busyboxUsage(usage)}`;
}

/** Busybox's answer to a missing operand: the banner and the applet's usage, on stderr. */
export const busyboxUsage = (usage: string): string => `${BUSYBOX_BANNER}\n\nUsage: ${usage}\n`;
