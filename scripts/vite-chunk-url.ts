/**
 * `import url from './Module.tsx?chunk-url'`: the URL of the chunk that module is built into, for a
 * `<link rel="modulepreload">` (the browser fetches and compiles it off the main thread; it runs
 * only when imported). While serving for development, the module's own URL.
 */
import type { Plugin } from 'vite';

const QUERY = '?chunk-url';

export function chunkUrls(): Plugin {
  let building = false;
  return {
    name: 'kubeplay:chunk-url',
    enforce: 'pre',
    configResolved(config) {
      building = config.command === 'build';
    },
    async resolveId(source, importer) {
      if (!source.endsWith(QUERY)) return undefined;
      const resolved = await this.resolve(source.slice(0, -QUERY.length), importer, { skipSelf: true });
      return resolved && resolved.id + QUERY;
    },
    load(id) {
      if (!id.endsWith(QUERY)) return undefined;
      const module = id.slice(0, -QUERY.length);
      if (!building) return `export default ${JSON.stringify(`/@fs${module}`)};`;
      const reference = this.emitFile({ type: 'chunk', id: module });
      return `export default import.meta.ROLLUP_FILE_URL_${reference};`;
    },
  };
}
