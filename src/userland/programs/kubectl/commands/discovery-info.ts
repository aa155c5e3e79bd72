/** `kubectl api-versions` and `kubectl api-resources`: what discovery says the server serves. */
import { groupVersionOf, KubectlError, type ApiResource, type KubectlCommand } from '../framework';
import { TableWriter } from '../printers/table';

export const apiVersions: KubectlCommand = {
  name: 'api-versions',
  short: 'List the API versions the server offers, as group/version',
  long: 'List every API group and version the server serves, such as apps/v1; the core group appears as v1. A manifest\'s apiVersion must be one of them.',
  examples: `# Which versions can apiVersion: be?
kubectl api-versions`,
  use: 'api-versions [flags] [options]',
  *run(k) {
    const discovery = yield* k.discovery();
    yield* k.out([...discovery.doc.groupVersions].sort().map((gv) => `${gv}\n`).join(''));
    return 0;
  },
};

/** kubectl's order: by group (the core group first), then by name. */
const byGroupThenName = (a: ApiResource, b: ApiResource): number => (a.group === b.group ? (a.name < b.name ? -1 : 1) : a.group < b.group ? -1 : 1);

export const apiResources: KubectlCommand = {
  name: 'api-resources',
  short: 'List the resource types the server offers',
  long: 'List the resource types you can use with get, describe, explain and the rest: their names, short names, API version, whether they live in a namespace, and their kind.',
  examples: `# Every type, with short names such as po and svc
kubectl api-resources

# The types of the apps group, with their verbs
kubectl api-resources --api-group=apps -o wide

# The types that are not in any namespace
kubectl api-resources --namespaced=false`,
  use: 'api-resources [flags] [options]',
  flags: [
    { name: 'output', short: 'o', type: 'string', usage: 'wide adds the verbs and categories; name prints only the names.' },
    { name: 'namespaced', type: 'bool', default: 'true', usage: 'true lists only types that live in a namespace, false only cluster-wide ones.' },
    { name: 'no-headers', type: 'bool', usage: 'If true, leave out the header line.' },
    { name: 'api-group', type: 'string', usage: 'Only the types of this API group (apps, batch, ...; "" for the core group).' },
  ],
  *run(k) {
    const output = k.flags.string('output');
    if (!['', 'wide', 'name'].includes(output)) throw new KubectlError(`--output ${output} is not available`);
    let resources = [...(yield* k.discovery()).doc.resources].sort(byGroupThenName);
    if (k.flags.changed('namespaced')) resources = resources.filter((r) => r.namespaced === k.flags.bool('namespaced'));
    if (k.flags.changed('api-group')) resources = resources.filter((r) => r.group === k.flags.string('api-group'));
    if (output === 'name') {
      yield* k.out(resources.map((r) => `${r.group ? `${r.name}.${r.group}` : r.name}\n`).join(''));
      return 0;
    }
    const wide = output === 'wide';
    const rows = resources.map((r) => [r.name, r.shortNames.join(','), groupVersionOf(r), String(r.namespaced), r.kind, ...(wide ? [r.verbs.join(','), r.categories.join(',')] : [])]);
    const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
    yield* k.out(new TableWriter().format(k.flags.bool('no-headers') ? rows : [header, ...rows]));
    return 0;
  },
};
