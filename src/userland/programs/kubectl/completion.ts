/**
 * Tab completion of kubectl command lines, as kubectl's own bash completion offers it: the
 * command and subcommand words, resource types as `kubectl api-resources -o name` lists them
 * (`pods`, `deployments.apps`), object names (`get deploy <Tab>`, `get deploy/<Tab>`, pods for
 * `logs`/`exec`, nodes for `cordon`/`drain`) and namespaces after `-n`; file names after `-f`.
 * It asks the apiserver synchronously through the KUBE_API gateway, as a completion has to
 * answer before the next key, in the namespace `-n` or the kubeconfig names.
 */
import { KUBE_API, type ApiGateway } from '../../../engine/api/gateway';
import type { KubeObject } from '../../../engine/api/types';
import type { Proc } from '../../../engine/runtime/process';
import type { CompletionRequest } from '../../shell/completion';
import { COMMANDS } from './commands';
import { collectionPath, GLOBAL_FLAGS, type ApiResource, type KubectlCommand } from './framework';
import { Discovery } from './framework/discovery';
import { takesNextArg } from './framework/flags';
import { loadKubeconfig } from './framework/kubeconfig';

/** Commands whose first argument is a pod, or a node, rather than a resource type. */
const POD_COMMANDS = new Set(['logs', 'exec', 'attach', 'port-forward']);
const NODE_COMMANDS = new Set(['cordon', 'uncordon', 'drain']);
/** Commands that take no resource arguments at all. */
const NO_RESOURCES = new Set(['run', 'create', 'apply', 'replace', 'api-resources', 'api-versions', 'cluster-info', 'version', 'config', 'events', 'completion', 'plugin', 'kustomize', 'diff', 'proxy', 'auth', 'certificate', 'cp', 'debug', 'top']);

type Gateway = Pick<ApiGateway, 'request'>;

function get<T>(api: Gateway, path: string): T | undefined {
  const response = api.request({ method: 'GET', path, userAgent: 'kubectl/completion' });
  return response.status < 400 ? (response.body as T) : undefined;
}

/** What the server serves (kubectl's discovery, done at once). */
function discovery(api: Gateway): Discovery {
  const core = get<{ versions: string[] }>(api, '/api')?.versions ?? [];
  const groups = get<{ groups: { preferredVersion: { groupVersion: string } }[] }>(api, '/apis')?.groups ?? [];
  const resources: ApiResource[] = [];
  const groupVersions = [...core, ...groups.map((g) => g.preferredVersion.groupVersion)];
  for (const gv of groupVersions) {
    const [group, version] = gv.includes('/') ? (gv.split('/') as [string, string]) : ['', gv];
    const list = get<{ resources: (Omit<ApiResource, 'group' | 'version'> & { shortNames?: string[]; categories?: string[] })[] }>(api, gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`);
    for (const r of list?.resources ?? []) {
      if (r.name.includes('/')) continue;
      resources.push({ ...r, group, version, shortNames: r.shortNames ?? [], categories: r.categories ?? [], verbs: r.verbs ?? [] });
    }
  }
  return new Discovery({ groupVersions, resources });
}

/** Names of the objects of `resource` (in `namespace`, or everywhere when undefined). */
function objectNames(api: Gateway, resource: ApiResource | undefined, namespace: string | undefined): string[] {
  if (!resource) return [];
  const list = get<{ items?: KubeObject[] }>(api, collectionPath(resource, namespace));
  return (list?.items ?? []).map((o) => o.metadata?.name ?? '');
}

/** `-n X`, `--namespace=X`; undefined for `-A`; else the kubeconfig's namespace. */
function namespaceOf(proc: Proc, words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-A' || w === '--all-namespaces') return undefined;
    if ((w === '-n' || w === '--namespace') && i + 1 < words.length) return words[i + 1];
    if (w.startsWith('--namespace=')) return w.slice('--namespace='.length);
    if (/^-n./.test(w)) return w.slice(2);
  }
  try {
    return loadKubeconfig(proc, {}).namespace;
  } catch {
    return 'default';
  }
}

const resourceListName = (r: ApiResource): string => (r.group ? `${r.name}.${r.group}` : r.name);

/** The candidates for a kubectl command line (see the module comment). */
export function completeKubectl({ words, word, shell }: CompletionRequest): readonly string[] | undefined {
  const last = words.at(-1);
  if (last === '-f' || last === '--filename' || last === '-k') return undefined;
  // The command chain, then the positional arguments after it.
  let commands: readonly KubectlCommand[] = COMMANDS;
  let command: KubectlCommand | undefined;
  let root: KubectlCommand | undefined;
  const args: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      if (takesNextArg(w, [...GLOBAL_FLAGS, ...(command?.flags ?? [])])) i++;
      continue;
    }
    const sub = args.length === 0 ? commands.find((c) => c.name === w || c.aliases?.includes(w)) : undefined;
    if (sub) {
      root ??= sub;
      command = sub;
      commands = sub.subcommands ?? [];
    } else args.push(w);
  }
  const starting = (names: readonly string[]): string[] => names.filter((n) => n.startsWith(word));
  if (word.startsWith('-')) return starting(flagWords(command, words));
  if (args.length === 0 && commands.length > 0) return starting(commands.map((c) => c.name));
  const api = shell.proc.facility(KUBE_API);
  if (!api) return [];
  const namespace = namespaceOf(shell.proc, words);
  if (last === '-n' || last === '--namespace') return starting(objectNames(api, discovery(api).resolve('namespaces'), undefined));
  if (!command || !root || NO_RESOURCES.has(root.name)) return [];
  const types = discovery(api);
  if (POD_COMMANDS.has(command.name)) return args.length === 0 ? starting(objectNames(api, types.resolve('pods'), namespace)) : [];
  if (NODE_COMMANDS.has(command.name)) return starting(objectNames(api, types.resolve('nodes'), undefined));
  if (word.includes('/')) {
    const type = word.slice(0, word.indexOf('/'));
    return starting(objectNames(api, types.resolve(type), namespace).map((n) => `${type}/${n}`));
  }
  if (args.length === 0) return starting(types.doc.resources.filter((r) => r.verbs.includes('get')).map(resourceListName));
  return starting(objectNames(api, types.resolve(args[0]!), namespace));
}

/**
 * The flags cobra offers for a word starting with `-`: the command's own, then the global ones,
 * `--name` for each and `-x` for those with a shorthand; hidden flags never, and a flag already
 * on the line only when it can be repeated.
 */
function flagWords(command: KubectlCommand | undefined, words: readonly string[]): string[] {
  const given = new Set(words.map((w) => w.replace(/=.*$/s, '')));
  const out: string[] = [];
  for (const flag of [...(command?.flags ?? []), ...GLOBAL_FLAGS]) {
    if (flag.hidden) continue;
    const repeatable = flag.type === 'stringSlice' || flag.type === 'stringArray';
    if (!repeatable && (given.has(`--${flag.name}`) || (flag.short !== undefined && given.has(`-${flag.short}`)))) continue;
    out.push(`--${flag.name}`);
    if (flag.short) out.push(`-${flag.short}`);
  }
  return out;
}
