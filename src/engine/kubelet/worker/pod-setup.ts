/**
 * What a pod needs before its first container: its volumes (`MountVolume.SetUp`, `FailedMount`
 * when a ConfigMap, Secret or ServiceAccount is missing) and its sandbox — the network namespace
 * and IP — with the files the kubelet writes for it (/etc/hosts, /etc/hostname, resolv.conf).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodSandbox } from '../../runtime/cri/types';
import type { Tree } from '../../runtime/fs';
import { formatResolvConf, hostsFile, podDns, podHostname } from '../rules/dns';
import { failedMountMessage, podFiles, setUpVolumes, type PodFiles } from '../pod/volumes';
import { serviceAccountToken } from '../pod/token';
import type { WorkerContext } from './context';

/** The pod's volumes, or undefined after a `FailedMount` event. */
export function mountPodVolumes(ctx: WorkerContext, pod: Pod): ReadonlyMap<string, Tree> | undefined {
  const { clock, rng, source } = ctx;
  const now = clock.now();
  const setup = setUpVolumes(pod, {
    source,
    now,
    // The atomic writer's directory, `..2026_01_05_09_00_01.3958263545`.
    dataDirName: `..${clock.timestamp().slice(0, 19).replace(/[-T:]/g, '_')}.${rng.between(1_000_000_000, 4_294_967_295)}`,
    token: (serviceAccount, serviceAccountUID, expirationSeconds) =>
      serviceAccountToken(
        {
          namespace: pod.metadata?.namespace ?? 'default',
          podName: pod.metadata?.name ?? '',
          podUID: pod.metadata?.uid ?? '',
          serviceAccount,
          serviceAccountUID,
          issuedAt: Math.floor((clock.epochMs + now) / 1000),
          expirationSeconds,
        },
        rng.fork(`token/${pod.metadata?.uid}`),
      ),
    hostPath: (path, file) => ctx.hostPath(path, file),
  });
  if (setup.ok) return setup.volumes;
  ctx.recorder.event(pod, 'Warning', 'FailedMount', failedMountMessage(setup.volume, setup.error));
  return undefined;
}

/** RunPodSandbox, then the pod's files; undefined after a `FailedCreatePodSandBox` event. */
export function createSandbox(ctx: WorkerContext, pod: Pod, done: (created: { sandbox: PodSandbox; files: PodFiles } | undefined) => void): void {
  const hostNetwork = pod.spec?.hostNetwork === true;
  const { hostname } = podHostname(pod, ctx.clusterDns.domain);
  ctx.runtime.runPodSandbox(
    {
      podUID: pod.metadata?.uid ?? '',
      name: pod.metadata?.name ?? '',
      namespace: pod.metadata?.namespace ?? 'default',
      // A host-network pod has the node's hostname.
      hostname: hostNetwork ? ctx.nodeName : hostname,
      hostNetwork,
    },
    (result) => {
      if (!result.ok) {
        ctx.recorder.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${result.error}`);
        return done(undefined);
      }
      const { clusterDns, nodeDns, nodeHosts, clock } = ctx;
      const files = podFiles(
        hostsFile(pod, [result.sandbox.ip], clusterDns.domain, nodeHosts),
        result.sandbox.config.hostname,
        formatResolvConf(podDns(pod, clusterDns, nodeDns)),
        clock.now(),
      );
      done({ sandbox: result.sandbox, files });
    },
  );
}
