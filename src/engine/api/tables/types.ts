/**
 * The `meta.k8s.io/v1` Table that the apiserver returns when kubectl asks for `as=Table`. kubectl
 * prints only what is in here: column names upper-cased, cells as given, and columns with a
 * priority other than 0 only under `-o wide`.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

export interface TableColumnDefinition {
  /** As the real server spells it (`Cluster-IP`, `Nominated Node`); kubectl upper-cases it. */
  name: string;
  /** OpenAPI type of the cells: `string`, `integer`, `number`, `boolean`, `date`. */
  type: string;
  /** `name` marks the column holding the object name; otherwise empty. */
  format: string;
  description: string;
  /** 0 = default columns, 1 = only with `-o wide`. */
  priority: number;
}

export interface TableRowCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** What `includeObject=Metadata` puts in each row. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  /** One cell per column definition, in the same order. Strings, integers or booleans. */
  cells: unknown[];
  conditions?: TableRowCondition[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** `includeObject` query parameter of a Table request; the server default is `Metadata`. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';
