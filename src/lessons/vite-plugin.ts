/**
 * `import lesson from '/lessons/en/01-x.md?lesson'`: the lesson compiled (compile.ts) into a module
 * of plain data when the page is built or served — a broken lesson arrives as its errors.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { compileLesson } from './compile';

const QUERY = '?lesson';

export function lessonFiles(): Plugin {
  return {
    name: 'kubeplay:lessons',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith(QUERY)) return undefined;
      const file = id.slice(0, -QUERY.length);
      this.addWatchFile(file);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(compileLesson(readFileSync(file, 'utf8'))))});`;
    },
  };
}
