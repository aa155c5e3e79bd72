import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { PodTemplateSpec, ReplicationController } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { at, rowContext } from './testkit';
import {
  CRONJOB_COLUMNS,
  DAEMONSET_COLUMNS,
  DEPLOYMENT_COLUMNS,
  JOB_COLUMNS,
  REPLICASET_COLUMNS,
  STATEFULSET_COLUMNS,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobCompletions,
  jobPrinter,
  jobStatus,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads';

const ctx = rowContext(3_600_000);
const meta = { name: 'nginx', creationTimestamp: at(3_600_000 - 12_000) };
const template: PodTemplateSpec = {
  metadata: { labels: { app: 'nginx' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
};
const names = (cols: readonly { name: string }[]) => cols.map((c) => c.name);

describe('Deployment', () => {
  it('prints READY, UP-TO-DATE, AVAILABLE and the wide cells', () => {
    const d: Deployment = {
      metadata: meta,
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2, replicas: 3 },
    };
    expect(deploymentPrinter.cells(d, ctx)).toEqual(['nginx', '2/3', 3, 2, '12s', 'nginx', 'nginx:1.25', 'app=nginx']);
    expect(names(DEPLOYMENT_COLUMNS)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
  });
  it('counts a fresh deployment as 0/1 with replicas defaulted', () => {
    const d: Deployment = { metadata: meta, spec: { selector: {}, template } };
    expect(deploymentPrinter.cells(d, ctx).slice(1, 4)).toEqual(['0/1', 0, 0]);
    expect(deploymentPrinter.cells(d, ctx)[7]).toBe('');
  });
});

describe('ReplicaSet and ReplicationController', () => {
  it('prints DESIRED CURRENT READY with the hash in the selector', () => {
    const rs: ReplicaSet = {
      metadata: { ...meta, name: 'nginx-7854ff8877' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '7854ff8877' } }, template },
      status: { replicas: 3, readyReplicas: 3 },
    };
    expect(replicaSetPrinter.cells(rs, ctx)).toEqual(['nginx-7854ff8877', 3, 3, 3, '12s', 'nginx', 'nginx:1.25', 'app=nginx,pod-template-hash=7854ff8877']);
    expect(names(REPLICASET_COLUMNS)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']);
  });
  it('keeps an old ReplicaSet at 0 0 0', () => {
    const rs: ReplicaSet = { metadata: meta, spec: { replicas: 0, selector: { matchLabels: { app: 'nginx' } }, template }, status: { replicas: 0 } };
    expect(replicaSetPrinter.cells(rs, ctx).slice(1, 4)).toEqual([0, 0, 0]);
  });
  it('prints an RC selector as labels', () => {
    const rc: ReplicationController = { metadata: meta, spec: { replicas: 2, selector: { app: 'nginx' }, template }, status: { replicas: 2, readyReplicas: 1 } };
    expect(replicationControllerPrinter.cells(rc, ctx)).toEqual(['nginx', 2, 2, 1, '12s', 'nginx', 'nginx:1.25', 'app=nginx']);
  });
});

describe('DaemonSet and StatefulSet', () => {
  it('prints the DaemonSet counters and node selector', () => {
    const ds: DaemonSet = {
      metadata: { ...meta, name: 'kube-proxy' },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: { ...template, spec: { ...template.spec!, nodeSelector: { 'kubernetes.io/os': 'linux' } } },
      },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0 },
    };
    expect(daemonSetPrinter.cells(ds, ctx)).toEqual(['kube-proxy', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '12s', 'nginx', 'nginx:1.25', 'k8s-app=kube-proxy']);
    expect(names(DAEMONSET_COLUMNS)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers', 'Images', 'Selector']);
  });
  it('prints StatefulSet READY', () => {
    const sts: StatefulSet = { metadata: { ...meta, name: 'web' }, spec: { replicas: 2, serviceName: 'web', selector: {}, template }, status: { replicas: 1, readyReplicas: 1 } };
    expect(statefulSetPrinter.cells(sts, ctx)).toEqual(['web', '1/2', '12s', 'nginx', 'nginx:1.25']);
    expect(names(STATEFULSET_COLUMNS)).toEqual(['Name', 'Ready', 'Age', 'Containers', 'Images']);
  });
});

describe('Job', () => {
  const job = (spec: Partial<Job['spec']>, status: Job['status'] = {}, deleting = false): Job => ({
    metadata: { ...meta, name: 'pi', ...(deleting ? { deletionTimestamp: at(3_600_000) } : {}) },
    spec: { template, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } }, ...spec },
    status,
  });
  const cond = (type: string, status = 'True') => ({ type, status });

  it.each<[string, Job, string]>([
    ['running', job({ completions: 1 }, { active: 1 }), 'Running'],
    ['complete', job({}, { conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }), 'Complete'],
    ['failed', job({}, { conditions: [cond('FailureTarget'), cond('Failed')] }), 'Failed'],
    ['failing', job({}, { conditions: [cond('FailureTarget')] }), 'FailureTarget'],
    ['suspended', job({ suspend: true }, { conditions: [cond('Suspended')] }), 'Suspended'],
    ['resumed', job({}, { conditions: [cond('Suspended', 'False')] }), 'Running'],
    ['terminating', job({}, {}, true), 'Terminating'],
  ])('STATUS %s', (_, j, want) => {
    expect(jobStatus(j)).toBe(want);
  });

  it.each<[Partial<Job['spec']>, number, string]>([
    [{ completions: 1 }, 0, '0/1'],
    [{ completions: 5 }, 3, '3/5'],
    [{}, 0, '0/1'],
    [{ parallelism: 1 }, 1, '1/1'],
    [{ parallelism: 3 }, 2, '2/1 of 3'],
  ])('COMPLETIONS %j succeeded=%d → %s', (spec, succeeded, want) => {
    expect(jobCompletions(job(spec, { succeeded }))).toBe(want);
  });

  it('prints DURATION while running and once complete', () => {
    const runningJob = job({ completions: 1 }, { startTime: at(3_600_000 - 8_000), active: 1 });
    expect(jobPrinter.cells(runningJob, ctx)).toEqual([
      'pi',
      'Running',
      '0/1',
      '8s',
      '12s',
      'nginx',
      'nginx:1.25',
      'batch.kubernetes.io/controller-uid=abc',
    ]);
    const done = job({ completions: 1 }, { startTime: at(0), completionTime: at(65_000), succeeded: 1, conditions: [cond('Complete')] });
    expect(jobPrinter.cells(done, ctx).slice(1, 4)).toEqual(['Complete', '1/1', '65s']);
    expect(jobPrinter.cells(job({}), ctx)[3]).toBe('');
    expect(names(JOB_COLUMNS)).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector']);
  });
});

describe('CronJob', () => {
  it('prints schedule, timezone, suspend, active and last schedule', () => {
    const cj: CronJob = {
      metadata: { ...meta, name: 'hello' },
      spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template } } },
      status: { active: [{ name: 'hello-28000000' }], lastScheduleTime: at(3_600_000 - 30_000) },
    };
    expect(cronJobPrinter.cells(cj, ctx)).toEqual(['hello', '*/1 * * * *', '<none>', '<unset>', 1, '30s', '12s', 'nginx', 'nginx:1.25', '<none>']);
    const suspended: CronJob = { ...cj, spec: { ...cj.spec!, suspend: false, timeZone: 'Etc/UTC' }, status: {} };
    expect(cronJobPrinter.cells(suspended, ctx).slice(2, 6)).toEqual(['Etc/UTC', 'false', 0, '<none>']);
    expect(names(CRONJOB_COLUMNS)).toEqual(['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers', 'Images', 'Selector']);
  });
});
