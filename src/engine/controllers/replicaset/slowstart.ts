/**
 * Slow start: create pods in batches of 1, 2, 4, 8, ... and stop at the first batch with a failure.
 * If creations fail — a quota is exhausted, the namespace is terminating — the controller finds out
 * after one request instead of after 500 failed ones.
 *
 * Returns how many calls succeeded and the first error.
 */
export const SLOW_START_INITIAL_BATCH = 1;

export function slowStartBatch<E>(count: number, initialBatchSize: number, fn: () => E | undefined): { successes: number; error: E | undefined } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: E | undefined;
    for (let i = 0; i < batch; i++) {
      const e = fn();
      if (e === undefined) successes++;
      else error ??= e;
    }
    if (error !== undefined) return { successes, error };
    remaining -= batch;
  }
  return { successes, error: undefined };
}

/** The batch sizes slowStartBatch would use for `count` creations when nothing fails. */
export function slowStartBatches(count: number, initialBatchSize = SLOW_START_INITIAL_BATCH): number[] {
  const sizes: number[] = [];
  let remaining = count;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    sizes.push(batch);
    remaining -= batch;
  }
  return sizes;
}
