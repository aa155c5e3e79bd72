/**
 * Running the real kubectl binary against `kubeplay serve` from tests: finding the binary, a
 * private HOME and kubeconfig (so the developer's own config and discovery cache are never
 * touched), and reading kubectl's table output back into cells.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigYaml } from '../kubeconfig';

/** kubectl 1.30 as installed with the Cloud SDK, else whatever `/usr/bin/kubectl` is. */
export const KUBECTL_CANDIDATES = ['/usr/lib/google-cloud-sdk/bin/kubectl.1.30', '/usr/bin/kubectl'];

export function findKubectl(): string | undefined {
  return KUBECTL_CANDIDATES.find((p) => existsSync(p));
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface KubectlSession {
  readonly dir: string;
  run(...args: string[]): Promise<KubectlResult>;
  /** A long-running kubectl (`get -w`) whose output the test reads while it runs. */
  start(...args: string[]): RunningKubectl;
  dispose(): void;
}

export interface RunningKubectl {
  readonly process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches, rejects after `ms` wall milliseconds. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Only what kubectl needs: no proxy variables (everything goes to 127.0.0.1) and a throw-away
 * HOME, so the discovery cache starts empty and lives only as long as the session.
 */
function cleanEnv(home: string, kubeconfig: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfig, LANG: 'C', TZ: 'UTC' };
}

export function kubectlSession(binary: string, server: string): KubectlSession {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplay-kubectl-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigYaml({ server }));
  const env = cleanEnv(dir, kubeconfig);

  return {
    dir,
    run: (...args) =>
      new Promise((resolve) => {
        execFile(binary, args, { env, cwd: dir, timeout: 20_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ stdout, stderr, code });
        });
      }),
    start(...args) {
      const child = spawn(binary, args, { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
      child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      return {
        process: child,
        stdout: () => out,
        stderr: () => err,
        async waitFor(pattern, ms = 10_000) {
          const end = Date.now() + ms;
          while (!pattern.test(out)) {
            if (Date.now() > end || child.exitCode !== null) {
              throw new Error(`kubectl ${args.join(' ')}: no output matching ${pattern} within ${ms}ms\nstdout:\n${out}\nstderr:\n${err}`);
            }
            await new Promise((r) => setTimeout(r, 10));
          }
        },
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ParsedTable {
  header: string[];
  rows: Record<string, string>[];
}

/**
 * kubectl's tables are left-aligned columns (Go tabwriter), so a cell starts where its header
 * starts. Throws if a row does not line up with the header, which would mean the output was not
 * one table.
 */
export function parseTable(text: string): ParsedTable {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const headerLine = lines[0] ?? '';
  const starts: number[] = [];
  const header: string[] = [];
  for (const m of headerLine.matchAll(/\S+(?: \S+)*/g)) {
    starts.push(m.index);
    header.push(m[0]);
  }
  const rows = lines.slice(1).map((line) => {
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      const from = starts[i]!;
      const to = i + 1 < starts.length ? starts[i + 1]! : line.length;
      if (from > 0 && line[from - 1] !== ' ') throw new Error(`row does not line up with the header:\n${headerLine}\n${line}`);
      row[name] = line.slice(from, to).trim();
    });
    return row;
  });
  return { header, rows };
}

/** Splits `get a,b` / `get all` output into its tables (separated by one blank line). */
export function splitTables(text: string): string[] {
  return text
    .split(/\n\n/)
    .map((t) => t.trim() + '\n')
    .filter((t) => t.trim().length > 0);
}
