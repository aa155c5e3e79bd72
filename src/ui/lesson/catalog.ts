/**
 * The lessons bundled with the page: each file is its own small chunk of data, compiled when the
 * page was built (lessons/compile.ts), fetched when the learner picks that language. A file that
 * does not parse is listed with its errors.
 */
import type { CompiledLesson } from '../../lessons/compile';
import type { Language } from '../i18n';

const FILES = import.meta.glob<CompiledLesson>('/lessons/*/*.md', { query: '?lesson', import: 'default' });

export type CatalogEntry =
  | ({ readonly file: string } & Extract<CompiledLesson, { ok: true }>)
  | { readonly file: string; readonly errors: readonly LessonError[] };

type LessonError = Extract<CompiledLesson, { ok: false }>['errors'][number];

const loading = new Map<Language, Promise<CatalogEntry[]>>();

/** The lessons of a language, in their `order` (fetched once; asking early gives the page a head start). */
export function loadLessons(language: Language): Promise<CatalogEntry[]> {
  let lessons = loading.get(language);
  if (!lessons) loading.set(language, (lessons = fetchLessons(language)));
  return lessons;
}

async function fetchLessons(language: Language): Promise<CatalogEntry[]> {
  const prefix = `/lessons/${language}/`;
  const paths = Object.keys(FILES).filter((path) => path.startsWith(prefix)).sort();
  const entries = await Promise.all(
    paths.map(async (path): Promise<CatalogEntry> => {
      const compiled = await FILES[path]!();
      return compiled.ok ? { file: path, ...compiled } : { file: path, errors: compiled.errors };
    }),
  );
  const order = (entry: CatalogEntry): number => ('lesson' in entry ? entry.lesson.order : Number.MAX_SAFE_INTEGER);
  return entries.sort((a, b) => order(a) - order(b));
}
