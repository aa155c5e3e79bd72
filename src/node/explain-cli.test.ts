/**
 * `kubectl explain` in the Node command line: the descriptions are not part of the engine's
 * start-up, so the CLI has to supply them (play-command.ts) before the first command runs.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kubeplay.mjs');

it('kubeplay --script: kubectl explain prints the field, its ENUM values and its description', () => {
  const script = join(tmpdir(), `kubeplay-explain-${process.pid}.script`);
  writeFileSync(script, 'kubectl explain pod.spec.restartPolicy\n');
  const output = execFileSync(process.execPath, [BIN, '--script', script], { encoding: 'utf8', timeout: 60_000 });
  expect(output).toContain('FIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\nDESCRIPTION:\n    Restart policy for all containers within the pod.');
  expect(output).toContain('Possible enum values:\n     - `"Always"`');
});
