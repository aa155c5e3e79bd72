// The lessons shipped in lessons/: each parses, the languages teach the same steps, commands and
// checks, and a learner who clicks every command in order (waiting a little after each step, as
// the lesson asks) sees no "not found" from the shell and passes every check on a fresh cluster.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster/cluster';
import { playScript, plainTranscript } from '../node/play-script';
import { evaluateCheck, describeCheck } from './checks';
import { clusterView } from './cluster-view';
import { parseLesson } from './parse';
import type { Lesson, Step } from './types';

const ROOT = join(import.meta.dirname, '../../lessons');
const LANGUAGES = readdirSync(ROOT).sort();
/** Simulated time a learner spends after a step before looking at its checks. */
const PAUSE_MS = 30_000;

function load(lang: string, file: string): Lesson {
  const result = parseLesson(readFileSync(join(ROOT, lang, file), 'utf8'));
  if (!result.ok) throw new Error(`${lang}/${file}: ${result.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  return result.lesson;
}

const files = (lang: string): string[] => readdirSync(join(ROOT, lang)).filter((f) => f.endsWith('.md')).sort();
const commandsOf = (step: Step): string[] => step.parts.flatMap((p) => (p.kind === 'commands' ? p.commands : []));
const checksOf = (step: Step) => step.parts.flatMap((p) => (p.kind === 'checks' ? p.checks : []));

describe('lessons', () => {
  it('come in zh and en with the same files', () => {
    expect(LANGUAGES).toEqual(['en', 'zh']);
    expect(files('zh')).toEqual(files('en'));
    expect(files('en').length).toBeGreaterThan(0);
  });

  describe.each(files('en'))('%s', (file) => {
    const en = load('en', file);
    const zh = load('zh', file);

    it('has the same id, order, steps, commands and checks in every language', () => {
      expect(zh.id).toBe(en.id);
      expect(zh.order).toBe(en.order);
      expect(file.startsWith(String(en.order).padStart(2, '0'))).toBe(true);
      expect(zh.steps.length).toBe(en.steps.length);
      expect(zh.steps.map(commandsOf)).toEqual(en.steps.map(commandsOf));
      expect(zh.steps.map(checksOf)).toEqual(en.steps.map(checksOf));
      expect(en.steps.flatMap(checksOf).length).toBeGreaterThan(0);
    });

    it('runs step by step on a fresh cluster: every command is known and every check passes', async () => {
      const cluster = Cluster.create({ seed: 1, workers: 2 });
      const view = clusterView(cluster);
      for (const step of en.steps) {
        const run = await playScript(cluster, commandsOf(step).join('\n'));
        const transcript = plainTranscript(run.output);
        expect(transcript, step.title).not.toMatch(/command not found|: not found/);
        cluster.clock.advance(PAUSE_MS);
        for (const check of checksOf(step)) {
          expect(evaluateCheck(check, view), `${step.title}: ${describeCheck(check)}\n${transcript}`).toMatchObject({ passed: true });
        }
      }
    });
  });
});
