export { Scheduler, DEFAULT_SCHEDULER_NAME, type SchedulerOptions } from './scheduler';
export { fitErrorMessage } from './fiterror';
