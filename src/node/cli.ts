/**
 * The `kubeplay` command line. Each subcommand runs the same engine as the browser playground.
 */
import { SERVE_USAGE, serveCommand } from './serve-command';

const USAGE = `Usage: kubeplay <command> [options]

Commands:
  serve    run a simulated cluster and serve its Kubernetes API over HTTP for a real kubectl

${SERVE_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'serve':
      await serveCommand(args);
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      console.error(`error: unknown command "${command}" for "kubeplay"\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (e: unknown) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
