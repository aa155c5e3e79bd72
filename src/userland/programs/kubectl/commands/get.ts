/**
 * `kubectl get`: asks the server for Tables (`Accept: …;as=Table`) and prints them as kubectl
 * does — or the objects themselves with `-o json|yaml|name`. Several kinds (`pods,svc`, `all`,
 * `pod/a svc/b`) get kind-prefixed names and a blank line between tables; `-w` prints what
 * exists, then each change until Ctrl-C (get-watch.ts).
 */
import type { KubeObject } from '../../../../engine/api/types';
import type { Table } from '../../../../engine/api/tables/types';
import type { Sys } from '../../../../engine/runtime/process';
import { isFsError } from '../../../../engine/runtime/fs';
import {
  ApiStatusError,
  collectionPath,
  errorText,
  kindPrefix,
  klogLine,
  KubectlError,
  objectPath,
  TABLE_ACCEPT,
  UsageError,
  type ApiResource,
  type Kubectl,
  type KubectlCommand,
} from '../framework';
import { customColumns, parseColumnsFile, parseColumnsSpec } from '../printers/custom-columns';
import { jsonPathPrinter } from '../printers/jsonpath';
import { listOf, printObject } from '../printers/objects';
import { relaxedJsonPath, sortObjects, sortTableRows, UnsortableError } from '../printers/sort';
import { tableCells, TableWriter, type TableOptions } from '../printers/table';
import { watchObjects, watchTable, withEventColumn, withKind, type ObjectOutput, type WatchTarget } from './get-watch';

interface Request {
  resource: ApiResource;
  /** Named objects; empty for the whole collection. */
  names: string[];
}

/** `pods nginx web`, `pods,svc`, `pod/nginx svc/web`, `all`. */
function* requestsOf(k: Kubectl, args: readonly string[]) {
  const requests: Request[] = [];
  const add = (resource: ApiResource, name?: string): void => {
    const existing = requests.find((r) => r.resource === resource);
    if (existing && name !== undefined) existing.names.push(name);
    else if (!existing) requests.push({ resource, names: name === undefined ? [] : [name] });
  };
  if (args[0]!.includes('/')) {
    for (const arg of args) {
      const slash = arg.indexOf('/');
      if (slash < 0) throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      add(yield* k.resolve(arg.slice(0, slash)), arg.slice(slash + 1));
    }
    return requests;
  }
  const discovery = yield* k.discovery();
  for (const word of args[0]!.split(',').filter(Boolean)) {
    const kinds = word === 'all' ? discovery.category('all') : [yield* k.resolve(word)];
    for (const resource of kinds) {
      add(resource);
      for (const name of args.slice(1)) add(resource, name);
    }
  }
  return requests;
}

const OUTPUTS = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml'];
const TEMPLATE_OUTPUTS = ['go-template', 'go-template-file', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'template', 'templatefile'];

/** A file `-o jsonpath-file=F` or `custom-columns-file=F` names, with Go's open error. */
function readTemplate(k: Kubectl, path: string, what: string): string {
  try {
    return k.proc.fs.readFile(path);
  } catch (e) {
    if (!isFsError(e)) throw e;
    throw new KubectlError(`error reading ${what} ${path}, open ${path}: ${e.text.toLowerCase()}`);
  }
}

/** `-o jsonpath={…}`, `-o jsonpath --template={…}`, `-o custom-columns=…`: the printer, or undefined for tables. */
function objectOutput(k: Kubectl): ObjectOutput | undefined {
  const output = k.flags.string('output');
  const eq = output.indexOf('=');
  const format = eq < 0 ? output : output.slice(0, eq);
  const value = eq < 0 ? k.flags.string('template') : output.slice(eq + 1);
  if (format !== '' && !OUTPUTS.includes(format)) {
    throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUTS.join(',')}`);
  }
  if (TEMPLATE_OUTPUTS.includes(format) && value === '') throw new KubectlError('template format specified but no template given');
  const allowMissingKeys = k.flags.bool('allow-missing-template-keys');
  switch (format) {
    case '':
    case 'wide':
      return undefined;
    case 'json':
    case 'yaml':
    case 'name':
      return { format };
    case 'jsonpath':
    case 'jsonpath-as-json':
      return { format: 'jsonpath', print: jsonPathPrinter(value, { allowMissingKeys, asJson: format === 'jsonpath-as-json' }) };
    case 'jsonpath-file':
      return { format: 'jsonpath', print: jsonPathPrinter(readTemplate(k, value, '--template'), { allowMissingKeys, asJson: false }) };
    case 'custom-columns':
      return { format: 'custom-columns', columns: parseColumnsSpec(value) };
    case 'custom-columns-file':
      return { format: 'custom-columns', columns: parseColumnsFile(readTemplate(k, value, 'template')) };
    default:
      throw new KubectlError(`kubectl get -o ${format} is not simulated in kubeplay yet`);
  }
}

export const get: KubectlCommand = {
  name: 'get',
  short: 'List objects, or show chosen ones',
  long: `List objects of a type as a table of their most useful fields, or show chosen objects in full with -o yaml or -o json.

 Without -A you see the current namespace only. Narrow the list with a label selector (-l) or a field selector; -w keeps watching for changes.

Use "kubectl api-resources" to see the types there are.`,
  examples: `# The pods in the current namespace
kubectl get pods

# With their IP and node
kubectl get pods -o wide

# One pod as YAML
kubectl get pod nginx-deploy -o yaml

# Pods with the label app=myapp, showing all labels
kubectl get pods -l app=myapp --show-labels

# Deployments and services together
kubectl get deploy,svc

# Watch pods change until Ctrl-C
kubectl get pods -w

# Only the names of the pod's containers
kubectl get pod pod-demo -o jsonpath='{.spec.containers[*].name}'`,
  use: 'get [(-o|--output=)json|yaml|name|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If true, look in every namespace; a NAMESPACE column shows where each object is.' },
    { name: 'output', short: 'o', type: 'string', usage: 'How to print the objects: wide (more columns), json, yaml, name, jsonpath=TEMPLATE, jsonpath-as-json=TEMPLATE, jsonpath-file=FILE, custom-columns=HEADER:PATH,... or custom-columns-file=FILE.' },
    { name: 'template', type: 'string', usage: 'The template for -o jsonpath when it is not given after the = sign.' },
    { name: 'allow-missing-template-keys', type: 'bool', default: 'true', usage: 'If true, a template path that finds nothing prints nothing instead of failing (jsonpath output).' },
    { name: 'sort-by', type: 'string', usage: 'Order the list by this field, a JSONPath such as .metadata.name or {.status.startTime}; it must hold a number or a string.' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Only the objects whose labels match this selector: key=value, key!=value, key in (a,b), key notin (a,b), key or !key, joined by commas.' },
    { name: 'field-selector', type: 'string', usage: 'Only the objects whose fields match, e.g. status.phase=Running or metadata.name=nginx (=, == and != only; each type supports a few fields).' },
    { name: 'show-labels', type: 'bool', usage: 'If true, add a LABELS column with all of each object\'s labels.' },
    { name: 'label-columns', short: 'L', type: 'stringSlice', default: '[]', usage: 'Show these labels as extra columns, e.g. -L app,release (or repeat -L).' },
    { name: 'no-headers', type: 'bool', usage: 'If true, leave out the header line of tables and custom columns.' },
    { name: 'watch', short: 'w', type: 'bool', usage: 'After printing, keep watching and print each change until Ctrl-C.' },
    { name: 'watch-only', type: 'bool', usage: 'Print nothing at first; only the changes, until Ctrl-C.' },
    { name: 'output-watch-events', type: 'bool', usage: 'With --watch, say what happened to each object: ADDED, MODIFIED or DELETED (what exists at first counts as ADDED).' },
    { name: 'chunk-size', type: 'int', default: '500', usage: 'Ask the server for long lists this many objects at a time (0: all at once).' },
  ],
  *run(k, args) {
    const output = k.flags.string('output');
    const objectPrinter = objectOutput(k);
    if (args.length === 0) {
      yield* k.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
      throw new UsageError('Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).');
    }
    const allNamespaces = k.flags.bool('all-namespaces');
    const namespace = yield* k.namespace();
    const requests = yield* requestsOf(k, args);
    const client = yield* k.client();
    const query: Record<string, string> = {};
    if (k.flags.string('selector')) query.labelSelector = k.flags.string('selector');
    if (k.flags.string('field-selector')) query.fieldSelector = k.flags.string('field-selector');
    const several = requests.length > 1;
    const errors: unknown[] = [];
    const nsOf = (r: ApiResource): string | undefined => (r.namespaced && !allNamespaces ? namespace : undefined);
    const watching = k.flags.bool('watch') || k.flags.bool('watch-only');
    const sortBy = watching ? '' : k.flags.string('sort-by');
    if (k.flags.string('sort-by') && watching) yield* k.err('warning: --watch or --watch-only requested, --sort-by will be ignored\n');
    if (watching && requests.length > 1) throw new KubectlError('you may only specify a single resource type');
    const watchTarget = (): WatchTarget => {
      const { resource, names } = requests[0]!;
      if (names.length > 1) throw new KubectlError('you may only watch a single resource or type of resource at a time');
      return { resource, namespace: nsOf(resource), query, ...(names.length === 1 ? { name: names[0]! } : {}) };
    };
    // kubectl sorts whole lists: it asks for them in one piece, tables with the objects behind the rows.
    const chunkSize = sortBy ? 0 : k.flags.int('chunk-size');

    if (objectPrinter && watching && requests[0]!.names.length <= 1) return yield* watchObjects(k, watchTarget(), objectPrinter);
    if (objectPrinter) {
      const objects: KubeObject[] = [];
      for (const { resource, names } of requests) {
        if (names.length === 0) {
          const list = yield* client.list<{ items: KubeObject[] }>({ method: 'GET', path: collectionPath(resource, nsOf(resource)), query }, chunkSize);
          objects.push(...list.items.map((o) => withKind(o, resource)));
        }
        for (const name of names) {
          try {
            objects.push(withKind(yield* client.call<KubeObject>({ method: 'GET', path: objectPath(resource, nsOf(resource), name) }), resource));
          } catch (e) {
            if (!(e instanceof ApiStatusError)) throw e;
            errors.push(e);
          }
        }
      }
      const sorted = sortBy ? yield* sortOrFail(k, () => sortObjects(objects, sortBy)) : objects;
      if (!sorted) return 1;
      const single = objects.length === 1 && requests.length === 1 && requests[0]!.names.length === 1;
      if (objectPrinter.format === 'name') {
        yield* k.out(sorted.map((o) => `${kindPrefixOf(o, requests)}/${o.metadata?.name}\n`).join(''));
      } else if (objectPrinter.format === 'custom-columns') {
        const { rows, error } = customColumns(objectPrinter.columns, sorted, k.flags.bool('no-headers'));
        yield* k.out(new TableWriter().format(rows));
        if (error) throw error;
      } else if (objects.length > 0 || errors.length === 0) {
        const data = single ? sorted[0] : listOf(sorted);
        yield* k.out(objectPrinter.format === 'jsonpath' ? objectPrinter.print(data) : printObject(objectPrinter.format, data));
      }
      if (watching) watchTarget();
      return yield* finish(k, errors, false, '');
    }

    const writer = new TableWriter();
    let printed = false;
    const tables: { table: Table; options: TableOptions; resource: ApiResource; rv: string }[] = [];
    for (const { resource, names } of requests) {
      const options: TableOptions = {
        wide: output === 'wide',
        noHeaders: k.flags.bool('no-headers'),
        withNamespace: allNamespaces && resource.namespaced,
        namePrefix: several ? `${kindPrefix(resource)}/` : '',
        labelColumns: k.flags.list('label-columns'),
        showLabels: k.flags.bool('show-labels'),
      };
      const table = emptyTable();
      let rv = '';
      if (names.length === 0) {
        const tableQuery = sortBy ? { includeObject: 'Object', ...query } : query;
        const list = yield* client.list<Table>({ method: 'GET', path: collectionPath(resource, nsOf(resource)), query: tableQuery, headers: { accept: TABLE_ACCEPT } }, chunkSize);
        Object.assign(table, { columnDefinitions: list.columnDefinitions, rows: list.rows });
        rv = list.metadata.resourceVersion ?? '';
      }
      for (const name of names) {
        try {
          const one = yield* client.call<Table>({ method: 'GET', path: objectPath(resource, nsOf(resource), name), headers: { accept: TABLE_ACCEPT } });
          table.columnDefinitions = one.columnDefinitions;
          table.rows.push(...one.rows);
        } catch (e) {
          if (!(e instanceof ApiStatusError)) throw e;
          errors.push(e);
        }
      }
      if (sortBy) {
        if (several) throw new KubectlError(`couldn't find any field with path ${JSON.stringify(relaxedJsonPath(sortBy))} in the list of objects`);
        // A path kubectl cannot use on these rows leaves the table empty: nothing is printed.
        const rows = yield* sortOrFail(k, () => sortTableRows(table.rows, sortBy) ?? []);
        if (!rows) return 1;
        table.rows = rows;
      }
      tables.push({ table, options, resource, rv });
      if (k.flags.bool('watch-only') || table.rows.length === 0) continue;
      // Each kind's table has its own widths and header; a blank line separates them.
      if (printed) yield* k.out('\n');
      const cells = tableCells(table, options);
      const shown = watching && k.flags.bool('output-watch-events') ? withEventColumn(cells, 'ADDED', options, !options.noHeaders) : cells;
      yield* k.out((several ? new TableWriter() : writer).format(shown));
      printed = true;
    }
    if (watching) return yield* watchTable(k, watchTarget(), tables[0]!, writer, printed);
    const where = requests.every((r) => r.resource.namespaced) && !allNamespaces ? ` in ${namespace} namespace` : '';
    return yield* finish(k, errors, !printed, where);
  },
};

/** Sorted objects or rows; an unsortable value (a map, a list) ends kubectl with a klog fatal line. */
function* sortOrFail<T>(k: Kubectl, sort: () => T[]): Sys<T[] | undefined> {
  try {
    return sort();
  } catch (e) {
    if (!(e instanceof UnsortableError)) throw e;
    yield* k.err(klogLine(k.proc, 'F', e.container === '[][][]reflect.Value' ? 'sorter.go:377' : 'sorter.go:331', e.message));
    return undefined;
  }
}

/** Errors after the output, and `No resources found` when nothing at all was printed. */
function* finish(k: Kubectl, errors: readonly unknown[], nothing: boolean, where: string) {
  if (nothing && errors.length === 0) yield* k.err(`No resources found${where}.\n`);
  for (const e of errors) yield* k.err(errorText(e, k.path));
  return errors.length > 0 ? 1 : 0;
}

const emptyTable = (): Table => ({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, columnDefinitions: [], rows: [] });

function kindPrefixOf(obj: KubeObject, requests: readonly Request[]): string {
  const resource = requests.find((r) => r.resource.kind === obj.kind)?.resource;
  return resource ? kindPrefix(resource) : (obj.kind ?? '').toLowerCase();
}
