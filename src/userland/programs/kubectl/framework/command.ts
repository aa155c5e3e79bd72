/**
 * A kubectl command as data (cobra's Command): its name, help texts, flags and body; and the
 * context a body runs with — its arguments and flags, the kubeconfig, the REST client, discovery.
 */
import { sys, type Proc, type Sys } from '../../../../engine/runtime/process';
import { RestClient } from './client';
import { discover, unknownType, type ApiResource, type Discovery } from './discovery';
import { KubectlError } from './errors';
import type { FlagSpec, ParsedFlags } from './flags';
import { klogLine } from './klog';
import { loadKubeconfig, type ResolvedConfig } from './kubeconfig';

export interface KubectlCommand {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line, for the command lists (`get   Display one or many resources`). */
  readonly short: string;
  /** The help's opening paragraphs; `short` when absent. */
  readonly long?: string;
  /** Already indented as kubectl prints them: `  # List all pods\n  kubectl get pods`. */
  readonly examples?: string;
  /** The usage line without `kubectl `: `get [(-o|--output=)…] TYPE [NAME] [flags] [options]`. */
  readonly use: string;
  readonly flags?: readonly FlagSpec[];
  readonly subcommands?: readonly KubectlCommand[];
  /** The body; absent for a group such as `config`, which prints its help. Returns the exit code. */
  readonly run?: (k: Kubectl, args: string[]) => Sys<number>;
}

/** What every command accepts (`kubectl options`). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'kubeconfig', type: 'string', default: "''", usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'context', type: 'string', default: "''", usage: 'The name of the kubeconfig context to use' },
  { name: 'cluster', type: 'string', default: "''", usage: 'The name of the kubeconfig cluster to use' },
  { name: 'user', type: 'string', default: "''", usage: 'The name of the kubeconfig user to use' },
  { name: 'namespace', short: 'n', type: 'string', default: "''", usage: 'If present, the namespace scope for this CLI request' },
  { name: 'server', short: 's', type: 'string', default: "''", usage: 'The address and port of the Kubernetes API server' },
  { name: 'request-timeout', type: 'string', default: "'0'", usage: 'The length of time to wait before giving up on a single server request.' },
  { name: 'v', short: 'v', type: 'int', default: '0', usage: 'number for the log level verbosity' },
  { name: 'token', type: 'string', default: "''", usage: 'Bearer token for authentication to the API server' },
  { name: 'as', type: 'string', default: "''", usage: 'Username to impersonate for the operation.' },
  { name: 'insecure-skip-tls-verify', type: 'bool', default: 'false', usage: "If true, the server's certificate will not be checked for validity." },
  { name: 'match-server-version', type: 'bool', default: 'false', usage: 'Require server version to match client version' },
  { name: 'warnings-as-errors', type: 'bool', default: 'false', usage: 'Treat warnings received from the server as errors and exit with a non-zero exit code' },
  { name: 'help', short: 'h', type: 'bool', default: 'false', usage: 'help for the command', hidden: true },
];

/** The context a command body runs with. */
export class Kubectl {
  private loaded: ResolvedConfig | undefined;
  private rest: RestClient | undefined;
  private discovered: Discovery | undefined;

  constructor(
    readonly proc: Proc,
    readonly flags: ParsedFlags,
    /** `kubectl get`: how messages name the command. */
    readonly path: string,
    /** Arguments before `--`, or -1 (`kubectl exec pod -- cmd`). */
    readonly dashAt: number,
  ) {}

  out(text: string): Sys<void> {
    return sys.write(1, text);
  }

  err(text: string): Sys<void> {
    return sys.write(2, text);
  }

  /** A klog warning line on stderr (`W0614 … helpers.go:703] …`). */
  warn(where: string, message: string): Sys<void> {
    return sys.write(2, klogLine(this.proc, 'W', where, message));
  }

  get verbosity(): number {
    return this.flags.int('v');
  }

  /** The kubeconfig as the flags select it; logs `Config loaded from file` at -v=6. */
  *config(): Sys<ResolvedConfig> {
    if (this.loaded) return this.loaded;
    const f = this.flags;
    this.loaded = loadKubeconfig(this.proc, {
      kubeconfig: f.string('kubeconfig') || undefined,
      context: f.string('context') || undefined,
      cluster: f.string('cluster') || undefined,
      namespace: f.string('namespace') || undefined,
      server: f.string('server') || undefined,
    });
    if (this.verbosity >= 6) {
      for (const file of this.loaded.files) yield* this.err(klogLine(this.proc, 'I', 'loader.go:395', `Config loaded from file:  ${file}`));
    }
    return this.loaded;
  }

  /** `-n`, else the context's namespace, else `default`. */
  *namespace(): Sys<string> {
    return (yield* this.config()).namespace;
  }

  *client(): Sys<RestClient> {
    this.rest ??= new RestClient(this.proc, yield* this.config(), this.verbosity);
    return this.rest;
  }

  *discovery(): Sys<Discovery> {
    this.discovered ??= yield* discover(this.proc, yield* this.client());
    return this.discovered;
  }

  /** The kind a word on the command line names; `the server doesn't have a resource type` otherwise. */
  *resolve(word: string): Sys<ApiResource> {
    const found = (yield* this.discovery()).resolve(word);
    if (!found) throw unknownType(word);
    return found;
  }

  /** `error: <message>` for a command that cannot go on (thrown, CheckErr prints it). */
  fail(message: string): never {
    throw new KubectlError(message);
  }
}
