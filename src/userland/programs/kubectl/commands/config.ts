/** `kubectl config view` and `kubectl config current-context`: the kubeconfig kubectl would use. */
import { KubectlError, type KubectlCommand } from '../framework';
import type { KubeconfigDoc, NamedEntry } from '../framework/kubeconfig';
import { printObject } from '../printers/objects';

/** Certificates and keys print as DATA+OMITTED, secrets as REDACTED, unless `--raw`. */
function redact(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  if (typeof value !== 'string' || value === '') return value;
  if (key.endsWith('-data')) return 'DATA+OMITTED';
  if (key === 'token' || key === 'password') return 'REDACTED';
  return value;
}

/** Only what the current context needs (`--minify`). */
function minify(doc: KubeconfigDoc, contextName: string): KubeconfigDoc {
  const context = (doc.contexts ?? []).find((c) => c.name === contextName);
  if (!context) throw new KubectlError(`current-context must exist in order to minify`);
  const inner = context.context as { cluster?: string; user?: string } | undefined;
  const only = (list: NamedEntry[] | null | undefined, name: string | undefined) => (list ?? []).filter((e) => e.name === name);
  return { ...doc, clusters: only(doc.clusters, inner?.cluster), contexts: [context], users: only(doc.users, inner?.user), 'current-context': contextName };
}

const view: KubectlCommand = {
  name: 'view',
  short: 'Show the kubeconfig kubectl uses',
  long: 'Show the kubeconfig settings: clusters, users, contexts and the current context. Secrets are hidden unless you ask for --raw.',
  examples: `# The whole configuration
kubectl config view

# Only what the current context uses, secrets included
kubectl config view --minify --raw`,
  use: 'view [flags] [options]',
  flags: [
    { name: 'minify', type: 'bool', usage: 'If true, show only what the current context uses.' },
    { name: 'raw', type: 'bool', usage: 'If true, show certificates and keys instead of DATA+OMITTED and REDACTED.' },
    { name: 'flatten', type: 'bool', usage: 'If true, put the contents of referenced files (certificates) into the output, so it stands alone.' },
    { name: 'output', short: 'o', type: 'string', default: "'yaml'", usage: 'Print the configuration as yaml (default) or json.' },
  ],
  *run(k) {
    const config = yield* k.config();
    let doc = config.doc;
    if (k.flags.bool('minify')) doc = minify(doc, config.contextName);
    const output = k.flags.string('output');
    if (output !== 'yaml' && output !== 'json') throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
    yield* k.out(printObject(output, k.flags.bool('raw') ? doc : redact(doc)));
    return 0;
  },
};

const currentContext: KubectlCommand = {
  name: 'current-context',
  short: 'Print the name of the current context',
  long: 'Print the context kubectl uses when no --context is given: which cluster, which user, which namespace.',
  examples: `# Which context is in use?
kubectl config current-context`,
  use: 'current-context [flags] [options]',
  *run(k) {
    const name = (yield* k.config()).doc['current-context'];
    if (!name) throw new KubectlError('current-context is not set');
    yield* k.out(`${name}\n`);
    return 0;
  },
};

export const config: KubectlCommand = {
  name: 'config',
  short: 'Show and change kubeconfig files',
  long: `Work with kubeconfig files, where kubectl keeps the clusters it knows, the users it logs in as, and contexts that pair them.

 Which file kubectl reads:

  1.  the file given with --kubeconfig, if any;
  2.  else the files listed in $KUBECONFIG, merged;
  3.  else \${HOME}/.kube/config.`,
  use: 'config SUBCOMMAND [options]',
  subcommands: [currentContext, view],
};
