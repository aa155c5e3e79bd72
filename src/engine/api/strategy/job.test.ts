import { describe, expect, it } from 'vitest';
import { create, resource, update } from './testing';

const jobs = resource('batch', 'jobs');
const cronjobs = resource('batch', 'cronjobs');

const job = (template: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default', uid: '1d6e3c8a-0000-4000-8000-000000000001' },
  spec: { template, ...spec },
});
const podTemplate = (restartPolicy?: string) => ({ spec: { containers: [{ name: 'pi', image: 'perl' }], ...(restartPolicy ? { restartPolicy } : {}) } });

describe('Job', () => {
  it('defaults, generates its selector from the uid and labels the template', () => {
    const { obj, errors } = create(jobs, job(podTemplate('Never')));
    expect(errors).toEqual([]);
    const uid = '1d6e3c8a-0000-4000-8000-000000000001';
    const spec = (obj as unknown as { spec: Record<string, unknown> }).spec;
    expect(spec).toMatchObject({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      suspend: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    });
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect((spec.template as { metadata: { labels: unknown } }).metadata.labels).toEqual(labels);
    expect(obj.metadata?.labels).toEqual(labels);
    expect(obj.metadata?.generation).toBe(1);
  });

  it.each([
    ['no restartPolicy', podTemplate(), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['restartPolicy Always', podTemplate('Always'), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['OnFailure', podTemplate('OnFailure'), []],
  ])('%s', (_, template, expected) => {
    expect(create(jobs, job(template)).errors).toEqual(expected);
  });

  it('rejects negative counts', () => {
    expect(create(jobs, job(podTemplate('Never'), { backoffLimit: -1, parallelism: -2 })).errors).toEqual([
      'spec.parallelism: Invalid value: -2: must be greater than or equal to 0',
      'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('keeps the template and completions fixed after creation', () => {
    const stored = create(jobs, job(podTemplate('Never'))).obj;
    const next = JSON.parse(JSON.stringify(stored));
    next.spec.template.spec.containers[0].image = 'perl:5';
    next.spec.completions = 3;
    expect(update(jobs, next, stored).errors).toEqual([
      'spec.completions: Invalid value: 3: field is immutable',
      'spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable',
    ]);
  });
});

describe('CronJob', () => {
  const cron = (schedule: string, restartPolicy = 'OnFailure') => ({
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: { schedule, jobTemplate: { spec: { template: podTemplate(restartPolicy) } } },
  });

  it('defaults its policies and the job template', () => {
    const { obj, errors } = create(cronjobs, cron('*/1 * * * *'));
    expect(errors).toEqual([]);
    expect((obj as unknown as { spec: Record<string, unknown> }).spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      failedJobsHistoryLimit: 1,
      successfulJobsHistoryLimit: 3,
      suspend: false,
      jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: { metadata: { creationTimestamp: null }, spec: { dnsPolicy: 'ClusterFirst' } } } },
    });
  });

  it.each([
    ['@hourly', []],
    ['0 0 * * MON', []],
    ['* * * *', ['spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]']],
    ['61 * * * *', ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']],
    ['x * * * *', ['spec.schedule: Invalid value: "x * * * *": failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax']],
    ['', ['spec.schedule: Required value']],
  ])('schedule %j', (schedule, expected) => {
    expect(create(cronjobs, cron(schedule)).errors).toEqual(expected);
  });

  it('requires a restart policy that lets the job finish', () => {
    expect(create(cronjobs, cron('@daily', 'Always')).errors).toEqual(['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
  });
});
