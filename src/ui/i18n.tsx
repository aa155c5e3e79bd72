/**
 * The page's language: one setting for the whole UI and the lessons, remembered under
 * `kubeplay.lang`, by default the browser's (Chinese or not). Each area keeps its words in a table
 * made with `defineStrings` beside its components; `useStrings(table)` picks the current language.
 */
import { create } from 'zustand';
import { recall, remember } from './remember';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'kubeplay.lang';

/** The remembered language if it is one we have, else the browser's. */
export function initialLanguage(saved: string | null, browser: string | undefined): Language {
  if (saved === 'zh' || saved === 'en') return saved;
  return browser?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const useLanguage = create<LanguageState>((set) => ({
  language: initialLanguage(recall(LANGUAGE_KEY), globalThis.navigator?.language),
  setLanguage(language) {
    remember(LANGUAGE_KEY, language);
    set({ language });
  },
}));

// `<html lang>` follows, so screen readers and fonts pick the right language.
if (typeof document !== 'undefined') {
  document.documentElement.lang = useLanguage.getState().language;
  useLanguage.subscribe(({ language }) => (document.documentElement.lang = language));
}

/** A learner-visible text: a sentence, or a sentence made from a few values. */
type Text = string | ((...values: never[]) => string);
/** The Chinese table must have every English key, each with the same parameters. */
type SameKeys<T> = { readonly [K in keyof T]: T[K] extends string ? string : T[K] };

/** One area's words in both languages; a key missing from (or extra in) `zh` is a type error. */
export function defineStrings<const E extends Record<string, Text>>(table: { en: E; zh: SameKeys<E> }): Record<Language, SameKeys<E>> {
  return { en: table.en as SameKeys<E>, zh: table.zh };
}

/** The table's words in the page's language, re-rendering when it changes. */
export function useStrings<S>(table: Record<Language, S>): S {
  return table[useLanguage((s) => s.language)];
}

const STRINGS = defineStrings({
  en: { group: 'language', zh: '中文', en: 'English' },
  zh: { group: '界面语言', zh: '中文', en: 'English' },
});

/** The top bar's language switch: each language named in itself. */
export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const strings = useStrings(STRINGS);
  return (
    <div className="language-switch" role="group" aria-label={strings.group}>
      {LANGUAGES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === language} onClick={() => setLanguage(l)}>
          {strings[l]}
        </button>
      ))}
    </div>
  );
}
