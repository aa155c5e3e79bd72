// Whatever happens to the jobs — started, stopped, continued, ended, forgotten — a listing marks
// exactly one current job (+) while there are jobs, at most one previous job (-) and never the same
// job twice; a stopped job, when there is one, is the current job (both shells prefer stopped jobs).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { JobTable, type Job } from './jobs';

type Step =
  | { readonly op: 'start' }
  | { readonly op: 'stop' | 'continue' | 'end' | 'forget'; readonly which: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ op: 'start' }),
  fc.record({ op: fc.constantFrom('stop', 'continue', 'end', 'forget'), which: fc.nat(9) }) as fc.Arbitrary<Step>,
);

function play(table: JobTable, steps: readonly Step[]): void {
  let pid = 100;
  for (const s of steps) {
    const jobs = table.list();
    if (s.op === 'start') {
      pid++;
      table.add(pid, [{ pid, command: `sleep ${pid}`, status: undefined }], '/root', true);
      continue;
    }
    const job: Job | undefined = jobs[s.which % Math.max(jobs.length, 1)];
    if (!job) continue;
    const { pid: member } = job.processes[0]!;
    if (s.op === 'stop' && job.state === 'running') table.record(member, { code: 148, signal: 'SIGTSTP', stopped: true });
    if (s.op === 'continue' && job.state === 'stopped') table.continued(job, false);
    if (s.op === 'end' && job.state !== 'done') table.record(member, { code: 143, signal: 'SIGTERM' });
    if (s.op === 'forget' && job.state === 'done') table.remove(job);
  }
}

describe('current and previous job', () => {
  test.each(['bash', 'busybox'] as const)('%s: one +, at most one -, a stopped job is current', (dialect) => {
    fc.assert(fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
      const table = new JobTable(dialect);
      play(table, steps);
      const marks = table.list().map((job) => table.mark(job));
      const live = table.list().filter((job) => job.state !== 'done');
      if (live.length > 0) expect(marks.filter((m) => m === '+')).toHaveLength(1);
      expect(marks.filter((m) => m === '-').length).toBeLessThanOrEqual(1);
      if (live.some((job) => job.state === 'stopped')) expect(table.current?.state).toBe('stopped');
    }));
  });
});
