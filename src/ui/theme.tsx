/**
 * Light and dark: the learner's choice (remembered under `kubeplay.theme`), else the system's
 * colour scheme, followed live. The page's colours come from CSS `light-dark()` pairs keyed on
 * `color-scheme`; the terminal and Monaco, which paint their own colours, subscribe here.
 */
import { create } from 'zustand';
import { defineStrings, useStrings } from './i18n';
import { recall, remember } from './remember';

export type Theme = 'light' | 'dark';

const THEME_KEY = 'kubeplay.theme';
const darkScheme = typeof matchMedia === 'undefined' ? undefined : matchMedia('(prefers-color-scheme: dark)');
const systemTheme = (): Theme => (darkScheme?.matches ? 'dark' : 'light');

interface ThemeState {
  /** The learner's choice; undefined follows the system. */
  chosen?: Theme;
  system: Theme;
}

const useThemeState = create<ThemeState>(() => {
  const saved = recall(THEME_KEY);
  return { chosen: saved === 'light' || saved === 'dark' ? saved : undefined, system: systemTheme() };
});

const themeOf = (s: ThemeState): Theme => s.chosen ?? s.system;

export const useTheme = (): Theme => useThemeState(themeOf);
export const currentTheme = (): Theme => themeOf(useThemeState.getState());

/** Calls `listener` whenever the theme changes; returns the unsubscribe. */
export function onThemeChange(listener: (theme: Theme) => void): () => void {
  return useThemeState.subscribe((now, before) => {
    if (themeOf(now) !== themeOf(before)) listener(themeOf(now));
  });
}

export function chooseTheme(theme: Theme): void {
  remember(THEME_KEY, theme);
  useThemeState.setState({ chosen: theme });
}

darkScheme?.addEventListener('change', () => useThemeState.setState({ system: systemTheme() }));
if (typeof document !== 'undefined') {
  const root = document.documentElement;
  root.dataset.theme = currentTheme();
  onThemeChange((theme) => (root.dataset.theme = theme));
}

const STRINGS = defineStrings({
  en: { dark: 'Dark theme', darkTitle: 'Switch between the light and the dark theme' },
  zh: { dark: '深色主题', darkTitle: '在浅色和深色主题之间切换' },
});

/** The top bar's theme switch: pressed means dark. */
export function ThemeToggle() {
  const dark = useTheme() === 'dark';
  const strings = useStrings(STRINGS);
  return (
    <button type="button" className="theme-toggle" aria-pressed={dark} title={strings.darkTitle} onClick={() => chooseTheme(dark ? 'light' : 'dark')}>
      {strings.dark}
    </button>
  );
}
