/**
 * A lesson file as the page receives it: parsed when the page is built (src/lessons/vite-plugin.ts),
 * its prose already turned into element trees. The page then carries no YAML or Markdown parser,
 * and a lesson shows as soon as its small chunk arrives.
 */
import { markdownTree, type MarkdownNode } from './markdown-tree';
import { parseLesson } from './parse';
import type { Lesson, LessonError } from './types';

export type CompiledLesson =
  | {
      readonly ok: true;
      readonly lesson: Lesson;
      /** The tree of each piece of prose in the lesson (its intro, each Markdown part), by its text. */
      readonly prose: Readonly<Record<string, readonly MarkdownNode[]>>;
    }
  | { readonly ok: false; readonly errors: readonly LessonError[] };

export function compileLesson(source: string): CompiledLesson {
  const parsed = parseLesson(source);
  if (!parsed.ok) return parsed;
  const { lesson } = parsed;
  const texts = [lesson.intro, ...lesson.steps.flatMap((step) => step.parts.flatMap((part) => (part.kind === 'markdown' ? [part.text] : [])))];
  return { ok: true, lesson, prose: Object.fromEntries(texts.map((text) => [text, markdownTree(text)])) };
}
