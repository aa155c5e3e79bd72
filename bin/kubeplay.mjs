#!/usr/bin/env node
// Runs the TypeScript command line directly through tsx, so the CLI and the page share one source.
import { register } from 'tsx/esm/api';

register();
await import('../src/node/cli.ts');
