/**
 * Controllers that own pods: Deployment, ReplicaSet, ReplicationController, DaemonSet,
 * StatefulSet, Job, CronJob. Counts come straight from status (the controllers keep them), with
 * the server's defaults for fields the user left out.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import type { ReplicationController } from 'kubernetes-types/core/v1';
import {
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  NAME_COLUMN,
  column,
  columns,
  type Printer,
  type RowContext,
} from './columns';
import { boolPtr, containerCells, formatLabels, formatSelector, labelSelectorString } from './format';
import { humanDuration, parseTimestamp } from './duration';

const SELECTOR_DOC =
  'Label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template\'s labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors';

// --- Deployment ---------------------------------------------------------------------------------

export const DEPLOYMENT_COLUMNS = columns(
  NAME_COLUMN,
  column('Ready', 'string', 'Number of the pod with ready state'),
  column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
  column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1),
);

/** READY of a Deployment: `<readyReplicas>/<spec.replicas>` (replicas default to 1). */
export function deploymentReady(d: Deployment): string {
  return `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`;
}

export const deploymentPrinter: Printer<Deployment> = {
  columns: DEPLOYMENT_COLUMNS,
  cells(d: Deployment, ctx: RowContext): unknown[] {
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    // A Deployment prints the raw selector string (empty, or <invalid>), not FormatLabelSelector.
    const selector = labelSelectorString(d.spec?.selector) ?? '<invalid>';
    return [
      d.metadata?.name ?? '',
      deploymentReady(d),
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      ctx.age(d.metadata?.creationTimestamp),
      names,
      images,
      selector,
    ];
  },
};

// --- ReplicaSet / ReplicationController -------------------------------------------------------

export const REPLICASET_COLUMNS = columns(
  NAME_COLUMN,
  column('Desired', 'integer', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller'),
  column('Current', 'integer', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller'),
  column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', SELECTOR_DOC, 1),
);

export const replicaSetPrinter: Printer<ReplicaSet> = {
  columns: REPLICASET_COLUMNS,
  cells(rs: ReplicaSet, ctx: RowContext): unknown[] {
    const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata?.name ?? '',
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      ctx.age(rs.metadata?.creationTimestamp),
      names,
      images,
      formatSelector(rs.spec?.selector),
    ];
  },
};

export const REPLICATION_CONTROLLER_COLUMNS = columns(
  NAME_COLUMN,
  column('Desired', 'integer', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller'),
  column('Current', 'integer', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller'),
  column('Ready', 'integer', 'The number of ready replicas for this replication controller.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', 'Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels#label-selectors', 1),
);

export const replicationControllerPrinter: Printer<ReplicationController> = {
  columns: REPLICATION_CONTROLLER_COLUMNS,
  cells(rc: ReplicationController, ctx: RowContext): unknown[] {
    const [names, images] = containerCells(rc.spec?.template?.spec?.containers);
    return [
      rc.metadata?.name ?? '',
      rc.spec?.replicas ?? 1,
      rc.status?.replicas ?? 0,
      rc.status?.readyReplicas ?? 0,
      ctx.age(rc.metadata?.creationTimestamp),
      names,
      images,
      // An RC selector is a plain label map.
      formatLabels(rc.spec?.selector),
    ];
  },
};

// --- DaemonSet ------------------------------------------------------------------------------------

export const DAEMONSET_COLUMNS = columns(
  NAME_COLUMN,
  column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/'),
  column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/'),
  column('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
  column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
  column('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
  column('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
);

export const daemonSetPrinter: Printer<DaemonSet> = {
  columns: DAEMONSET_COLUMNS,
  cells(ds: DaemonSet, ctx: RowContext): unknown[] {
    const st = ds.status;
    const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
    return [
      ds.metadata?.name ?? '',
      st?.desiredNumberScheduled ?? 0,
      st?.currentNumberScheduled ?? 0,
      st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0,
      st?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      ctx.age(ds.metadata?.creationTimestamp),
      names,
      images,
      formatSelector(ds.spec?.selector),
    ];
  },
};

// --- StatefulSet ----------------------------------------------------------------------------------

export const STATEFULSET_COLUMNS = columns(
  NAME_COLUMN,
  column('Ready', 'string', 'Number of the pod with ready state'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
);

export const statefulSetPrinter: Printer<StatefulSet> = {
  columns: STATEFULSET_COLUMNS,
  cells(sts: StatefulSet, ctx: RowContext): unknown[] {
    const [names, images] = containerCells(sts.spec?.template?.spec?.containers);
    return [
      sts.metadata?.name ?? '',
      `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`,
      ctx.age(sts.metadata?.creationTimestamp),
      names,
      images,
    ];
  },
};

// --- Job ------------------------------------------------------------------------------------------

export const JOB_COLUMNS = columns(
  NAME_COLUMN,
  column('Status', 'string', 'Status of the job.'),
  column('Completions', 'string', 'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.'),
  column('Duration', 'string', 'Time required to complete the job.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1),
);

function jobCondition(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  if (!conditions) return false;
  for (const c of conditions) if (c.type === type) return c.status === 'True';
  return false;
}

/** STATUS of a Job (1.30): Complete, Failed, Terminating, Suspended, FailureTarget, else Running. */
export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (jobCondition(conditions, 'Complete')) return 'Complete';
  if (jobCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (jobCondition(conditions, 'Suspended')) return 'Suspended';
  if (jobCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** COMPLETIONS: `succeeded/completions`, or `n/1` / `n/1 of <parallelism>` for work-queue jobs. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: empty before start, time since start while running, start→completion after. */
export function jobDuration(job: Job, nowWall: number): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const startAt = parseTimestamp(start);
  const completion = job.status?.completionTime;
  return humanDuration((completion ? parseTimestamp(completion) : nowWall) - startAt);
}

export const jobPrinter: Printer<Job> = {
  columns: JOB_COLUMNS,
  cells(job: Job, ctx: RowContext): unknown[] {
    const [names, images] = containerCells(job.spec?.template?.spec?.containers);
    return [
      job.metadata?.name ?? '',
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, ctx.nowWall),
      ctx.age(job.metadata?.creationTimestamp),
      names,
      images,
      formatSelector(job.spec?.selector),
    ];
  },
};

// --- CronJob --------------------------------------------------------------------------------------

export const CRONJOB_COLUMNS = columns(
  NAME_COLUMN,
  column('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
  column('Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones'),
  column('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.'),
  column('Active', 'integer', 'A list of pointers to currently running jobs.'),
  column('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1),
);

export const cronJobPrinter: Printer<CronJob> = {
  columns: CRONJOB_COLUMNS,
  cells(cj: CronJob, ctx: RowContext): unknown[] {
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = containerCells(jobSpec?.template?.spec?.containers);
    const last = cj.status?.lastScheduleTime;
    return [
      cj.metadata?.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      boolPtr(cj.spec?.suspend),
      cj.status?.active?.length ?? 0,
      last ? ctx.age(last) : '<none>',
      ctx.age(cj.metadata?.creationTimestamp),
      names,
      images,
      formatSelector(jobSpec?.selector),
    ];
  },
};
