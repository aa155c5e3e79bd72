/**
 * A pod's containers as the node finds them after a reboot. containerd keeps its container
 * records on disk, so they survive; their tasks do not. A container that was running is found
 * exited with containerd's unknownExitCode 255 and reason `Unknown`, finished as the node came
 * back; one that had already ended keeps how it ended. The kubelet, meeting the pod in the
 * apiserver with those containers in its status, starts each again as attempt + 1 — so
 * restartCount goes up by one and lastState.terminated shows the run the reboot cut short.
 */
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { ImageRecord } from '../../runtime/cri/types';
import { fileVolume } from '../../runtime/fs';
import type { Clock } from '../../sim/clock';
import type { Instance } from './container-record';

/** containerd's exit code and reason for a container whose task was lost. */
export const UNKNOWN_EXIT_CODE = 255;
export const UNKNOWN_EXIT_REASON = 'Unknown';

/**
 * The last instance of a container, from the status the apiserver still holds (`image`: the
 * image as the rebooted node has it); undefined when the container never got to run.
 */
export function instanceBeforeReboot(status: ContainerStatus, image: ImageRecord | undefined, clock: Clock): Instance | undefined {
  const { running, terminated } = status.state ?? {};
  // Waiting to start again (a crash loop): the last instance is the one lastState shows.
  const ended = terminated ?? (running ? undefined : status.lastState?.terminated);
  const containerID = ended?.containerID ?? status.containerID;
  if (!image || !containerID || (!running && !ended)) return undefined;
  const at = (timestamp: string | undefined): number | undefined => (timestamp ? clock.toSim(timestamp) : undefined);
  const startedAt = at(running?.startedAt ?? ended?.startedAt);
  const id = containerID.replace(/^[a-z]+:\/\//, '');
  const instance: Instance = {
    id,
    status: {
      id,
      containerID,
      name: status.name,
      attempt: status.restartCount ?? 0,
      state: 'exited',
      createdAt: startedAt ?? clock.now(),
      ...(startedAt !== undefined ? { startedAt } : {}),
      finishedAt: running ? clock.now() : (at(ended?.finishedAt) ?? clock.now()),
      exitCode: running ? UNKNOWN_EXIT_CODE : (ended?.exitCode ?? 0),
      reason: running ? UNKNOWN_EXIT_REASON : (ended?.reason ?? 'Error'),
      image,
    },
    terminationLog: fileVolume('', clock.now()),
  };
  if (!running && ended?.message) instance.message = ended.message;
  return instance;
}
