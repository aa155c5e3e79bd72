/**
 * kubectl's framework — what every command file under `commands/` builds on.
 *
 * A command is data (`KubectlCommand`): name, aliases, `short` (one line for lists), `long` and
 * `examples` (help), `use` (the usage line without `kubectl `), `flags` (`FlagSpec[]`: name,
 * short letter, type bool|string|int|stringArray|stringSlice|duration, default as help shows it,
 * usage) and `run(k, args)`, a generator returning the exit code. Register it in
 * `commands/index.ts` (one import, one entry in IMPLEMENTED); it replaces the placeholder of the
 * same name, keeping kubectl's command order for help and suggestions.
 *
 * `k: Kubectl` is the context: `k.flags` (`string/bool/int/list/changed/defines`, command and global
 * flags alike), `k.dashAt` (args before `--`), `k.path` (`kubectl get`), `k.out/err(text)`,
 * `k.warn(where, msg)` (a klog W line), `yield* k.config()` (the kubeconfig), `yield* k.namespace()`,
 * `yield* k.client()` (a RestClient: `request(req)` returns any answer, `call<T>(req)` throws
 * ApiStatusError on a failure status, `watch(req)` gives a WatchReader whose `next()` yields each
 * event), `yield* k.discovery()` and `yield* k.resolve('deploy')` (an ApiResource, or the
 * "server doesn't have a resource type" error); `collectionPath`/`objectPath`/`kindPrefix` build
 * URLs and names from an ApiResource.
 *
 * Errors are thrown, never printed by hand: `KubectlError` (`error: …`), `UsageError` (adds the
 * `See 'kubectl run -h' for help and examples` line), ApiStatusError (`Error from server (NotFound):
 * …`, Invalid objects reformatted), ConnectionError (`The connection to the server … was refused`).
 * The entry point prints them as kubectl's CheckErr does and exits 1. Printers: `printers/`.
 */
export { Kubectl, GLOBAL_FLAGS, type KubectlCommand } from './command';
export { ApiStatusError, ConnectionError, KubectlError, UsageError, errorText } from './errors';
export { FlagError, parseBool, parseFlags, type FlagSpec, type FlagType, type ParsedFlags } from './flags';
export { RestClient, WatchReader, TABLE_ACCEPT, USER_AGENT, KUBECTL_VERSION } from './client';
export { collectionPath, objectPath, kindPrefix, groupVersionOf, type ApiResource, type Discovery } from './discovery';
export { klogLine } from './klog';
export { kubectlMain } from './main';
