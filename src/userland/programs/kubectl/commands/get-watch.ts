/**
 * `kubectl get -w` / `--watch-only`: what exists first, then every change the server reports,
 * until Ctrl-C — in any output format, each event printed as it comes:
 *
 * - tables: one row per event, the header once, columns that only ever widen;
 * - `-o name`: a line per event; `-o json`: each object indented, or with `--output-watch-events`
 *   one compact `{"type":…,"object":…}` line; `-o yaml`: documents separated by `---`;
 *   `-o jsonpath`: the template per event, with nothing in between; `-o custom-columns`: rows
 *   under one header.
 *
 * A collection is listed, then watched from the list's resourceVersion. One named object is read,
 * then watched from resourceVersion 0: the server's first event restates it and is skipped.
 * `--output-watch-events` wraps each in its event (`ADDED` for what was listed); tables show it
 * as an EVENT column.
 */
import type { KubeObject } from '../../../../engine/api/types';
import type { Table } from '../../../../engine/api/tables/types';
import type { Sys } from '../../../../engine/runtime/process';
import { collectionPath, kindPrefix, objectPath, TABLE_ACCEPT, type ApiResource, type Kubectl } from '../framework';
import { customColumns, type Column } from '../printers/custom-columns';
import { printObject, sortedKeys } from '../printers/objects';
import { tableCells, TableWriter, type TableOptions } from '../printers/table';

/** How `-o` prints objects other than as server-side tables. */
export type ObjectOutput =
  | { format: 'json' | 'yaml' | 'name' }
  | { format: 'jsonpath'; print: (data: unknown) => string }
  | { format: 'custom-columns'; columns: Column[] };

/** One kind to watch: its whole collection, or one object of it. */
export interface WatchTarget {
  readonly resource: ApiResource;
  readonly name?: string;
  readonly namespace: string | undefined;
  /** Label and field selectors. */
  readonly query: Record<string, string>;
}

interface WatchEventLike {
  type: string;
  object: KubeObject;
}

type Item = KubeObject | WatchEventLike;
/**
 * Prints a batch of objects or events — what exists, then each event — keeping what kubectl's
 * printers keep between calls (the yaml separator, the columns' header and widths).
 */
type EventPrinter = (items: readonly Item[]) => string;

const objectOf = (item: Item): KubeObject => ('type' in item && 'object' in item ? item.object : item);

/** One item at a time, as the printer's PrintObj does. */
function eachItem(print: (item: Item) => string): EventPrinter {
  return (items) => items.map(print).join('');
}

function objectPrinter(output: ObjectOutput, resource: ApiResource, noHeaders: boolean): EventPrinter {
  switch (output.format) {
    case 'name':
      return eachItem((item) => `${kindPrefix(resource)}/${objectOf(item).metadata?.name}\n`);
    case 'json':
      // A watch event is marshalled on one line; an object is indented.
      return eachItem((item) => ('type' in item ? `${JSON.stringify({ type: item.type, object: sortedKeys(item.object) })}\n` : printObject('json', item)));
    case 'yaml': {
      let printed = 0;
      return eachItem((item) => `${printed++ > 0 ? '---\n' : ''}${printObject('yaml', item)}`);
    }
    case 'jsonpath':
      return eachItem(output.print);
    case 'custom-columns': {
      // The header once; a batch is aligned as one block, and columns never narrow afterwards.
      const writer = new TableWriter();
      let headed = noHeaders;
      return (items) => {
        if (items.length === 0) return '';
        const { rows, error } = customColumns(output.columns, items, headed);
        headed = true;
        if (error) throw error;
        return writer.format(rows);
      };
    }
  }
}

/** `get -w -o json|yaml|name|jsonpath|custom-columns`. */
export function* watchObjects(k: Kubectl, target: WatchTarget, output: ObjectOutput): Sys<number> {
  const client = yield* k.client();
  const { resource, name, namespace, query } = target;
  const withEvents = k.flags.bool('output-watch-events');
  const print = objectPrinter(output, resource, k.flags.bool('no-headers'));
  const wrap = (type: string, object: KubeObject): Item => (withEvents ? { type, object: withKind(object, resource) } : withKind(object, resource));

  let existing: KubeObject[];
  let resourceVersion = '0';
  if (name === undefined) {
    const list = yield* client.call<{ items: KubeObject[]; metadata: { resourceVersion?: string } }>({ method: 'GET', path: collectionPath(resource, namespace), query });
    existing = list.items;
    resourceVersion = list.metadata.resourceVersion ?? '';
  } else {
    existing = [yield* client.call<KubeObject>({ method: 'GET', path: objectPath(resource, namespace, name) })];
  }
  if (!k.flags.bool('watch-only')) yield* k.out(print(existing.map((o) => wrap('ADDED', o))));

  let skipNext = name !== undefined;
  const reader = yield* client.watch({ method: 'GET', path: collectionPath(resource, namespace), query: watchQuery(target, resourceVersion) });
  for (let event = yield* reader.next(); event; event = yield* reader.next()) {
    if (event.type === 'ERROR' || event.type === 'BOOKMARK') continue;
    if (!skipNext) yield* k.out(print([wrap(event.type, event.object as unknown as KubeObject)]));
    skipNext = false;
  }
  return 0;
}

/** The rows printed so far: a table's options, columns and where the watch starts. */
export interface WatchedTable {
  readonly table: Table;
  readonly options: TableOptions;
  readonly rv: string;
}

/** kubectl pads the usual event types to one width, so the column does not move as they change. */
const EVENT_CELL: Readonly<Record<string, string>> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' };

/** The EVENT column after NAMESPACE, as kubectl decorates a table printed from watch events. */
export function withEventColumn(cells: string[][], type: string, options: TableOptions, hasHeader: boolean): string[][] {
  const at = options.withNamespace ? 1 : 0;
  const cell = EVENT_CELL[type] ?? type;
  return cells.map((row, i) => [...row.slice(0, at), hasHeader && i === 0 ? 'EVENT' : cell, ...row.slice(at)]);
}

/** `get -w` as tables, after the existing rows were printed by the caller with `writer`. */
export function* watchTable(k: Kubectl, target: WatchTarget, first: WatchedTable, writer: TableWriter, headerPrinted: boolean): Sys<number> {
  const client = yield* k.client();
  const withEvents = k.flags.bool('output-watch-events');
  const reader = yield* client.watch({
    method: 'GET',
    path: collectionPath(target.resource, target.namespace),
    query: watchQuery(target, target.name === undefined ? first.rv : '0'),
    headers: { accept: TABLE_ACCEPT },
  });
  let columns = first.table.columnDefinitions;
  let needHeader = !headerPrinted;
  let skipNext = target.name !== undefined;
  for (let event = yield* reader.next(); event; event = yield* reader.next()) {
    if (event.type === 'ERROR' || event.type === 'BOOKMARK') continue;
    const table = event.object as unknown as Table;
    if (table.columnDefinitions.length > 0) columns = table.columnDefinitions;
    if (skipNext) {
      skipNext = false;
      continue;
    }
    const header = needHeader && !first.options.noHeaders;
    const cells = tableCells({ ...table, columnDefinitions: columns }, first.options, needHeader);
    needHeader = false;
    yield* k.out(writer.format(withEvents ? withEventColumn(cells, event.type, first.options, header) : cells));
  }
  return 0;
}

/** The watch request's query: the selectors, one object by its name, where to start. */
function watchQuery(target: WatchTarget, resourceVersion: string): Record<string, string> {
  const query: Record<string, string> = { ...target.query };
  if (resourceVersion) query.resourceVersion = resourceVersion;
  if (target.name !== undefined) query.fieldSelector = [target.query.fieldSelector, `metadata.name=${target.name}`].filter(Boolean).join(',');
  return query;
}

/** List items come without apiVersion and kind; kubectl prints them with. */
export function withKind(obj: KubeObject, resource: ApiResource): KubeObject {
  return { ...obj, apiVersion: obj.apiVersion ?? (resource.group ? `${resource.group}/${resource.version}` : resource.version), kind: obj.kind ?? resource.kind };
}
