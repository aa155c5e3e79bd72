/**
 * The frame every command-line tool shares: parse options (printing the flavour's usage error on a
 * bad one), then run the body with small helpers for output and `name: message` diagnostics.
 */
import { FsError } from '../../engine/runtime/fs';
import { sys, SysError, type Proc, type Program, type Sys } from '../../engine/runtime/process';
import { busyboxUsage, Options, parseOptions, usageError, type OptionSpec } from './args';
import type { Flavour } from './flavour';

export interface Tool {
  readonly proc: Proc;
  readonly flavour: Flavour;
  /** How the tool names itself in messages: busybox by applet, GNU by argv[0] as typed. */
  readonly name: string;
  out(text: string): Sys<void>;
  /** Writes `name: message` and a newline to stderr. */
  warn(message: string): Sys<void>;
  /**
   * A missing or wrong operand: GNU says `message` and points to --help, busybox shows its usage.
   * Returns the exit status (1).
   */
  usage(message: string): Sys<number>;
}

export interface ToolSpec {
  /** Busybox's usage line, shown after a bad option. */
  readonly usage: string;
  /** How to read options; `'none'` hands every argument over as an operand (kill reads its own). */
  readonly options?: OptionSpec | 'none';
  /** Rewrites historical forms getopt cannot read (`head -5` for `head -n 5`). */
  readonly rewrite?: (args: readonly string[]) => readonly string[];
}

export type ToolBody = (tool: Tool, options: Options) => Sys<number>;

/** A tool in both flavours: `defineTool(spec, body)('busybox')` is busybox's, `('gnu')` coreutils'. */
export function defineTool(spec: ToolSpec, body: ToolBody): (flavour: Flavour) => Program {
  return (flavour) =>
    function* (proc) {
      const argv0 = proc.argv[0] ?? '';
      const name = flavour === 'busybox' ? argv0.slice(argv0.lastIndexOf('/') + 1) : argv0;
      const tool: Tool = {
        proc,
        flavour,
        name,
        out: (text) => sys.write(1, text),
        warn: (message) => sys.write(2, `${name}: ${message}\n`),
        *usage(message) {
          yield* sys.write(2, flavour === 'gnu' ? usageError(name, message, flavour, spec.usage) : busyboxUsage(spec.usage));
          return 1;
        },
      };
      const args = proc.argv.slice(1);
      const parsed = spec.options === 'none'
        ? { ok: true as const, options: new Options(new Map(), args) }
        : parseOptions(spec.rewrite ? spec.rewrite(args) : args, spec.options ?? { short: '' });
      if (!parsed.ok) {
        yield* sys.write(2, usageError(name, parsed.error, flavour, spec.usage));
        return 1;
      }
      return yield* body(tool, parsed.options);
    };
}

/** The errno text of a failed filesystem or system call (`No such file or directory`). */
export function errorText(e: unknown): string {
  if (e instanceof FsError) return e.text;
  if (e instanceof SysError) return e.message;
  throw e;
}

/** Reads a descriptor to end of file. */
export function* readAll(fd: number): Sys<string> {
  let data = '';
  for (;;) {
    const chunk = yield* sys.read(fd);
    if (chunk === null) return data;
    data += chunk;
  }
}
