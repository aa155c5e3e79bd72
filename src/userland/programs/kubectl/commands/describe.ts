/**
 * `kubectl describe`: finds the objects the arguments name (`TYPE`, `TYPE NAME…`, `TYPE/NAME…`,
 * `-l`, `-A`), then prints each one's description, two blank lines apart. A name that does not
 * exist is tried as a prefix (`kubectl describe pod myapp` describes every pod whose name starts
 * with `myapp`), as kubectl does before it reports NotFound.
 */
import type { KubeObject } from '../../../../engine/api/types';
import { ApiStatusError, collectionPath, errorText, KubectlError, objectPath, type ApiResource, type Kubectl, type KubectlCommand } from '../framework';
import { describerFor, type DescribeContext } from '../describe';

interface Target {
  resource: ApiResource;
  namespace: string;
  name: string;
}

/** Each object to describe, or the error that stood for it. */
type Found = Target | { error: unknown };

export const describe: KubectlCommand = {
  name: 'describe',
  short: 'Show an object in detail, with its events',
  long: `Show a readable report of objects: their settings, their state, related objects (such as the replica set a pod belongs to) and the latest events about them.

 Give a name, a name prefix (every object whose name starts with it), or a label selector; with only a type, every object of that type is described.

Use "kubectl api-resources" to see the types there are.`,
  examples: `# Why is pod-demo not running? The events at the end often tell
kubectl describe pod pod-demo

# A node: its labels, taints, capacity and pods
kubectl describe node worker01

# Every pod whose name starts with myapp
kubectl describe pods myapp

# The pods labelled release=canary
kubectl describe po -l release=canary`,
  use: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If true, look in every namespace; a NAMESPACE column shows where each object is.' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Only the objects whose labels match this selector: key=value, key!=value, key in (a,b), key notin (a,b), key or !key, joined by commas.' },
    { name: 'show-events', type: 'bool', default: 'true', usage: 'If true, end with the events about the object.' },
    { name: 'chunk-size', type: 'int', default: '500', usage: 'Ask the server for long lists this many objects at a time (0: all at once).' },
  ],
  *run(k, args) {
    if (args.length === 0) {
      throw new KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    }
    const ctx: DescribeContext = { client: yield* k.client(), now: k.proc.wallClock(), showEvents: k.flags.bool('show-events') };
    const found = yield* targetsOf(k, args);
    const errors: unknown[] = [];
    let printed = 0;
    // Two lone names that are not found: kubectl tries the second as a name prefix.
    const single = found.length === 1 && args.length === 2 && !args[0]!.includes('/') ? found[0]! : undefined;
    if (single && 'error' in single && single.error instanceof ApiStatusError && single.error.code === 404) {
      const resource = yield* k.resolve(args[0]!);
      const namespace = yield* k.namespace();
      const all = yield* listNames(k, resource, resource.namespaced ? namespace : undefined, '');
      const matching = all.filter((t) => t.name.startsWith(args[1]!));
      if (matching.length === 0) throw single.error;
      for (const t of matching) yield* k.out(`${yield* describerFor(t.resource)(ctx, t.namespace, t.name)}\n`);
      return 0;
    }
    const seen = new Set<string>();
    for (const f of found) {
      if ('error' in f) {
        errors.push(f.error);
        continue;
      }
      try {
        const text = yield* describerFor(f.resource)(ctx, f.namespace, f.name);
        yield* k.out(printed++ === 0 ? text : `\n\n${text}`);
      } catch (e) {
        if (!(e instanceof ApiStatusError) || seen.has(e.message)) continue;
        seen.add(e.message);
        errors.push(e);
      }
    }
    if (found.length === 0) {
      const allNamespaces = k.flags.bool('all-namespaces');
      yield* k.err(allNamespaces ? 'No resources found\n' : `No resources found in ${yield* k.namespace()} namespace.\n`);
    }
    if (errors.length === 1) throw errors[0];
    for (const e of errors) yield* k.err(errorText(e, k.path));
    return errors.length > 0 ? 1 : 0;
  },
};

/** The objects named on the command line, in order: each name looked up, each type listed. */
function* targetsOf(k: Kubectl, args: readonly string[]) {
  const allNamespaces = k.flags.bool('all-namespaces');
  const namespace = yield* k.namespace();
  const nsOf = (r: ApiResource): string | undefined => (r.namespaced ? (allNamespaces ? undefined : namespace) : undefined);
  const selector = k.flags.string('selector');
  const found: Found[] = [];
  const lookUp = function* (resource: ApiResource, name: string) {
    try {
      const obj = yield* (yield* k.client()).call<KubeObject>({ method: 'GET', path: objectPath(resource, nsOf(resource) ?? (resource.namespaced ? namespace : undefined), name) });
      found.push({ resource, namespace: obj.metadata?.namespace ?? '', name });
    } catch (e) {
      if (!(e instanceof ApiStatusError)) throw e;
      found.push({ error: e });
    }
  };
  if (args.some((a) => a.includes('/'))) {
    for (const arg of args) {
      const slash = arg.indexOf('/');
      if (slash < 0) {
        throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      }
      yield* lookUp(yield* k.resolve(arg.slice(0, slash)), arg.slice(slash + 1));
    }
    return found;
  }
  const discovery = yield* k.discovery();
  for (const word of args[0]!.split(',').filter(Boolean)) {
    const kinds = word === 'all' ? discovery.category('all') : [yield* k.resolve(word)];
    for (const resource of kinds) {
      if (args.length === 1) found.push(...(yield* listNames(k, resource, nsOf(resource), selector)));
      for (const name of args.slice(1)) yield* lookUp(resource, name);
    }
  }
  return found;
}

/** Every object of a kind (in a namespace, or all), by a label selector when given. */
function* listNames(k: Kubectl, resource: ApiResource, namespace: string | undefined, selector: string) {
  const query: Record<string, string> = {};
  if (selector) query.labelSelector = selector;
  const list = yield* (yield* k.client()).list<{ items: KubeObject[] }>({ method: 'GET', path: collectionPath(resource, namespace), query }, k.flags.int('chunk-size'));
  return list.items.map((o): Target => ({ resource, namespace: o.metadata?.namespace ?? '', name: o.metadata?.name ?? '' }));
}
