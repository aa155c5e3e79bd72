// ui.first_screen_js_kb_gz: the JavaScript a visitor's browser must fetch before the page can draw
// its first screen — the entry module and the modules it preloads — gzipped as a server would send
// it, from a production build. The cluster's worker and lazily loaded parts (editor, docs) are not
// in it: they load after the first screen.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import type { BenchCase } from './harness';
import { round } from './harness';

/** The JS files `index.html` makes the browser fetch at once: module scripts and modulepreloads. */
export function firstScreenScripts(html: string): string[] {
  const scripts = [...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...scripts, ...preloads])];
}

export const firstScreenJs: BenchCase = {
  name: 'ui.first_screen_js_kb_gz',
  unit: 'KB',
  budget: { max: 200 },
  async measure() {
    const outDir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-build-'));
    try {
      await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      const bytes = firstScreenScripts(html).reduce((sum, src) => sum + gzipSync(readFileSync(join(outDir, src.replace(/^\//, '')))).length, 0);
      return round(bytes / 1024);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  },
};
