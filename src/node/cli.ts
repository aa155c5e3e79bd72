/**
 * The `kubeplay` command line. Each subcommand runs the same engine as the browser playground.
 */
import { PLAY_USAGE, playCommand } from './play-command';
import { SERVE_USAGE, serveCommand } from './serve-command';

const USAGE = `${PLAY_USAGE}

Other commands:
  serve    run a simulated cluster and serve its Kubernetes API over HTTP for a real kubectl

${SERVE_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'serve':
      await serveCommand(args);
      return 0;
    case '-h':
    case '--help':
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      if (command === undefined || command.startsWith('--')) return playCommand(argv);
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
