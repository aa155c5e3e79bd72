/** Reading a tool's input operands, `-` being stdin, with the tool's own words for a failure. */
import type { Sys } from '../../engine/runtime/process';
import { errorText, readAll, type Tool } from '../lib/tool';

/** How a tool words "cannot read PATH": receives the path and the errno text. */
export type ReadFailure = (path: string, reason: string) => string;

/** busybox's common wording, `can't open 'x': No such file or directory`. */
export const busyboxCantOpen: ReadFailure = (path, reason) => `can't open '${path}': ${reason}`;

/** The whole content of `path`; undefined, after `name: message` on stderr, when it cannot be read. */
export function* readText(tool: Tool, path: string, failure: ReadFailure): Sys<string | undefined> {
  if (path === '-') return yield* readAll(0);
  try {
    return tool.proc.fs.readFile(path);
  } catch (e) {
    yield* tool.warn(failure(path, errorText(e)));
    return undefined;
  }
}

/** Lines without their newlines; a last line without one still counts. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
