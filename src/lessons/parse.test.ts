import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLesson } from './parse';

const FRONT = '---\nid: demo\ntitle: Demo\nsummary: A demo.\norder: 3\n---\n';
const fence = (info: string, body: string): string => `\`\`\`${info}\n${body}\n\`\`\``;

describe('parseLesson', () => {
  it('reads front matter, intro, steps and their parts in order', () => {
    const source = [
      FRONT,
      'Intro text.',
      '## First step',
      'Some prose.',
      fence('command', 'kubectl get pods\n\n  kubectl get svc  '),
      'More prose.',
      fence('check', '{kind: Pod, name: web, phase: Running}'),
      '## Second step',
      fence('text', '## not a step inside a fence'),
    ].join('\n');
    const result = parseLesson(source);
    expect(result).toEqual({
      ok: true,
      lesson: {
        id: 'demo',
        title: 'Demo',
        summary: 'A demo.',
        order: 3,
        intro: 'Intro text.',
        steps: [
          {
            title: 'First step',
            parts: [
              { kind: 'markdown', text: 'Some prose.' },
              { kind: 'commands', commands: ['kubectl get pods', 'kubectl get svc'] },
              { kind: 'markdown', text: 'More prose.' },
              { kind: 'checks', checks: [{ kind: 'Pod', name: 'web', phase: 'Running' }] },
            ],
          },
          { title: 'Second step', parts: [{ kind: 'markdown', text: '```text\n## not a step inside a fence\n```' }] },
        ],
      },
    });
  });

  it('reads a list of checks, including file checks', () => {
    const source = `${FRONT}## S\n${fence('check', '- {kind: Service, name: nginx, type: ClusterIP}\n- {file: {node: master01, path: /root/pod.yaml}}')}`;
    const result = parseLesson(source);
    expect(result.ok && result.lesson.steps[0]!.parts).toEqual([
      {
        kind: 'checks',
        checks: [
          { kind: 'Service', name: 'nginx', type: 'ClusterIP' },
          { file: { node: 'master01', path: '/root/pod.yaml' } },
        ],
      },
    ]);
  });

  it('reads a diagram block: one of the page\'s live diagrams, by name', () => {
    const result = parseLesson(`${FRONT}## S\n${fence('diagram', 'traffic')}`);
    expect(result.ok && result.lesson.steps[0]!.parts).toEqual([{ kind: 'diagram', diagram: 'traffic' }]);
  });

  // Each bad lesson and the (line, message fragment) errors it must report.
  const bad: [string, string, [number, string][]][] = [
    ['no front matter', '# Title\n', [[1, 'starts with front matter']]],
    ['unclosed front matter', '---\nid: x\n', [[1, 'no closing ---']]],
    ['front matter YAML error', '---\nid: x\ntitle: [oops\n---\n', [[4, 'YAML:']]],
    ['missing fields', '---\nid: x\norder: one\n---\n', [[1, 'title must be'], [1, 'summary must be'], [3, 'order must be an integer']]],
    ['an empty title', FRONT.replace('Demo', "''"), [[3, 'title must be a non-empty string']]],
    ['unknown field', FRONT.replace('order: 3', 'order: 3\nauthor: me'), [[6, 'unknown field author']]],
    ['check YAML error', `${FRONT}## S\n\n${fence('check', '- {kind: Pod, name: web}\n- {kind: Pod, kind: Service}')}`, [[11, 'YAML: duplicated mapping key']]],
    ['condition on the wrong kind', `${FRONT}## S\n${fence('check', '- {kind: Pod, name: a}\n- {kind: Service, name: b, phase: Running}')}`, [[10, 'phase applies to Pod, not Service']]],
    ['name and selector', `${FRONT}## S\n${fence('check', '{kind: Pod, name: a, selector: run=a}')}`, [[9, 'exactly one of name and selector']]],
    ['wrong value type', `${FRONT}## S\n${fence('check', '{kind: Deployment, name: a, availableReplicas: "2"}')}`, [[9, 'availableReplicas must be a number']]],
    ['unknown check field', `${FRONT}## S\n${fence('check', '{kind: Pod, name: a, colour: red}')}`, [[9, 'unknown check field colour']]],
    ['bad selector', `${FRONT}## S\n${fence('check', '{kind: Pod, selector: "run in (a)"}')}`, [[9, 'is not key=value']]],
    ['bad file check', `${FRONT}## S\n${fence('check', '{file: {node: master01}}')}`, [[9, 'needs node and path']]],
    ['empty check block', `${FRONT}## S\n${fence('check', '')}`, [[9, 'the block is empty']]],
    ['unknown diagram', `${FRONT}## S\n${fence('diagram', 'pie chart')}`, [[9, 'diagram: "pie chart" is not one of map, traffic, rollout, timeline, sequence']]],
    ['command before any step', `${FRONT}${fence('command', 'ls')}`, [[7, 'belongs inside a step']]],
    ['unclosed fence', `${FRONT}## S\n\`\`\`command\nls\n`, [[8, 'never closed']]],
  ];
  it.each(bad)('reports %s with its line', (_, source, expected) => {
    const result = parseLesson(source);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => e.line)).toEqual(expected.map(([line]) => line));
    errors.forEach((error, i) => expect(error.message).toContain(expected[i]![1]));
  });

  it('never throws: any text gives a lesson or errors', () => {
    const lessonish = fc.array(
      fc.oneof(
        fc.string(),
        fc.constantFrom('---', '## Step', '```command', '```check', '```', '- {kind: Pod', 'id: x', 'order: 1', '  - [', ': :'),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(lessonish, (lines) => {
        const result = parseLesson(lines.join('\n'));
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) expect(error.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
