/**
 * A learner's progress through a lesson: a step is done once all its checks passed together, and
 * stays done (the steps after it may change what its checks see). Done steps are remembered per
 * lesson id in localStorage, so they survive a reload and a change of language (and a Reset: the
 * cluster, saved in IndexedDB by persist/, is what a Reset starts afresh). The saved cluster and
 * exported files carry them too (persist/page-state.ts).
 */
import { describeCheck, type CheckOutcome } from '../../lessons/checks';
import type { Check, Lesson } from '../../lessons/types';

/** The checks of the whole lesson, in order: what the worker is asked to evaluate. */
export function lessonChecks(lesson: Lesson): Check[] {
  return lesson.steps.flatMap(stepChecks);
}

function stepChecks(step: Lesson['steps'][number]): Check[] {
  return step.parts.flatMap((part) => (part.kind === 'checks' ? part.checks : []));
}

/** Indexes of the steps that have checks and whose checks all pass in `outcomes`. */
export function passingSteps(lesson: Lesson, outcomes: ReadonlyMap<string, CheckOutcome>): number[] {
  return lesson.steps.flatMap((step, index) => {
    const checks = stepChecks(step);
    return checks.length > 0 && checks.every((check) => outcomes.get(describeCheck(check))?.passed) ? [index] : [];
  });
}

const key = (lessonId: string): string => `kubeplay.lesson.done.${lessonId}`;

export function loadDoneSteps(lessonId: string): Set<number> {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(key(lessonId)) ?? '[]');
    return new Set(Array.isArray(saved) ? saved.filter((n): n is number => Number.isInteger(n)) : []);
  } catch {
    return new Set();
  }
}

export function saveDoneSteps(lessonId: string, done: ReadonlySet<number>): void {
  localStorage.setItem(key(lessonId), JSON.stringify([...done].sort((a, b) => a - b)));
}

/** Every lesson's done steps, by lesson id: the progress a saved cluster carries. */
export function allDoneSteps(): Record<string, number[]> {
  const all: Record<string, number[]> = {};
  const prefix = key('');
  for (let i = 0; i < localStorage.length; i++) {
    const stored = localStorage.key(i);
    if (stored?.startsWith(prefix)) all[stored.slice(prefix.length)] = [...loadDoneSteps(stored.slice(prefix.length))];
  }
  return all;
}
