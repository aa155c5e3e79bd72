/**
 * The editor `npx kubeplay` gives its interactive session: the learner's own `$VISUAL`/`$EDITOR`
 * (vi when neither is set) in the real terminal, on a temporary copy of the simulated file. The
 * simulation waits while it runs (the call blocks), then `vi pod.yaml` or `kubectl edit` goes on
 * with what was saved. A `--script` run gives no editor: `vi` there edits in line mode, reading
 * ex commands (`%s/1/3/`, `wq`) from the script's next lines.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Editor, EditResult } from '../userland/lib/editor';

export interface HostEditorOptions {
  /** The command line to run with the file's path appended; defaults to $VISUAL, $EDITOR, vi. */
  readonly command?: string;
  /** The terminal in raw mode for the session: handed back to cooked mode while the editor runs. */
  readonly stdin?: NodeJS.ReadStream;
  /** Told when the editor could not run. */
  readonly onError?: (message: string) => void;
}

/** A quoted word for /bin/sh. */
const shellQuote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

export function hostEditor(options: HostEditorOptions = {}): Editor {
  const command = options.command ?? (process.env.VISUAL || process.env.EDITOR || 'vi');
  return {
    open(request, done) {
      const dir = mkdtempSync(join(tmpdir(), 'kubeplay-'));
      const file = join(dir, basename(request.path) || 'untitled');
      let result: EditResult = { saved: false };
      const raw = options.stdin?.isTTY === true && options.stdin.isRaw;
      try {
        writeFileSync(file, request.content);
        if (raw) options.stdin!.setRawMode(false);
        const run = spawnSync(`${command} ${shellQuote(file)}`, { shell: true, stdio: 'inherit' });
        if (run.error || run.status !== 0) {
          options.onError?.(`the editor "${command}" failed${run.error ? `: ${run.error.message}` : ` with exit status ${run.status}`}`);
        } else {
          const content = readFileSync(file, 'utf8');
          if (content !== request.content) result = { saved: true, content };
        }
      } finally {
        if (raw) options.stdin!.setRawMode(true);
        rmSync(dir, { recursive: true, force: true });
      }
      done(result);
    },
  };
}
