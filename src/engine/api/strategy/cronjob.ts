/** CronJobs: a schedule and a Job template, whose selector the Job will generate later. */
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import type { KindRules } from './generic';
import { cronScheduleError } from './cron';
import { validateJobSpecBody } from './job';
import { asObject, ensureObject, fields, setDefault } from './object';
import { defaultPodTemplate } from './podspec-defaults';
import { child, invalid, notSupported, required } from './validation/field';
import { goLabelSelector, invalidGo } from './validation/golit';
import { nonNegative } from './workload';

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];

function validateCronJobSpec(raw: unknown, oldSchedule: string | undefined, path = 'spec'): FieldError[] {
  const spec = asObject(raw) ?? {};
  const errs: FieldError[] = [];
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : '';
  if (!schedule) errs.push(required(child(path, 'schedule')));
  else {
    const err = cronScheduleError(schedule);
    if (err) errs.push(invalid(child(path, 'schedule'), schedule, err));
    if (/^(CRON_)?TZ=/.test(schedule) && !(oldSchedule ?? '').includes('TZ')) {
      errs.push(invalid(child(path, 'schedule'), schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, child(path, 'startingDeadlineSeconds')));
  const policy = spec.concurrencyPolicy;
  if (!policy) errs.push(required(child(path, 'concurrencyPolicy')));
  else if (!CONCURRENCY.includes(String(policy))) errs.push(notSupported(child(path, 'concurrencyPolicy'), policy, CONCURRENCY));
  const jt = asObject(spec.jobTemplate) ?? {};
  const jtSpecPath = child(path, 'jobTemplate.spec');
  const jobSpec = asObject(jt.spec) ?? {};
  errs.push(...validateJobSpecBody(jobSpec, jtSpecPath));
  if (jobSpec.selector != null) errs.push(invalidGo(child(jtSpecPath, 'selector'), goLabelSelector(asObject(jobSpec.selector) as never), '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errs.push(notSupported(child(jtSpecPath, 'manualSelector'), true, ['nil', 'false']));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, child(path, 'successfulJobsHistoryLimit')));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, child(path, 'failedJobsHistoryLimit')));
  return errs;
}

export function cronJobRules(_resource: ResourceInfo): KindRules {
  return {
    hasStatus: true,
    generationFields: ['spec'],
    defaults(obj) {
      const spec = ensureObject(fields(obj), 'spec');
      setDefault(spec, 'concurrencyPolicy', 'Allow');
      setDefault(spec, 'suspend', false);
      setDefault(spec, 'successfulJobsHistoryLimit', 3);
      setDefault(spec, 'failedJobsHistoryLimit', 1);
      const jobTemplate = ensureObject(spec, 'jobTemplate');
      const jtMeta = ensureObject(jobTemplate, 'metadata');
      if (jtMeta.creationTimestamp === undefined) jtMeta.creationTimestamp = null;
      const jobSpec = ensureObject(jobTemplate, 'spec');
      defaultPodTemplate(ensureObject(jobSpec, 'template'));
    },
    validate: (obj) => validateCronJobSpec(fields(obj).spec, undefined),
    validateUpdate: () => [],
  };
}

export { validateCronJobSpec };
