/**
 * Server-side Tables: what the apiserver answers when `kubectl get` asks for `as=Table`. One
 * printer per kind, mirroring the real server's printers, chosen by the resource being listed.
 *
 * The server always builds every column (wide included); kubectl drops priority-1 columns unless
 * `-o wide`. Rows reference the stored objects' metadata (or the objects themselves with
 * `includeObject=Object`): serialize or clone before handing them to code that mutates.
 */
import type { Clock } from '../../sim/clock';
import type { ResourceInfo } from '../resources';
import type { KubeObject } from '../types';
import { apiServicePrinters } from './registry';
import type { RowContext } from './columns';
import { sinceWall, wallNow } from './duration';
import { defaultPrinter } from './generic';
import type { IncludeObject, PartialObjectMetadata, Table, TableColumnDefinition, TableRow } from './types';

export interface BuildTableOptions {
  /** Simulated milliseconds of "now" (Clock.now()). */
  now: number;
  /** Turns simulated time into the wall instants that timestamps are written in. */
  clock: Pick<Clock, 'epochMs'>;
  /** `includeObject` query parameter; the server default is `Metadata`. */
  includeObject?: IncludeObject;
  /** resourceVersion of the list the rows come from. */
  resourceVersion?: string;
  /**
   * Leave out the column definitions, as the server does for every watch event after the first
   * (and for `TableOptions.noHeaders`).
   */
  noHeaders?: boolean;
}

/** Printer for a resource: its own, or the default NAME / CREATED AT convertor. */
export function printerFor(resource: Pick<ResourceInfo, 'group' | 'plural'>) {
  return apiServicePrinters.get(`${resource.group}/${resource.plural}`) ?? defaultPrinter;
}

/** The column definitions a Table of this resource carries (shared, frozen). */
export function columnDefinitions(resource: Pick<ResourceInfo, 'group' | 'plural'>): readonly TableColumnDefinition[] {
  return printerFor(resource).columns;
}

function partialMetadata(obj: KubeObject): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
}

export function buildTable(resource: ResourceInfo, objects: readonly KubeObject[], options: BuildTableOptions): Table {
  const printer = printerFor(resource);
  const nowWall = wallNow(options.clock, options.now);
  // The pods of one rollout share a few creation seconds: each distinct timestamp is read once.
  const ages = new Map<string | undefined | null, string>();
  const age = (ts: string | undefined | null): string => {
    let text = ages.get(ts);
    if (text === undefined) ages.set(ts, (text = sinceWall(ts, nowWall)));
    return text;
  };
  const ctx: RowContext = { nowWall, age };
  const include = options.includeObject ?? 'Metadata';
  const rows: TableRow[] = new Array<TableRow>(objects.length);
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i]!;
    // Printers are typed per kind; the resource decides which one an object reaches.
    const cells = (printer.cells as (o: KubeObject, c: RowContext) => unknown[])(obj, ctx);
    const row: TableRow = { cells };
    const conditions = (printer.conditions as ((o: KubeObject) => TableRow['conditions']) | undefined)?.(obj);
    if (conditions) row.conditions = conditions;
    if (include === 'Object') row.object = obj;
    else if (include === 'Metadata') row.object = partialMetadata(obj);
    rows[i] = row;
  }
  const metadata: Table['metadata'] = {};
  if (options.resourceVersion !== undefined) metadata.resourceVersion = options.resourceVersion;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: options.noHeaders ? [] : (printer.columns as TableColumnDefinition[]),
    rows,
  };
}

export type { IncludeObject, PartialObjectMetadata, Table, TableColumnDefinition, TableRow, TableRowCondition } from './types';
export type { Printer, RowContext } from './columns';
export { humanDuration, parseTimestamp, translateTimestampSince } from './duration';
export {
  boolPtr,
  containerCells,
  formatLabels,
  formatSelector,
  joinHostPort,
  labelSelectorString,
  labelSetString,
  listWithMore,
} from './format';
export { formatRestarts, podStatusReason, summarizePod, type PodSummary } from './pod';
export { clusterIP, loadBalancerStatusString, serviceExternalIP, servicePorts } from './service';
export { nodeRoles, nodeStatus } from './node';
export { formatEndpoints, formatSliceEndpoints, formatSlicePorts } from './endpoints';
export { eventObject, eventSource } from './event';
export { deploymentReady, jobCompletions, jobDuration, jobStatus } from './workloads';
export { formatHpaMetrics } from './hpa';
export { ingressHosts } from './ingress';
export { subjectsStrings } from './rbac';
export { controllerName } from './apps-misc';
export { rfc3339 } from './generic';
