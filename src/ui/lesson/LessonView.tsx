/** One lesson: its intro, then each step's prose, clickable commands and checks. */
import { describeCheck, type CheckOutcome } from '../../lessons/checks';
import type { ReactNode } from 'react';
import type { MarkdownNode } from '../../lessons/markdown-tree';
import type { Check, DiagramName, Lesson, StepPart } from '../../lessons/types';
import { Markdown } from './Markdown';
import type { Strings } from './strings';

export interface LessonViewProps {
  lesson: Lesson;
  /** The element tree of each piece of the lesson's prose, by its text (lessons/compile.ts). */
  prose: Readonly<Record<string, readonly MarkdownNode[]>>;
  strings: Strings;
  /** Called with a command's text when the learner clicks it (it is typed, never run unseen). */
  onCommand?: (command: string) => void;
  /** Check outcomes keyed by `describeCheck(check)`; a check without one is "not evaluated yet". */
  outcomes?: ReadonlyMap<string, CheckOutcome>;
  /** Indexes of the steps the learner has completed. */
  done?: ReadonlySet<number>;
  /** Draws one of the page's live diagrams where a step embeds it. */
  diagram?: (name: DiagramName) => ReactNode;
}

export function LessonView({ lesson, prose, strings, onCommand, outcomes, done, diagram }: LessonViewProps) {
  return (
    <article className="lesson-body">
      <h2>{lesson.title}</h2>
      <Markdown tree={prose[lesson.intro]} />
      <ol className="lesson-steps">
        {lesson.steps.map((step, index) => (
          <li key={index} className={done?.has(index) ? 'lesson-step done' : 'lesson-step'}>
            <h3>
              <span className="muted">
                {strings.step} {index + 1}
              </span>{' '}
              {step.title}
              {done?.has(index) && (
                <span className="step-done" title={strings.stepDone}>
                  {' '}✓ <span className="muted">{strings.stepDone}</span>
                </span>
              )}
            </h3>
            {step.parts.map((part, i) => (
              <Part key={i} part={part} prose={prose} strings={strings} onCommand={onCommand} outcomes={outcomes} diagram={diagram} />
            ))}
          </li>
        ))}
      </ol>
    </article>
  );
}

function Part({ part, prose, strings, onCommand, outcomes, diagram }: { part: StepPart } & Omit<LessonViewProps, 'lesson' | 'done'>) {
  switch (part.kind) {
    case 'markdown':
      return <Markdown tree={prose[part.text]} />;
    case 'commands':
      return (
        <ul className="lesson-commands">
          {part.commands.map((command, i) => (
            <li key={i}>
              <button type="button" title={strings.typeCommand} disabled={!onCommand} onClick={() => onCommand?.(command)}>
                <code>{command}</code>
              </button>
            </li>
          ))}
        </ul>
      );
    case 'diagram':
      return <figure className="lesson-diagram">{diagram?.(part.diagram)}</figure>;
    case 'checks':
      return (
        <ul className="lesson-checks" aria-label={strings.check}>
          {part.checks.map((check, i) => (
            <CheckLine key={i} check={check} strings={strings} outcome={outcomes?.get(describeCheck(check))} />
          ))}
        </ul>
      );
  }
}

function CheckLine({ check, strings, outcome }: { check: Check; strings: Strings; outcome: CheckOutcome | undefined }) {
  const state = outcome === undefined ? 'pending' : outcome.passed ? 'passed' : 'failed';
  const label = { pending: strings.notEvaluated, passed: strings.passed, failed: strings.failed }[state];
  return (
    <li className={`check ${state}`} title={outcome?.detail}>
      <span className="check-mark" aria-hidden="true">
        {{ pending: '○', passed: '✓', failed: '✗' }[state]}
      </span>
      <code>{describeCheck(check)}</code> <span className="muted">{label}</span>
    </li>
  );
}
