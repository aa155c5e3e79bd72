/**
 * `-o custom-columns=NAME:.metadata.name,IP:.status.podIP` and `-o custom-columns-file=FILE`: one
 * column per `<header>:<jsonpath>` (headers as written, paths in kubectl's relaxed form), one row
 * per object; several values of a path are joined by commas, a path that finds nothing prints
 * `<none>`, maps and lists print as Go prints them (`map[a:b]`, `[x y]`).
 */
import { KubectlError } from '../framework';
import { findResults, goSprint, JsonPathError, parseJsonPath } from './jsonpath';
import { relaxedJsonPath } from './sort';

export interface Column {
  header: string;
  /** The path in braces: `{.metadata.name}`. */
  fieldSpec: string;
}

/** `NAME:.metadata.name,IP:.status.podIP` → columns, with kubectl's errors for a malformed spec. */
export function parseColumnsSpec(spec: string): Column[] {
  if (spec === '') throw new KubectlError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

const MISSING_TEMPLATE_TEXT = 'Expected format is one line of space separated headers, one line of space separated column specs.';

/** A columns file: a line of headers, then a line of paths, separated by whitespace. */
export function parseColumnsFile(text: string): Column[] {
  const lines = text.split('\n');
  const words = (line: string | undefined): string[] => (line ?? '').split(/\s+/).filter(Boolean);
  if (text === '') throw new KubectlError(`invalid template, missing header line. ${MISSING_TEMPLATE_TEXT}`);
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '')) throw new KubectlError(`invalid template, missing spec line. ${MISSING_TEMPLATE_TEXT}`);
  const [headers, specs] = [words(lines[0]), words(lines[1])];
  if (headers.length !== specs.length) {
    throw new KubectlError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPath(specs[i]!) }));
}

export interface ColumnsOutput {
  /** The cells, header first (unless --no-headers), for the table writer. */
  rows: string[][];
  /** A path that fails: kubectl reports it after the rows printed so far. */
  error?: KubectlError;
}

/** The rows for these objects. */
export function customColumns(columns: readonly Column[], objects: readonly unknown[], noHeaders: boolean): ColumnsOutput {
  const rows: string[][] = noHeaders ? [] : [columns.map((c) => c.header)];
  let paths;
  try {
    paths = columns.map((c) => parseJsonPath(c.fieldSpec));
  } catch (e) {
    if (e instanceof JsonPathError) return { rows, error: new KubectlError(e.message) };
    throw e;
  }
  try {
    for (const obj of objects) {
      rows.push(
        paths.map((path) => {
          const values = findResults(path, obj, { allowMissingKeys: true });
          const none = values.length === 0 || values[0]!.length === 0 ? ['<none>'] : [];
          return [...none, ...values.flat().map(goSprint)].join(',');
        }),
      );
    }
  } catch (e) {
    if (e instanceof JsonPathError) return { rows, error: new KubectlError(e.message) };
    throw e;
  }
  return { rows };
}
