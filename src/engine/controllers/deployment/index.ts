export { DeploymentController } from './controller';
export { templateForRollback, lastRevision } from './rollback';
export { resolveFenceposts } from './rolling';
