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
  /** Comment and command lines, unindented (help indents them): `# List the pods\nkubectl get pods`. */
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
  { name: 'kubeconfig', type: 'string', default: "''", usage: 'The kubeconfig file to read, instead of $KUBECONFIG or ~/.kube/config.' },
  { name: 'context', type: 'string', default: "''", usage: 'Use this context of the kubeconfig instead of the current one.' },
  { name: 'cluster', type: 'string', default: "''", usage: 'Use this cluster of the kubeconfig instead of the context\'s.' },
  { name: 'user', type: 'string', default: "''", usage: 'Use this user of the kubeconfig instead of the context\'s.' },
  { name: 'namespace', short: 'n', type: 'string', default: "''", usage: 'Work in this namespace instead of the context\'s (default when it names none).' },
  { name: 'server', short: 's', type: 'string', default: "''", usage: 'The API server\'s address (https://HOST:PORT), instead of the cluster\'s.' },
  { name: 'request-timeout', type: 'string', default: "'0'", usage: 'Give up on a request to the server after this long (e.g. 10s); 0 waits as long as it takes.' },
  { name: 'v', short: 'v', type: 'int', default: '0', usage: 'How much kubectl logs to stderr: 6 shows each request, 8 and 9 their bodies.' },
  { name: 'token', type: 'string', default: "''", usage: 'Log in with this bearer token.' },
  { name: 'as', type: 'string', default: "''", usage: 'Act as this user (impersonation), if you are allowed to.' },
  { name: 'insecure-skip-tls-verify', type: 'bool', default: 'false', usage: 'If true, do not check the server\'s certificate (unsafe).' },
  { name: 'match-server-version', type: 'bool', default: 'false', usage: 'If true, refuse to work with a server of another version.' },
  { name: 'warnings-as-errors', type: 'bool', default: 'false', usage: 'If true, a warning from the server counts as an error (exit code 1).' },
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
