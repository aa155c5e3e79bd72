/**
 * The lesson panel beside the terminal: a zh/en switch (remembered), the lesson list, and the
 * chosen lesson's steps with clickable commands and check marks. It folds away to a thin strip.
 */
import { useEffect, useState } from 'react';
import type { CheckOutcome } from '../lessons/checks';
import type { Check, Lesson } from '../lessons/types';
import { LANGUAGES, loadLessons, type CatalogEntry, type Language } from './lesson/catalog';
import { LessonView } from './lesson/LessonView';
import { lessonChecks, loadDoneSteps, passingSteps, saveDoneSteps } from './lesson/progress';
import { STRINGS } from './lesson/strings';
import './lesson/lesson.css';

export interface LessonSlotProps {
  /** Types a clicked command into the terminal (without pressing Enter). */
  onCommand?: (command: string) => void;
  /** Check outcomes keyed by `describeCheck(check)`, once something evaluates them. */
  outcomes?: ReadonlyMap<string, CheckOutcome>;
  /** Told the checks of the shown lesson whenever it changes, so something can evaluate them. */
  onLessonShown?: (checks: readonly Check[]) => void;
}

const LANGUAGE_KEY = 'kubeplay.lesson.language';
const LESSON_KEY = 'kubeplay.lesson.id';

export function LessonSlot({ onCommand, outcomes, onLessonShown }: LessonSlotProps = {}) {
  const [open, setOpen] = useState(true);
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [entries, setEntries] = useState<{ language: Language; list: CatalogEntry[] }>();
  const [lessonId, setLessonId] = useState(() => localStorage.getItem(LESSON_KEY) ?? '');
  const strings = STRINGS[language];

  useEffect(() => {
    let current = true;
    void loadLessons(language).then((list) => current && setEntries({ language, list }));
    return () => {
      current = false;
    };
  }, [language]);

  const chooseLanguage = (next: Language): void => {
    localStorage.setItem(LANGUAGE_KEY, next);
    setLanguage(next);
  };
  const chooseLesson = (id: string): void => {
    localStorage.setItem(LESSON_KEY, id);
    setLessonId(id);
  };

  const list = entries?.language === language ? entries.list : undefined;
  const chosen = list?.find((e) => 'lesson' in e && e.lesson.id === lessonId) ?? list?.[0];
  const lesson = chosen && 'lesson' in chosen ? chosen.lesson : undefined;
  const done = useDoneSteps(lesson, outcomes);

  useEffect(() => {
    if (lesson) onLessonShown?.(lessonChecks(lesson));
  }, [lesson, onLessonShown]);

  return (
    <aside className={open ? 'lesson' : 'lesson folded'} aria-label="lesson" lang={language}>
      <button className="lesson-toggle" aria-expanded={open} onClick={() => setOpen(!open)} title={open ? strings.hide : strings.show}>
        {open ? '‹' : '›'}
      </button>
      {open && (
        <div className="lesson-panel">
          <div className="lesson-languages" role="group" aria-label="language">
            {LANGUAGES.map((l) => (
              <button key={l} type="button" aria-pressed={l === language} onClick={() => chooseLanguage(l)}>
                {l === 'zh' ? '中文' : 'English'}
              </button>
            ))}
          </div>
          {!list && <p className="muted">{strings.loading}</p>}
          {list && (
            <nav aria-label={strings.lessons}>
              <ol className="lesson-list">
                {list.map((entry) => (
                  <li key={entry.file}>
                    {'lesson' in entry ? (
                      <button type="button" aria-current={entry === chosen} title={entry.lesson.summary} onClick={() => chooseLesson(entry.lesson.id)}>
                        {entry.lesson.title}
                      </button>
                    ) : (
                      <span className="muted" title={entry.errors.map((e) => `${entry.file}:${e.line}: ${e.message}`).join('\n')}>
                        {strings.broken}: {entry.file}
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            </nav>
          )}
          {lesson && <LessonView lesson={lesson} strings={strings} onCommand={onCommand} outcomes={outcomes} done={done} />}
        </div>
      )}
    </aside>
  );
}

/** The lesson's done steps: the remembered ones, plus those whose checks pass now (remembered too). */
function useDoneSteps(lesson: Lesson | undefined, outcomes: ReadonlyMap<string, CheckOutcome> | undefined): ReadonlySet<number> {
  const [done, setDone] = useState<{ id: string; steps: ReadonlySet<number> }>();
  useEffect(() => {
    if (!lesson) return;
    const saved = loadDoneSteps(lesson.id);
    const steps = new Set([...saved, ...(outcomes ? passingSteps(lesson, outcomes) : [])]);
    if (steps.size > saved.size) saveDoneSteps(lesson.id, steps);
    setDone({ id: lesson.id, steps });
  }, [lesson, outcomes]);
  return done && done.id === lesson?.id ? done.steps : NONE;
}

const NONE: ReadonlySet<number> = new Set();

/** The remembered language, else the browser's (Chinese or not). */
function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
