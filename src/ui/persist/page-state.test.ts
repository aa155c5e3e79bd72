import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';

/** localStorage as the browser has it, for a test without a DOM (installed before the modules read it). */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(i: number): string | null {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}
const storage = new MemoryStorage();
Object.assign(globalThis, { localStorage: storage });

const { applyPageState, checkPageState, gatherPageState, restoreSavedPage } = await import('./page-state');
const { useLanguage } = await import('../i18n');
const { currentTheme } = await import('../theme');
const { loadDoneSteps } = await import('../lesson/progress');
type PageState = import('./page-state').PageState;

const FULL: PageState = { language: 'zh', theme: 'dark', lessonOpen: false, lesson: 'pods', diagramTab: 'timeline', speed: 5, done: { pods: [0, 2], services: [1] } };

beforeEach(() => storage.clear());

describe('the page part of a saved cluster', () => {
  it('gathers the settings and progress from localStorage, and puts them back', () => {
    applyPageState(FULL);
    expect(useLanguage.getState().language).toBe('zh');
    expect(currentTheme()).toBe('dark');
    expect([...loadDoneSteps('pods')]).toEqual([0, 2]);
    expect(storage.getItem('kubeplay.time.speed')).toBe('5');
    expect(storage.getItem('kubeplay.lesson.open')).toBe('false');
    expect(gatherPageState()).toEqual(FULL);
  });

  it('on load, only what localStorage lost comes back from the saved record', () => {
    applyPageState({ language: 'en', speed: 2, done: { pods: [0] } });
    restoreSavedPage(FULL);
    expect(gatherPageState()).toEqual({ ...FULL, language: 'en', speed: 2, done: { pods: [0], services: [1] } });
  });

  it('a damaged page section in the saved record is ignored on load', () => {
    restoreSavedPage({ speed: 'fast' });
    restoreSavedPage('garbage');
    expect(gatherPageState()).toEqual({});
  });

  it.each<[string, unknown, ReturnType<typeof checkPageState>]>([
    ['a full section', FULL, { ok: true, page: FULL }],
    ['an empty one', {}, { ok: true, page: {} }],
    ['unknown keys, dropped', { language: 'en', fontSize: 14, __proto__x: 1 }, { ok: true, page: { language: 'en' } }],
    ['not an object', [], { ok: false, problem: { code: 'page-not-object' } }],
    ['null', null, { ok: false, problem: { code: 'page-not-object' } }],
    ['a language we do not have', { language: 'fr' }, { ok: false, problem: { code: 'page-field-type', field: 'page.language', expected: 'en|zh' } }],
    ['a speed as text', { speed: '5' }, { ok: false, problem: { code: 'page-field-type', field: 'page.speed', expected: '0|1|2|5|10|60' } }],
    ['a speed the controls lack', { speed: 3 }, { ok: false, problem: { code: 'page-field-type', field: 'page.speed', expected: '0|1|2|5|10|60' } }],
    ['lessonOpen as text', { lessonOpen: 'true' }, { ok: false, problem: { code: 'page-field-type', field: 'page.lessonOpen', expected: 'true|false' } }],
    ['a lesson that is no text', { lesson: 7 }, { ok: false, problem: { code: 'page-field-type', field: 'page.lesson', expected: 'text' } }],
    ['done steps that are no list', { done: { pods: 'all' } }, { ok: false, problem: { code: 'page-field-type', field: 'page.done', expected: '{ lesson: [step, …] }' } }],
    ['a negative step', { done: { pods: [-1] } }, { ok: false, problem: { code: 'page-field-type', field: 'page.done', expected: '{ lesson: [step, …] }' } }],
  ])('checks %s', (_, input, expected) => {
    expect(checkPageState(input)).toEqual(expected);
  });

  it('whatever valid state is applied, gathering gives it back (property)', () => {
    const state = fc.record(
      {
        language: fc.constantFrom('en' as const, 'zh' as const),
        theme: fc.constantFrom('light' as const, 'dark' as const),
        lessonOpen: fc.boolean(),
        lesson: fc.string({ minLength: 1 }),
        diagramTab: fc.string({ minLength: 1 }),
        speed: fc.constantFrom(0 as const, 1 as const, 2 as const, 5 as const, 10 as const, 60 as const),
        done: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), fc.uniqueArray(fc.nat(30), { minLength: 1 }).map((steps) => steps.sort((a, b) => a - b)), { minKeys: 1 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(state, (page) => {
        storage.clear();
        applyPageState(page);
        const back = gatherPageState();
        expect(back).toEqual(page);
        expect(checkPageState(JSON.parse(JSON.stringify(back)))).toEqual({ ok: true, page });
      }),
      { numRuns: 100 },
    );
  });
});
