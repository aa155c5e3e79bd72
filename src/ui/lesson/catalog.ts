/**
 * The lessons bundled with the page: each file is its own chunk, fetched when the learner picks
 * that language, then parsed. A file that does not parse is listed with its errors.
 */
import { parseLesson } from '../../lessons/parse';
import type { Lesson, LessonError } from '../../lessons/types';
import type { Language } from '../i18n';


const FILES = import.meta.glob<string>('/lessons/*/*.md', { query: '?raw', import: 'default' });

export type CatalogEntry =
  | { readonly file: string; readonly lesson: Lesson }
  | { readonly file: string; readonly errors: readonly LessonError[] };

/** The lessons of a language, in their `order`. */
export async function loadLessons(language: Language): Promise<CatalogEntry[]> {
  const prefix = `/lessons/${language}/`;
  const paths = Object.keys(FILES).filter((path) => path.startsWith(prefix)).sort();
  const entries = await Promise.all(
    paths.map(async (path): Promise<CatalogEntry> => {
      const result = parseLesson(await FILES[path]!());
      return result.ok ? { file: path, lesson: result.lesson } : { file: path, errors: result.errors };
    }),
  );
  const order = (entry: CatalogEntry): number => ('lesson' in entry ? entry.lesson.order : Number.MAX_SAFE_INTEGER);
  return entries.sort((a, b) => order(a) - order(b));
}
