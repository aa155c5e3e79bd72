/** The Job `kubectl create job NAME --image=… [-- command]` sends. */
import type { Job } from 'kubernetes-types/batch/v1';
import type { Container } from 'kubernetes-types/core/v1';
import { KubectlError } from '../framework/errors';
import { clientObjectMeta } from './meta';

export interface CreateJobSpec {
  name: string;
  image?: string;
  command?: readonly string[];
}

export function jobForCreate(spec: CreateJobSpec): Job {
  // kubectl also accepts `--from=cronjob/NAME`; the playground has no CronJob to copy yet.
  if (!spec.image) throw new KubectlError('either --image or --from must be specified');
  const container: Container = { name: spec.name, image: spec.image };
  if (spec.command && spec.command.length > 0) container.command = [...spec.command];
  container.resources = {};
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: clientObjectMeta(spec.name),
    spec: { template: { metadata: clientObjectMeta(undefined), spec: { containers: [container], restartPolicy: 'Never' } } },
    status: {},
  };
}
