/**
 * What a pod needs before its first container: its volumes (`MountVolume.SetUp`, `FailedMount`
 * when a ConfigMap, Secret or ServiceAccount is missing) and its sandbox — the network namespace
 * and IP — with the files the kubelet writes for it (/etc/hosts, /etc/hostname, resolv.conf).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodSandbox } from '../../runtime/cri/types';
import type { Tree } from '../../runtime/fs';
import { formatResolvConf, hostsFile, podDns, podHostname } from '../rules/dns';
import { failedMountMessage, podFiles, setUpVolumes, type PodFiles, type VolumeContext } from '../pod/volumes';
import type { Rng } from '../../sim/rng';
import { serviceAccountToken } from '../pod/token';
import type { WorkerContext } from './context';

/** The pod's volumes, or undefined after a `FailedMount` event. */
export function mountPodVolumes(ctx: WorkerContext, pod: Pod): ReadonlyMap<string, Tree> | undefined {
  const { clock, rng, source } = ctx;
  const now = clock.now();
  const setup = setUpVolumes(pod, {
    source,
    now,
    // The atomic writer's directory, `..2026_01_05_09_00_01.3958263545` (joined into one flat
    // string: the lazy volumes keep it, and a template's pieces would stay alive with it).
    dataDirName: ['..', clock.timestamp().slice(0, 19).replace(/[-T:]/g, '_'), '.', rng.between(1_000_000_000, 4_294_967_295)].join(''),
    token: tokenIssuer(pod, Math.floor((clock.epochMs + now) / 1000), rng),
    hostPath: (path, file) => ctx.hostPath(path, file),
  });
  if (setup.ok) return setup.volumes;
  ctx.recorder.event(pod, 'Warning', 'FailedMount', failedMountMessage(setup.volume, setup.error));
  return undefined;
}

/**
 * Issues the pod's service-account token when its file is first read. It keeps the few claims
 * it needs rather than the pod, which has long been replaced by newer versions by then.
 */
function tokenIssuer(pod: Pod, issuedAt: number, rng: Rng): VolumeContext['token'] {
  const namespace = pod.metadata?.namespace ?? 'default';
  const podName = pod.metadata?.name ?? '';
  const podUID = pod.metadata?.uid ?? '';
  return (serviceAccount, serviceAccountUID, expirationSeconds) =>
    serviceAccountToken(
      { namespace, podName, podUID, serviceAccount, serviceAccountUID, issuedAt, expirationSeconds },
      rng.fork(`token/${podUID}`),
    );
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
