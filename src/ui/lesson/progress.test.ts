import { describe, expect, it } from 'vitest';
import { describeCheck, type CheckOutcome } from '../../lessons/checks';
import { parseLesson } from '../../lessons/parse';
import { lessonChecks, passingSteps } from './progress';
import source from '../../../lessons/en/01-first-pod-and-service.md?raw';

const parsed = parseLesson(source);
if (!parsed.ok) throw new Error('lesson 1 does not parse');
const lesson = parsed.lesson;
const stepOf = (title: string): number => lesson.steps.findIndex((s) => s.title === title);

describe('lesson progress', () => {
  it('asks for every check of the lesson', () => {
    expect(lessonChecks(lesson).map(describeCheck)).toContain('Pod nginx-deploy: phase Running');
    expect(lessonChecks(lesson).map(describeCheck)).toContain('Service nginx: type ClusterIP');
  });

  it('a step is passing when all its checks pass; a step without checks never is', () => {
    const pass = (...keys: string[]): Map<string, CheckOutcome> => new Map(keys.map((k) => [k, { passed: true, detail: '' }]));
    const running = 'Pod nginx-deploy: phase Running';
    const noRestarts = 'Pod nginx-deploy: restartCount 0';
    expect(passingSteps(lesson, pass(running))).toEqual([]);
    expect(passingSteps(lesson, pass(running, noRestarts))).toEqual([stepOf('See where it runs')]);
    const all = pass(...lessonChecks(lesson).map(describeCheck));
    expect(passingSteps(lesson, all)).not.toContain(stepOf('Run nginx in a Pod'));
    expect(passingSteps(lesson, all)).toContain(stepOf('Put a Service in front of it'));
    const failing = new Map(all).set(noRestarts, { passed: false, detail: 'restartCount is 1, want 0' });
    expect(passingSteps(lesson, failing)).not.toContain(stepOf('See where it runs'));
  });
});
