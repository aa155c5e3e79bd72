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
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  long: 'Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
  examples: '  # Show merged kubeconfig settings\n  kubectl config view\n\n  # Show only the settings of the current context, with certificates\n  kubectl config view --minify --raw',
  use: 'config view [flags] [options]',
  flags: [
    { name: 'minify', type: 'bool', usage: 'Remove all information not used by current-context from the output' },
    { name: 'raw', type: 'bool', usage: 'Display raw byte data and sensitive data' },
    { name: 'flatten', type: 'bool', usage: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' },
    { name: 'output', short: 'o', type: 'string', default: "'yaml'", usage: 'Output format. One of: (json, yaml).' },
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
  short: 'Display the current-context',
  long: 'Display the current-context.',
  examples: '  # Display the current-context\n  kubectl config current-context',
  use: 'config current-context [flags] [options]',
  *run(k) {
    const name = (yield* k.config()).doc['current-context'];
    if (!name) throw new KubectlError('current-context is not set');
    yield* k.out(`${name}\n`);
    return 0;
  },
};

export const config: KubectlCommand = {
  name: 'config',
  short: 'Modify kubeconfig files',
  long: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.`,
  use: 'config SUBCOMMAND [options]',
  subcommands: [currentContext, view],
};
