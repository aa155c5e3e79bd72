/**
 * `kubeplay` without a subcommand: a fresh simulated cluster and a root session on master01 in
 * this terminal — interactive (raw keys in, simulated time following the wall clock) or scripted
 * (`--script FILE`, or lines from a pipe; see play-script.ts).
 */
import { readFileSync } from 'node:fs';
import { loadSchemaDocs, provideSchemaDocs } from '../engine/api/schema';
import { Cluster } from '../engine/cluster/cluster';
import { openSession } from '../userland/session';
import { followWallClock } from './clock-follower';
import { hostEditor } from './play-editor';
import { playScript, plainTranscript } from './play-script';

export const PLAY_USAGE = `Usage: kubeplay [--seed N] [--nodes N] [--script FILE] [--realtime]

A fresh simulated cluster and a root shell on master01: [root@master01 ~]#

Options:
  --seed N        one seed, one cluster: names, IPs and timings follow from it (default 1)
  --nodes N       machines in the cluster, master01 included (default 3)
  --script FILE   type FILE's lines into the shell and print the transcript; input from a
                  pipe is a script too. A line ^C (^Z) presses Ctrl-C (Ctrl-Z) after a few
                  simulated seconds
  --realtime      with a script, let simulated time follow the wall clock instead of jumping`;

interface PlayOptions {
  seed: number;
  nodes: number;
  script: string | undefined;
  realtime: boolean;
}

function parsePlayArgs(args: readonly string[]): PlayOptions {
  const options: PlayOptions = { seed: 1, nodes: 3, script: undefined, realtime: false };
  const count = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number of at least ${min}, got ${value ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '--seed') options.seed = count(flag, value(), 0);
    else if (flag === '--nodes') options.nodes = count(flag, value(), 1);
    else if (flag === '--script') options.script = value() ?? '';
    else if (flag === '--realtime') options.realtime = true;
    else throw new Error(`unknown flag: ${flag}\n\n${PLAY_USAGE}`);
  }
  return options;
}

export async function playCommand(args: readonly string[]): Promise<number> {
  const options = parsePlayArgs(args);
  const cluster = Cluster.create({ seed: options.seed, workers: options.nodes - 1 });
  provideSchemaDocs(cluster.kernel).supply(await loadSchemaDocs());
  const piped = !process.stdin.isTTY;
  if (options.script === undefined && !piped) return interactive(cluster);
  const script = options.script !== undefined ? readFileSync(options.script, 'utf8') : await readAll(process.stdin);
  const colours = process.stdout.isTTY === true;
  // A reader that stops early (`kubeplay --script x | head`) ends the run quietly, as SIGPIPE ends a Unix tool.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  await playScript(cluster, script, {
    cols: process.stdout.columns ?? 80,
    onOutput: (ansi) => process.stdout.write(colours ? ansi : plainTranscript(ansi)),
    ...(options.realtime ? { sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) } : {}),
  });
  return 0;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/** The real terminal in raw mode wired to the session until the shell exits. */
function interactive(cluster: Cluster): Promise<number> {
  const { stdin, stdout } = process;
  const editor = hostEditor({ stdin, onError: (message) => stdout.write(`kubeplay: ${message}\r\n`) });
  const session = openSession(cluster, { node: 'master01', cols: stdout.columns ?? 80, rows: stdout.rows ?? 24, editor });
  session.onOutput((ansi) => stdout.write(ansi));
  const follower = followWallClock(cluster.clock, { onError: (e) => stdout.write(`\r\nkubeplay: ${e instanceof Error ? e.message : String(e)}\r\n`) });
  const onKeys = (data: Buffer): void => {
    session.type(data.toString('utf8'));
    // Show the effect of a key at once rather than at the next tick.
    follower.catchUp();
  };
  const onResize = (): void => session.resize(stdout.columns, stdout.rows);
  stdin.setRawMode(true);
  stdin.on('data', onKeys);
  stdout.on('resize', onResize);
  follower.catchUp();
  return new Promise((resolve) => {
    session.onExit((status) => {
      follower.stop();
      stdin.off('data', onKeys);
      stdout.off('resize', onResize);
      stdin.setRawMode(false);
      stdin.pause();
      resolve(status.code);
    });
  });
}
