/**
 * The page's part of a saved cluster: the learner's settings and lesson progress, kept beside the
 * snapshot in IndexedDB and in exported files (`page`). While the page runs they live in
 * localStorage — the copy the first paint reads synchronously — under the keys their owners use
 * (i18n.tsx, theme.tsx, remember.ts, LessonSlot.tsx, diagrams/DiagramPanel.tsx, lesson/progress.ts);
 * this module gathers them from there and puts them back.
 *
 * A `page` section may come from a file someone picked, so it is checked first: keys it does not
 * know are dropped, a known key of the wrong type refuses the whole file with a reason.
 */
import { useLanguage, type Language } from '../i18n';
import { allDoneSteps, saveDoneSteps } from '../lesson/progress';
import { parseSpeed, recall, remember } from '../remember';
import { chooseTheme, type Theme } from '../theme';
import type { Speed } from '../../worker/protocol';
import { isPlainObject } from '../../engine/api/patch/safe';

export interface PageState {
  language?: Language;
  theme?: Theme;
  /** The lesson panel is open (not folded). */
  lessonOpen?: boolean;
  /** The lesson shown. */
  lesson?: string;
  /** The diagram tab chosen. */
  diagramTab?: string;
  /** The simulated clock's speed (0: paused). */
  speed?: Speed;
  /** Each lesson's done steps, by lesson id. */
  done?: Record<string, number[]>;
}

/** The localStorage key of each setting, and how its text reads back. */
const SETTINGS = {
  language: { key: 'kubeplay.lang', read: (text: string): Language | undefined => (text === 'en' || text === 'zh' ? text : undefined) },
  theme: { key: 'kubeplay.theme', read: (text: string): Theme | undefined => (text === 'light' || text === 'dark' ? text : undefined) },
  lessonOpen: { key: 'kubeplay.lesson.open', read: (text: string): boolean | undefined => (text === 'true' ? true : text === 'false' ? false : undefined) },
  lesson: { key: 'kubeplay.lesson.id', read: (text: string): string | undefined => text },
  diagramTab: { key: 'kubeplay.diagram', read: (text: string): string | undefined => text },
  speed: { key: 'kubeplay.time.speed', read: (text: string): Speed | undefined => parseSpeed(text) },
} as const;

type Setting = keyof typeof SETTINGS;
const SETTING_NAMES = Object.keys(SETTINGS) as Setting[];

/** The page's settings and progress as localStorage holds them now. */
export function gatherPageState(): PageState {
  const page: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const text = recall(SETTINGS[name].key);
    const value = text === null ? undefined : SETTINGS[name].read(text);
    if (value !== undefined) page[name] = value;
  }
  try {
    const done = allDoneSteps();
    if (Object.keys(done).length > 0) page.done = done;
  } catch {
    // No storage: no progress to carry.
  }
  return page as PageState;
}

/** Why a `page` section was refused: a code and what it names, worded by the persist strings. */
export type PageStateProblem =
  | { code: 'page-not-object' }
  | { code: 'page-field-type'; field: string; expected: string };

export type CheckedPageState = { ok: true; page: PageState } | { ok: false; problem: PageStateProblem };

/** What each field must be, as the reason names it. */
const EXPECTED: Record<Setting, string> = {
  language: 'en|zh',
  theme: 'light|dark',
  lessonOpen: 'true|false',
  lesson: 'text',
  diagramTab: 'text',
  speed: '0|1|2|5|10|60',
};

/** A `page` section from a saved record or a file: known keys of the right type kept, unknown ones dropped. */
export function checkPageState(input: unknown): CheckedPageState {
  if (!isPlainObject(input)) return { ok: false, problem: { code: 'page-not-object' } };
  const given = input;
  const page: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const value = given[name];
    if (value === undefined) continue;
    // A value reads as its stored text would, and keeps its JSON type: a speed of 5, not "5".
    const read = ['string', 'number', 'boolean'].includes(typeof value) ? SETTINGS[name].read(String(value)) : undefined;
    if (read === undefined || typeof read !== typeof value) return { ok: false, problem: { code: 'page-field-type', field: `page.${name}`, expected: EXPECTED[name] } };
    page[name] = read;
  }
  if (given.done !== undefined) {
    const done = checkDone(given.done);
    if (!done) return { ok: false, problem: { code: 'page-field-type', field: 'page.done', expected: '{ lesson: [step, …] }' } };
    page.done = done;
  }
  return { ok: true, page: page as PageState };
}

function checkDone(value: unknown): Record<string, number[]> | undefined {
  if (!isPlainObject(value)) return undefined;
  const done: Record<string, number[]> = {};
  for (const [lesson, steps] of Object.entries(value)) {
    if (lesson === '__proto__' || !Array.isArray(steps) || !steps.every((n) => Number.isInteger(n) && n >= 0)) return undefined;
    done[lesson] = steps as number[];
  }
  return done;
}

/**
 * Puts a page state back: into localStorage, and at once into what shows it live (language,
 * theme, done steps — the lesson panel re-reads them when the new cluster's checks arrive).
 * `onlyMissing` (a load: localStorage is the fresher copy) fills in only what localStorage lacks.
 */
export function applyPageState(page: PageState, { onlyMissing = false } = {}): void {
  for (const name of SETTING_NAMES) {
    const value = page[name];
    if (value === undefined || (onlyMissing && recall(SETTINGS[name].key) !== null)) continue;
    if (name === 'language') useLanguage.getState().setLanguage(value as Language);
    else if (name === 'theme') chooseTheme(value as Theme);
    else remember(SETTINGS[name].key, String(value));
  }
  try {
    const known = onlyMissing ? allDoneSteps() : {};
    for (const [lesson, steps] of Object.entries(page.done ?? {})) if (!known[lesson]) saveDoneSteps(lesson, new Set(steps));
  } catch {
    // No storage: the progress shows until the page is left.
  }
}

/** On load: what the saved record's page section has and localStorage lost comes back (a damaged section is ignored). */
export function restoreSavedPage(saved: unknown): void {
  if (saved === undefined) return;
  const checked = checkPageState(saved);
  if (checked.ok) applyPageState(checked.page, { onlyMissing: true });
}
