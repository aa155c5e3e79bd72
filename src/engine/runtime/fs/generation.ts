/**
 * A counter every tree bumps when its structure may change (a file created, removed, renamed,
 * copied up). Path resolutions are cached against it: nginx answering a probe resolves the same
 * few paths thousands of times an hour, and the answer only changes after a write somewhere.
 */
let generation = 0;

export const fsGeneration = (): number => generation;

export function bumpFsGeneration(): void {
  generation++;
}
