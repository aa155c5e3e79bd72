/**
 * Command-line flags the way kubectl reads them (spf13/pflag): `--flag=v`, `--flag v`, `-n ns`,
 * `-nns`, `-n=ns`, clustered booleans `-it`, bool flags that take a value only with `=`
 * (`--all=false`), `--` ending the flags (what follows is arguments; `dashAt` remembers where, as
 * `ArgsLenAtDash` does for `kubectl exec pod -- cmd`), and arguments anywhere between flags.
 * Errors carry pflag's own texts.
 */

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: FlagType;
  /** The default as the help shows it: `false`, `''`, `[]`, `500`. Defaults to the type's zero value. */
  readonly default?: string;
  readonly usage: string;
  /** Left out of help (deprecated or internal flags). */
  readonly hidden?: boolean;
}

export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

/** What was given on the command line. Values are kept as typed; the getters convert them. */
export class ParsedFlags {
  constructor(
    private readonly specs: ReadonlyMap<string, FlagSpec>,
    private readonly values: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** Whether the command has this flag at all (`cmd.Flags().Lookup(name) != nil`). */
  defines(name: string): boolean {
    return this.specs.has(name);
  }

  /** Whether the flag appeared at all (`cmd.Flags().Changed`). */
  changed(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string): string {
    return this.values.get(name)?.at(-1) ?? unquoteDefault(this.spec(name).default ?? '');
  }

  bool(name: string): boolean {
    const v = this.values.get(name)?.at(-1) ?? this.spec(name).default ?? 'false';
    return parseBool(v) ?? false;
  }

  int(name: string): number {
    return Number(this.values.get(name)?.at(-1) ?? this.spec(name).default ?? '0');
  }

  /** A `duration` flag in milliseconds. */
  durationMs(name: string): number {
    return goDurationMs(this.string(name));
  }

  /** A repeatable flag's values; a `stringSlice` also splits each on commas (`-L a,b -L c`). */
  list(name: string): string[] {
    const given = this.values.get(name) ?? [];
    return this.spec(name).type === 'stringSlice' ? given.flatMap((v) => (v === '' ? [] : v.split(','))) : [...given];
  }

  private spec(name: string): FlagSpec {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`kubectl: flag --${name} is not defined for this command`);
    return spec;
  }
}

export interface ParseResult {
  readonly flags: ParsedFlags;
  readonly args: string[];
  /** How many arguments came before `--`, or -1 without one. */
  readonly dashAt: number;
}

const unquoteDefault = (d: string): string => (d.startsWith("'") && d.endsWith("'") ? d.slice(1, -1) : d);

const GO_DURATION_UNITS_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration (`1m0s`, `1h30m`, `250ms`) in milliseconds; the text is already checked. */
export function goDurationMs(text: string): number {
  let total = 0;
  for (const [, n, unit] of text.matchAll(/([\d.]+)(ns|us|µs|ms|s|m|h)/g)) total += Number(n) * GO_DURATION_UNITS_MS[unit!]!;
  return text.startsWith('-') ? -total : total;
}

/** Go's strconv.ParseBool. */
export function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** How pflag names a flag in an "invalid argument" message: `-A, --all-namespaces` or `--output`. */
const flagTitle = (spec: FlagSpec): string => (spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`);

function checkValue(spec: FlagSpec, value: string): void {
  const invalid = (why: string): FlagError =>
    new FlagError(`invalid argument ${JSON.stringify(value)} for ${JSON.stringify(flagTitle(spec))} flag: ${why}`);
  if (spec.type === 'bool' && parseBool(value) === undefined) throw invalid(`strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
  if (spec.type === 'int' && !/^[+-]?\d+$/.test(value)) throw invalid(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  if (spec.type === 'duration' && !/^([+-]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$|^0$/.test(value)) {
    throw invalid(`time: invalid duration ${JSON.stringify(value)}`);
  }
}

/** Parses `args` (everything after the command path) against the command's and the global flags. */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParseResult {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, string[]>();
  const set = (spec: FlagSpec, value: string): void => {
    checkValue(spec, value);
    const list = values.get(spec.name) ?? [];
    list.push(value);
    values.set(spec.name, list);
  };
  const positional: string[] = [];
  let dashAt = -1;

  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      dashAt = positional.length;
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, arg.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (i + 1 < args.length) set(spec, args[++i]!);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const spec = byShort.get(letter);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${letter}' in ${arg}`);
        if (arg[j + 1] === '=') {
          set(spec, arg.slice(j + 2));
          break;
        }
        if (spec.type === 'bool') {
          set(spec, 'true');
          continue;
        }
        if (j + 1 < arg.length) set(spec, arg.slice(j + 1));
        else if (i + 1 < args.length) set(spec, args[++i]!);
        else throw new FlagError(`flag needs an argument: '${letter}' in ${arg}`);
        break;
      }
      continue;
    }
    positional.push(arg);
  }
  return { flags: new ParsedFlags(byName, values), args: positional, dashAt };
}

/**
 * Whether `arg` is a flag that consumes the next argument as its value — what cobra needs to know
 * to find the command words among flags (`kubectl -n kube-system get pods`).
 */
export function takesNextArg(arg: string, specs: readonly FlagSpec[]): boolean {
  if (arg.startsWith('--')) {
    if (arg.includes('=')) return false;
    const spec = specs.find((s) => s.name === arg.slice(2));
    return spec !== undefined && spec.type !== 'bool';
  }
  if (!arg.startsWith('-') || arg.length < 2 || arg.includes('=')) return false;
  // `-n` alone takes the next argument; `-nfoo` carries its value.
  const spec = specs.find((s) => s.short === arg[arg.length - 1]);
  return arg.length === 2 && spec !== undefined && spec.type !== 'bool';
}
