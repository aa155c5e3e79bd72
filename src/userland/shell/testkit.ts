/** A container for shell tests: both shells plus a few tiny stand-in programs, run in simulated time. */
import type { LayerSpec } from '../../engine/runtime/fs';
import { sys, type Program, type Sys } from '../../engine/runtime/process';
import { testBox, type TestBox } from '../../engine/runtime/process/testkit';
import type { ShellDialect } from './errors';
import { SHELL_PROGRAMS } from './programs';

function* out(text: string): Sys<void> {
  yield* sys.write(1, text);
}

/** Minimal stand-ins for the image programs the shell tests run. */
export const STUB_PROGRAMS: Readonly<Record<string, Program>> = {
  *cat(proc) {
    const files = proc.argv.slice(1);
    if (files.length === 0) {
      for (let chunk = yield* sys.read(0); chunk !== null; chunk = yield* sys.read(0)) yield* out(chunk);
      return 0;
    }
    for (const f of files) yield* out(proc.fs.readFile(f));
    return 0;
  },
  *sleep(proc) {
    yield* sys.sleep(Number(proc.argv[1] ?? '0') * 1000);
    return 0;
  },
  *basename(proc) {
    const path = (proc.argv[1] ?? '').replace(/\/+$/, '');
    yield* out(`${path.slice(path.lastIndexOf('/') + 1)}\n`);
    return 0;
  },
  /** `args a b`: prints its argv, one `<arg>` per line, to show exactly how words were split. */
  *args(proc) {
    yield* out(proc.argv.slice(1).map((a) => `<${a}>\n`).join(''));
    return 0;
  },
  *printenv(proc) {
    const name = proc.argv[1];
    if (name !== undefined) {
      const value = proc.env[name];
      if (value === undefined) return 1;
      yield* out(`${value}\n`);
      return 0;
    }
    yield* out(Object.keys(proc.env).sort().map((k) => `${k}=${proc.env[k]}\n`).join(''));
    return 0;
  },
  /** `exitwith N`: exits with status N. */
  *exitwith(proc) {
    yield* sys.tick();
    return Number(proc.argv[1] ?? '0');
  },
  /** `yes`: writes y forever (until the reader goes away). */
  *yes() {
    for (;;) yield* out('y\n');
  },
  *wc(proc) {
    let text = '';
    for (let chunk = yield* sys.read(0); chunk !== null; chunk = yield* sys.read(0)) text += chunk;
    const lines = text.split('\n').length - 1;
    yield* out(proc.argv[1] === '-l' ? `${lines}\n` : `${lines} ${text.split(/\s+/).filter(Boolean).length} ${text.length}\n`);
    return 0;
  },
  *head(proc) {
    const n = Number(proc.argv[proc.argv[1] === '-n' ? 2 : 1]?.replace(/^-n?/, '') ?? '10');
    let text = '';
    for (let chunk = yield* sys.read(0); chunk !== null; chunk = yield* sys.read(0)) {
      text += chunk;
      if (text.split('\n').length > n) break;
    }
    yield* out(text.split('\n').slice(0, n).map((l) => `${l}\n`).join(''));
    return 0;
  },
};

export interface ShellRun {
  stdout: string;
  stderr: string;
  code: number | undefined;
}

export interface ShellBox extends TestBox {
  /** Runs `argv` to completion (or for `ms` of simulated time). */
  exec(argv: string[], options?: { stdin?: string; env?: Record<string, string>; ms?: number }): ShellRun;
  /** `sh -c script` (or `bash -c script`). */
  sh(script: string, options?: { stdin?: string; env?: Record<string, string>; ms?: number; args?: string[] }): ShellRun;
}

/** Both shells at /bin/sh and /bin/bash, the stubs in /bin, and `files`. */
export function shellBox(dialect: ShellDialect = 'busybox', options: { files?: LayerSpec; programs?: Record<string, Program> } = {}): ShellBox {
  const programs: Record<string, Program> = { ...SHELL_PROGRAMS, ...STUB_PROGRAMS, ...options.programs };
  const table: Record<string, string> = {
    '/bin/sh': dialect === 'bash' ? 'bash' : 'busybox:sh',
    '/bin/ash': 'busybox:ash',
    '/bin/bash': 'bash',
  };
  for (const id of Object.keys(programs)) if (!id.includes(':') && id !== 'bash') table[`/bin/${id}`] = id;
  const binaries = Object.fromEntries(Object.keys(table).map((path) => [path, { file: '\x7fELF', mode: 0o755 }]));
  const box = testBox({
    programs,
    table,
    files: { ...binaries, '/root': { dir: true }, '/etc/passwd': { file: 'root:x:0:0:root:/root:/bin/sh\n' }, ...options.files },
  });
  const exec: ShellBox['exec'] = (argv, runOptions = {}) => {
    const run = box.run(argv, { env: { PATH: '/bin', HOME: '/root', ...runOptions.env }, ...(runOptions.stdin === undefined ? { stdin: '' } : { stdin: runOptions.stdin }) });
    box.clock.runUntil(() => run.status() !== undefined, runOptions.ms ?? 3_600_000);
    return { stdout: run.stdout(), stderr: run.stderr(), code: run.status()?.code };
  };
  return {
    ...box,
    exec,
    sh: (script, runOptions = {}) => exec([dialect === 'bash' ? 'bash' : 'sh', '-c', script, ...(runOptions.args ?? [])], runOptions),
  };
}

/**
 * A bash screen without readline's paste-mode switches (around each command line on a terminal
 * with a TERM): for tests about something else. bracketed-paste.test.ts tests them.
 */
export const withoutPasteMode = (screen: string): string => screen.replace(PASTE_MODE_SWITCHES, '');
// eslint-disable-next-line no-control-regex -- the switches are escape sequences
const PASTE_MODE_SWITCHES = /\x1b\[\?2004h|\x1b\[\?2004l\r/g;
