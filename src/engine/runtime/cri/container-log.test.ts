import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContainerLog, MAX_LINE_LENGTH, MAX_LOG_LINES } from './container-log';

/** The log a reader reconstructs: complete lines get their newline back, partial ones do not. */
const text = (log: ContainerLog): string => log.lines().map((e) => e.line + (e.partial ? '' : '\n')).join('');

describe('ContainerLog', () => {
  it.each([
    { writes: ['hello\n'], lines: ['hello'] },
    { writes: ['a\nb\n'], lines: ['a', 'b'] },
    { writes: ['wor', 'ld\n'], lines: ['world'] },
    { writes: ['\n\n'], lines: ['', ''] },
    { writes: ['no newline yet'], lines: [] },
  ])('cuts $writes into lines $lines', ({ writes, lines }) => {
    const log = new ContainerLog({ now: () => 0 });
    for (const w of writes) log.write('stdout', w);
    expect(log.lines().map((e) => e.line)).toEqual(lines);
  });

  it('stamps a line with the time its newline arrived', () => {
    let now = 1000;
    const log = new ContainerLog({ now: () => now });
    log.write('stdout', 'start ');
    now = 2500;
    log.write('stdout', 'end\nnext');
    now = 4000;
    log.close('stdout');
    expect(log.lines()).toEqual([
      { time: 2500, stream: 'stdout', line: 'start end', partial: false },
      { time: 4000, stream: 'stdout', line: 'next', partial: true },
    ]);
  });

  it('keeps stdout and stderr lines apart even when their writes interleave', () => {
    const log = new ContainerLog({ now: () => 0 });
    log.write('stdout', 'out-');
    log.write('stderr', 'err\n');
    log.write('stdout', 'line\n');
    expect(log.lines().map((e) => `${e.stream}:${e.line}`)).toEqual(['stderr:err', 'stdout:out-line']);
  });

  it('cuts an overlong line into 16 KiB partial pieces', () => {
    const log = new ContainerLog({ now: () => 0 });
    log.write('stdout', `${'x'.repeat(MAX_LINE_LENGTH * 2 + 5)}\n`);
    expect(log.lines().map((e) => [e.line.length, e.partial])).toEqual([
      [MAX_LINE_LENGTH, true],
      [MAX_LINE_LENGTH, true],
      [5, false],
    ]);
  });

  it('keeps the newest lines once it holds more than MAX_LOG_LINES', () => {
    const log = new ContainerLog({ now: () => 0 });
    const total = MAX_LOG_LINES * 2 + 7;
    for (let i = 1; i <= total; i++) log.write('stdout', `line ${i}\n`);
    const lines = log.lines();
    expect(lines.length).toBeGreaterThanOrEqual(MAX_LOG_LINES);
    expect(lines.length).toBeLessThanOrEqual(MAX_LOG_LINES * 1.1);
    expect(lines.at(-1)?.line).toBe(`line ${total}`);
    expect(lines[0]?.line).toBe(`line ${total - lines.length + 1}`);
  });

  it('tells followers about each line and attached clients about each raw chunk', () => {
    const log = new ContainerLog({ now: () => 0 });
    const followed: string[] = [];
    const chunks: string[] = [];
    const unfollow = log.follow((e) => followed.push(e.line));
    log.onChunk((_, data) => chunks.push(data));
    log.write('stdout', 'a\nb');
    unfollow();
    log.write('stdout', '\nc\n');
    expect(followed).toEqual(['a']);
    expect(chunks).toEqual(['a\nb', '\nc\n']);
  });

  it('tells followers when the container has exited, after its unfinished line', () => {
    const log = new ContainerLog({ now: () => 0 });
    const followed: string[] = [];
    log.follow((e) => followed.push(e.partial ? `${e.line}…` : e.line), () => followed.push('(ended)'));
    log.write('stderr', 'last words');
    log.finish();
    log.follow(() => {}, () => followed.push('(ended at once)'));
    expect(followed).toEqual(['last words…', '(ended)', '(ended at once)']);
  });

  it('gives back exactly what was written, however the writes were cut', () => {
    const chunking = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '\n', 'é') }), { maxLength: 30 });
    fc.assert(
      fc.property(chunking, (writes) => {
        const log = new ContainerLog({ now: () => 0 });
        for (const w of writes) log.write('stdout', w);
        log.close('stdout');
        const whole = new ContainerLog({ now: () => 0 });
        whole.write('stdout', writes.join(''));
        whole.close('stdout');
        expect(text(log)).toBe(writes.join(''));
        expect(log.lines()).toEqual(whole.lines());
      }),
    );
  });
});
