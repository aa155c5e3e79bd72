/**
 * The lesson panel beside the terminal: the lesson list and the chosen lesson's steps with
 * clickable commands and check marks, in the page's language. It folds away to a thin strip
 * (remembered).
 */
import { useEffect, useState } from 'react';
import type { CheckOutcome } from '../lessons/checks';
import type { Check, Lesson } from '../lessons/types';
import { loadLessons, type CatalogEntry } from './lesson/catalog';
import { useLanguage, useStrings, type Language } from './i18n';
import { recall, recallLessonOpen, remember, rememberLessonOpen } from './remember';
import { LessonView } from './lesson/LessonView';
import { EmbeddedDiagram } from './diagrams/EmbeddedDiagram';
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

const LESSON_KEY = 'kubeplay.lesson.id';

export function LessonSlot({ onCommand, outcomes, onLessonShown }: LessonSlotProps = {}) {
  const [open, setOpen] = useState(recallLessonOpen);
  const language = useLanguage((s) => s.language);
  const [entries, setEntries] = useState<{ language: Language; list: CatalogEntry[] }>();
  const [lessonId, setLessonId] = useState(() => recall(LESSON_KEY) ?? '');
  const strings = useStrings(STRINGS);

  useEffect(() => {
    let current = true;
    void loadLessons(language).then((list) => current && setEntries({ language, list }));
    return () => {
      current = false;
    };
  }, [language]);

  const fold = (): void => {
    rememberLessonOpen(!open);
    setOpen(!open);
  };
  const chooseLesson = (id: string): void => {
    remember(LESSON_KEY, id);
    setLessonId(id);
  };

  const list = entries?.language === language ? entries.list : undefined;
  const chosen = list?.find((e) => 'lesson' in e && e.lesson.id === lessonId) ?? list?.[0];
  const shown = chosen && 'lesson' in chosen ? chosen : undefined;
  const lesson = shown?.lesson;
  const done = useDoneSteps(lesson, outcomes);

  useEffect(() => {
    if (lesson) onLessonShown?.(lessonChecks(lesson));
  }, [lesson, onLessonShown]);

  return (
    <aside className={open ? 'lesson' : 'lesson folded'} aria-label={strings.panel} lang={language}>
      <button className="lesson-toggle" aria-expanded={open} onClick={fold} title={open ? strings.hide : strings.show}>
        {open ? '‹' : '›'}
      </button>
      {open && (
        <div className="lesson-panel">
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
          {shown && <LessonView lesson={shown.lesson} prose={shown.prose} strings={strings} onCommand={onCommand} outcomes={outcomes} done={done} diagram={(name) => <EmbeddedDiagram name={name} />} />}
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
