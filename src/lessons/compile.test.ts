import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson } from './compile';
import { markdownTree } from './markdown-tree';
import { lessonFiles } from './vite-plugin';

const LESSONS = join(__dirname, '../../lessons');
const files = readdirSync(LESSONS).flatMap((lang) => readdirSync(join(LESSONS, lang)).map((file) => join(LESSONS, lang, file)));

describe('compileLesson', () => {
  it.each(files)('%s: every piece of prose has its tree', (file) => {
    const compiled = compileLesson(readFileSync(file, 'utf8'));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const texts = [compiled.lesson.intro, ...compiled.lesson.steps.flatMap((s) => s.parts.flatMap((p) => (p.kind === 'markdown' ? [p.text] : [])))];
    for (const text of texts) expect(compiled.prose[text]).toEqual(markdownTree(text));
  });

  it('passes a broken lesson on as its errors', () => {
    expect(compileLesson('no front matter')).toEqual({ ok: false, errors: [expect.objectContaining({ line: 1 })] });
  });
});

describe('the lessons plugin', () => {
  const load = (id: string): string | undefined => {
    const hook = lessonFiles().load as (this: { addWatchFile(file: string): void }, id: string) => string | undefined;
    return hook.call({ addWatchFile: () => {} }, id);
  };

  it('makes a `?lesson` import a module of the compiled lesson', async () => {
    const code = load(`${files[0]}?lesson`)!;
    const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: unknown };
    expect(module.default).toEqual(JSON.parse(JSON.stringify(compileLesson(readFileSync(files[0]!, 'utf8')))));
  });

  it('leaves other modules alone', () => {
    expect(load(files[0]!)).toBeUndefined();
  });
});
