import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { describeCheck } from '../../lessons/checks';
import { compileLesson } from '../../lessons/compile';
import { LessonView } from './LessonView';
import { STRINGS } from './strings';
import source from '../../../lessons/en/01-first-pod-and-service.md?raw';

const compiled = compileLesson(source);
if (!compiled.ok) throw new Error('lesson 1 does not parse');
const { lesson, prose } = compiled;

describe('LessonView', () => {
  it('shows every step, each command as a button, and checks as not evaluated yet', () => {
    const html = renderToStaticMarkup(createElement(LessonView, { lesson, prose, strings: STRINGS.en, onCommand: () => {} }));
    expect(html.match(/<li class="lesson-step">/g)).toHaveLength(lesson.steps.length);
    expect(html).toContain('<button type="button" title="Click to type it into the terminal"><code>kubectl get pods -o wide</code></button>');
    expect(html).toContain('<code>Pod nginx-deploy: phase Running</code> <span class="muted">not evaluated yet</span>');
    expect(html).not.toContain('disabled');
    // The prose, from the trees made when the page was built: a step's text with its inline code.
    expect(html).toContain('<code>kubectl run</code>');
    expect(html).toContain('<strong>Pod</strong>');
  });

  it('marks checks with their outcomes, and disables commands without a terminal', () => {
    const outcomes = new Map([
      [describeCheck({ kind: 'Service', name: 'nginx', type: 'ClusterIP' }), { passed: true, detail: 'Service nginx as expected' }],
      [describeCheck({ kind: 'Pod', name: 'client', phase: 'Succeeded' }), { passed: false, detail: 'no Pod named client' }],
    ]);
    const html = renderToStaticMarkup(createElement(LessonView, { lesson, prose, strings: STRINGS.zh, outcomes }));
    expect(html).toContain('<li class="check passed" title="Service nginx as expected">');
    expect(html).toContain('<li class="check failed" title="no Pod named client">');
    expect(html).toContain('尚未检查');
    expect(html).toContain('disabled=""');
  });
});
