import { describe, expect, test } from 'vitest';
import { initialLanguage } from './i18n';
import { FRAME_STRINGS } from './frame-strings';
import { TIME_STRINGS } from './time/strings';
import { TERMINAL_STRINGS } from './terminal/strings';
import { EDITOR_STRINGS } from './editor/strings';
import { STRINGS as LESSON_STRINGS } from './lesson/strings';

describe('the page language', () => {
  test.each([
    [null, 'zh-CN', 'zh'],
    [null, 'zh-TW', 'zh'],
    [null, 'ZH', 'zh'],
    [null, 'en-US', 'en'],
    [null, 'fr', 'en'],
    [null, undefined, 'en'],
    ['en', 'zh-CN', 'en'], // the learner's choice wins over the browser's
    ['zh', 'en-US', 'zh'],
    ['klingon', 'zh-CN', 'zh'], // an unknown remembered value is ignored
  ] as const)('remembered %s, browser %s → %s', (saved, browser, language) => {
    expect(initialLanguage(saved, browser)).toBe(language);
  });
});

describe('the strings tables', () => {
  const tables = { FRAME_STRINGS, TIME_STRINGS, TERMINAL_STRINGS, EDITOR_STRINGS, LESSON_STRINGS };
  test.each(Object.entries(tables))('%s: Chinese for every English text, none left in English', (_, table) => {
    const english = table.en as Record<string, unknown>;
    const chinese = table.zh as Record<string, unknown>;
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    // Button labels the two languages share (the language names, "Ctrl-S"…) are fine; sentences are not.
    const untranslated = Object.keys(english).filter((key) => {
      const en = english[key], zh = chinese[key];
      const text = (v: unknown) => (typeof v === 'function' ? (v as (x: string) => string)('X') : String(v));
      return text(en) === text(zh) && /[a-z]{3,} [a-z]{3,}/i.test(text(en));
    });
    expect(untranslated).toEqual([]);
  });
});
