/** A one-container world for kernel and program tests: a clock, a kernel, a namespace, output buffers. */
import { Clock } from '../../sim/clock';
import { buildImageLayer, createContainerFs, type LayerSpec } from '../fs';
import { SinkFile, SourceFile } from './files';
import { Kernel, PidNamespace, type Program, type Process } from './kernel';
import { Netns } from './net';
import { Network } from './network';
import type { WaitStatus } from './syscalls';

export interface TestBox {
  clock: Clock;
  kernel: Kernel;
  network: Network;
  ns: PidNamespace;
  /** Starts argv as a fresh process (the first one is PID 1) with captured stdout/stderr. */
  run(argv: string[], options?: { env?: Record<string, string>; stdin?: string; cwd?: string }): Run;
}

export interface Run {
  proc: Process;
  stdin: SourceFile;
  stdout(): string;
  stderr(): string;
  status(): WaitStatus | undefined;
}

/**
 * @param programs program id → implementation; each is installed at `/bin/<id>` unless `files`
 * already says where.
 */
export function testBox(options: { programs: Record<string, Program>; files?: LayerSpec; table?: Record<string, string>; ip?: string }): TestBox {
  const clock = new Clock();
  const table: Record<string, string> = { ...options.table };
  const files: Record<string, LayerSpec[string]> = { '/tmp': { dir: true, mode: 0o1777 }, ...options.files };
  for (const id of Object.keys(options.programs)) {
    const path = Object.keys(table).find((p) => table[p] === id) ?? `/bin/${id}`;
    table[path] = id;
    files[path] ??= { file: '\x7fELF', mode: 0o755 };
  }
  const network = new Network();
  const kernel = new Kernel(clock, (id) => options.programs[id], network);
  const netns = new Netns('test', options.ip ? [options.ip] : []);
  if (options.ip) network.attach(options.ip, netns);
  const fs = createContainerFs({ image: buildImageLayer(files) });
  const ns = new PidNamespace('test', 'box', fs, table, netns);
  return {
    clock,
    kernel,
    network,
    ns,
    run(argv, runOptions = {}) {
      let out = '';
      let err = '';
      const stdin = new SourceFile();
      if (runOptions.stdin !== undefined) {
        stdin.push(runOptions.stdin);
        stdin.end();
      }
      const proc = kernel.spawn(ns, argv, {
        env: { PATH: '/bin', ...runOptions.env },
        ...(runOptions.cwd ? { cwd: runOptions.cwd } : {}),
        files: [stdin, new SinkFile((d) => (out += d)), new SinkFile((d) => (err += d))],
      });
      return { proc, stdin, stdout: () => out, stderr: () => err, status: () => proc.exited };
    },
  };
}
