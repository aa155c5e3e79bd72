/** Runs one tool the way a container would, and reports what a user would see. */
import type { LayerSpec } from '../../engine/runtime/fs';
import { testBox, type TestBox } from '../../engine/runtime/process/testkit';
import type { Flavour } from '../lib/flavour';
import { PROGRAMS } from './index';

export interface ToolRun {
  stdout: string;
  stderr: string;
  code: number | undefined;
}

/** Every program of `flavour` installed in /bin under its plain name (`/bin/ls` → `coreutils:ls`). */
export function toolBox(options: { flavour?: Flavour; files?: LayerSpec; ip?: string } = {}): TestBox {
  const prefix = options.flavour === 'gnu' ? 'coreutils:' : 'busybox:';
  const table: Record<string, string> = {};
  for (const id of Object.keys(PROGRAMS)) {
    if (id.startsWith(prefix)) table[`/bin/${id.slice(prefix.length)}`] = id;
    else if (!id.includes(':')) table[`/bin/${id}`] ??= id;
  }
  const programs = Object.fromEntries(Object.values(table).map((id) => [id, PROGRAMS[id]!]));
  return testBox({ programs, table, files: options.files, ...(options.ip ? { ip: options.ip } : {}) });
}

/** Runs argv until it exits, or for at most `ms` of simulated time (an hour by default). */
export function runTool(
  box: TestBox,
  argv: string[],
  options: { stdin?: string; env?: Record<string, string>; cwd?: string; ms?: number } = {},
): ToolRun {
  const run = box.run(argv, options);
  box.clock.runUntil(() => run.status() !== undefined, options.ms ?? 3_600_000);
  return { stdout: run.stdout(), stderr: run.stderr(), code: run.status()?.code };
}
