/** `kubectl api-versions` and `kubectl api-resources`: what discovery says the server serves. */
import { groupVersionOf, KubectlError, type ApiResource, type KubectlCommand } from '../framework';
import { TableWriter } from '../printers/table';

export const apiVersions: KubectlCommand = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  examples: '  # Print the supported API versions\n  kubectl api-versions',
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
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  examples: `  # Print the supported API resources
  kubectl api-resources

  # Print the supported API resources with more information
  kubectl api-resources -o wide

  # Print the supported namespaced resources
  kubectl api-resources --namespaced=true

  # Print the supported non-namespaced resources
  kubectl api-resources --namespaced=false`,
  use: 'api-resources [flags] [options]',
  flags: [
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
    { name: 'namespaced', type: 'bool', default: 'true', usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
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
