/** `kubectl scale`: the checks before any request, and the body sent to the `scale` subresource. */
import { KubectlError } from '../framework/errors';

export function checkReplicas(replicas: number | undefined): number {
  if (replicas === undefined || !Number.isInteger(replicas) || replicas < 0) {
    throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  }
  return replicas;
}

/** `--current-replicas`: scale only if the object has that many now. */
export function checkCurrentReplicas(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== -1 && expected !== actual) {
    throw new KubectlError(`Expected replicas to be ${expected}, was ${actual}`);
  }
}

/** The JSON merge patch kubectl sends to `<object>/scale`. */
export const scalePatch = (replicas: number): { spec: { replicas: number } } => ({ spec: { replicas } });
