import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { lessonFiles } from './src/lessons/vite-plugin';
import { chunkUrls } from './scripts/vite-chunk-url';

/**
 * The built page may run only its own scripts and workers and talk only to its own origin.
 * Styles may be inline: Monaco and xterm inject theirs. Build only: the dev server needs inline
 * scripts and a websocket for hot reload.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'kubeplay:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), lessonFiles(), chunkUrls()],
  worker: { format: 'es' },
  resolve: {
    alias: [
      // monaco-yaml's worker (through monaco-worker-manager) imports Monaco's worker by its old path,
      // which monaco-editor 0.57's package exports no longer allow.
      { find: 'monaco-editor/esm/vs/editor/editor.worker.js', replacement: 'monaco-editor/editor/editor.worker.js' },
    ],
  },
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
