/**
 * Field descriptions for `kubectl explain` and the editor: ~500 KiB of text that start-up does not
 * wait for. The host supplies them to the programs through a shelf on the kernel (the SCHEMA_DOCS
 * facility): Node hosts before the first command, the browser worker as a separately built chunk it
 * imports in the background once the cluster is up. A program that needs them earlier waits on the
 * shelf's latch.
 */
import { Facility, Latch, type Kernel } from '../../runtime/process';

export interface TypeDocs {
  description: string;
  /** Field → its description, as the apiserver's OpenAPI publishes it. */
  fields: Record<string, string>;
  /** Field → its allowed values (sorted), for the fields whose Go type is an enum. */
  enums?: Record<string, readonly string[]>;
}

/** Descriptions of each type and its fields, keyed by the schema's type names. */
export type SchemaDocs = Readonly<Record<string, TypeDocs>>;

/** Where programs find the descriptions once the host has put them there. */
export class SchemaDocsShelf {
  private docs: SchemaDocs | undefined;
  /** Opens when the descriptions are here: `yield* sys.until(shelf.arrived)`. */
  readonly arrived = new Latch();

  get current(): SchemaDocs | undefined {
    return this.docs;
  }

  supply(docs: SchemaDocs): void {
    this.docs ??= docs;
    this.arrived.open();
  }
}

export const SCHEMA_DOCS = new Facility<SchemaDocsShelf>('schema-docs');

/** Puts an empty shelf on `kernel` for its programs; the host fills it with `supply`. */
export function provideSchemaDocs(kernel: Pick<Kernel, 'provide'>): SchemaDocsShelf {
  const shelf = new SchemaDocsShelf();
  kernel.provide(SCHEMA_DOCS, shelf);
  return shelf;
}

let loading: Promise<SchemaDocs> | undefined;

/**
 * For hosts, outside the simulation: reads the generated file (a chunk of its own in the browser
 * build, the JSON file under Node).
 */
export function loadSchemaDocs(): Promise<SchemaDocs> {
  loading ??= import('../../../generated/schema-docs.json').then((m) => (m as unknown as { default: SchemaDocs }).default);
  return loading;
}
