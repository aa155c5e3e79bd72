/**
 * Reads a lesson file (see types.ts) into a Lesson. Pure and total: whatever the text, it returns
 * either the lesson or the errors, each with the 1-based line of the file it is about.
 */
import { load, YAMLException } from 'js-yaml';
import { validateCheck } from './checks';
import { DIAGRAM_NAMES, type Check, type DiagramName, type LessonError, type LessonMeta, type ParseResult, type Step, type StepPart } from './types';

const FENCE = /^(`{3,}|~{3,})\s*([^`\s]*)/;
const STEP_HEADING = /^## +(.+?)\s*#*\s*$/;

export function parseLesson(source: string): ParseResult {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const errors: LessonError[] = [];
  const front = readFrontMatter(lines, errors);
  const body = splitBody(lines, front.bodyStart, errors);
  if (errors.length > 0 || !front.meta) return { ok: false, errors };
  return { ok: true, lesson: { ...front.meta, ...body } };
}

function readFrontMatter(lines: string[], errors: LessonError[]): { meta?: LessonMeta; bodyStart: number } {
  if (lines[0]?.trim() !== '---') {
    errors.push({ line: 1, message: 'a lesson starts with front matter: a line ---, then id, title, summary and order, then ---' });
    return { bodyStart: 0 };
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) {
    errors.push({ line: 1, message: 'the front matter has no closing --- line' });
    return { bodyStart: lines.length };
  }
  const yaml = readYaml(lines.slice(1, end).join('\n'), 2, errors);
  if (!yaml) return { bodyStart: end + 1 };
  const data = yaml.value;
  const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  /** A field's line in the file (its `key:` line), or the opening --- when it is missing. */
  const lineOf = (key: string): number => {
    const index = lines.slice(1, end).findIndex((line) => line.startsWith(`${key}:`));
    return index < 0 ? 1 : index + 2;
  };
  const problems: LessonError[] = [];
  const problem = (key: string, message: string): void => {
    problems.push({ line: lineOf(key), message: `front matter: ${message}` });
  };
  for (const key of ['id', 'title', 'summary'] as const) {
    if (typeof record[key] !== 'string' || record[key] === '') problem(key, `${key} must be a non-empty string`);
  }
  if (!Number.isInteger(record.order)) problem('order', 'order must be an integer');
  for (const key of Object.keys(record).filter((k) => !['id', 'title', 'summary', 'order'].includes(k))) {
    problem(key, `unknown field ${key} (known: id, title, summary, order)`);
  }
  errors.push(...problems);
  if (problems.length > 0) return { bodyStart: end + 1 };
  const { id, title, summary, order } = record as unknown as LessonMeta;
  return { meta: { id, title, summary, order }, bodyStart: end + 1 };
}

/** Splits the Markdown into the intro and the `## ` steps, lifting out command, check and diagram blocks. */
function splitBody(lines: string[], start: number, errors: LessonError[]): { intro: string; steps: Step[] } {
  let intro = '';
  const steps: { title: string; parts: StepPart[] }[] = [];
  let prose: string[] = [];
  /** Ends a run of prose: it becomes the intro, or a Markdown part of the current step. */
  const flush = (): void => {
    const text = prose.join('\n').trim();
    prose = [];
    const step = steps.at(-1);
    if (!step) intro = text;
    else if (text !== '') step.parts.push({ kind: 'markdown', text });
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = STEP_HEADING.exec(line);
    if (heading) {
      flush();
      steps.push({ title: heading[1]!, parts: [] });
      continue;
    }
    const fence = FENCE.exec(line);
    if (!fence) {
      prose.push(line);
      continue;
    }
    const close = findFenceEnd(lines, i, fence[1]!);
    if (close < 0) {
      errors.push({ line: i + 1, message: `the code block opened here (${fence[1]}) is never closed` });
      break;
    }
    const info = fence[2];
    const step = steps.at(-1);
    if (info !== 'command' && info !== 'check' && info !== 'diagram') {
      prose.push(...lines.slice(i, close + 1));
    } else if (!step) {
      errors.push({ line: i + 1, message: `a ${info} block belongs inside a step (after a "## " heading)` });
    } else {
      flush();
      const content = lines.slice(i + 1, close);
      if (info === 'command') step.parts.push({ kind: 'commands', commands: content.map((l) => l.trim()).filter((l) => l !== '') });
      else if (info === 'check') step.parts.push({ kind: 'checks', checks: readChecks(content.join('\n'), i + 2, errors) });
      else {
        const name = content.join(' ').trim();
        if ((DIAGRAM_NAMES as readonly string[]).includes(name)) step.parts.push({ kind: 'diagram', diagram: name as DiagramName });
        else errors.push({ line: i + 2, message: `diagram: "${name}" is not one of ${DIAGRAM_NAMES.join(', ')}` });
      }
    }
    i = close;
  }
  flush();
  return { intro, steps };
}

/** The line index of the fence that closes the one opened at `open`, or -1. */
function findFenceEnd(lines: string[], open: number, marker: string): number {
  for (let i = open + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith(marker[0]!.repeat(marker.length)) && /^[`~]+$/.test(line)) return i;
  }
  return -1;
}

/** A check block: one condition mapping or a list of them. */
function readChecks(text: string, firstLine: number, errors: LessonError[]): Check[] {
  const yaml = readYaml(text, firstLine, errors);
  if (!yaml) return [];
  const data = yaml.value;
  const items: unknown[] = Array.isArray(data) ? data : data === null || data === undefined ? [] : [data];
  const checks: Check[] = [];
  items.forEach((item, index) => {
    const result = validateCheck(item);
    if ('check' in result) checks.push(result.check);
    else errors.push({ line: firstLine + lineOfItem(text, index, Array.isArray(data)), message: `check: ${result.error}` });
  });
  if (items.length === 0) errors.push({ line: firstLine, message: 'check: the block is empty' });
  return checks;
}

/** The line (0-based, within the block) where list item `index` starts. */
function lineOfItem(text: string, index: number, isList: boolean): number {
  if (!isList) return 0;
  const starts = text.split('\n').flatMap((line, i) => (/^\s*- /.test(line) || /^\s*-$/.test(line) ? [i] : []));
  return starts[index] ?? 0;
}

/** YAML from the lesson, or undefined with an error at the file's line (`firstLine` is the text's first). */
function readYaml(text: string, firstLine: number, errors: LessonError[]): { value: unknown } | undefined {
  try {
    return { value: load(text) };
  } catch (error) {
    const yamlError = error instanceof YAMLException ? error : undefined;
    const message = yamlError ? yamlError.reason : String(error);
    errors.push({ line: firstLine + (yamlError?.mark?.line ?? 0), message: `YAML: ${message}` });
    return undefined;
  }
}
