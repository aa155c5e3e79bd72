/** What a pod worker is given by its kubelet: the node's services, shared by all its pods. */
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import type { EventRecorder } from '../../controllers/framework/recorder';
import type { RuntimeService } from '../../runtime/cri/types';
import type { Tree } from '../../runtime/fs';
import type { Clock } from '../../sim/clock';
import type { Rng } from '../../sim/rng';
import type { ImageManager } from '../images';
import type { ConfigSource } from '../pod/config-source';
import type { NodeHost } from '../probes/network';
import type { ClusterDns, DnsConfig } from '../rules/dns';
import type { TimingProfile } from '../rules/timing';

export interface WorkerContext {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly timing: TimingProfile;
  readonly runtime: RuntimeService;
  readonly images: ImageManager;
  readonly host: NodeHost;
  readonly source: ConfigSource;
  readonly recorder: EventRecorder;
  readonly nodeName: string;
  readonly clusterDns: ClusterDns;
  /** The node's /etc/resolv.conf, for dnsPolicy Default and host-network pods. */
  readonly nodeDns: DnsConfig;
  /** The node's /etc/hosts, for host-network pods. */
  readonly nodeHosts: string;
  nodeIP(): string;
  /** A node directory or file for hostPath volumes. */
  hostPath(path: string, file: boolean): Tree;
  /** The runtime's network error while the pod network is not ready (no CNI config yet), else undefined. */
  networkError(): string | undefined;
  /** Whether the kubelet runs (a stopped kubelet does no pod work). */
  isActive(): boolean;
  /**
   * Writes the pod's status if it changed (status manager). `build` gets the status the apiserver
   * has now (a static pod's comes from its mirror pod).
   */
  writeStatus(pod: Pod, build: (previous: PodStatus | undefined) => PodStatus): void;
  /** The pod's containers have all stopped after its deletion: remove the object (grace 0). */
  confirmDeletion(pod: Pod): void;
  /** The worker is done: its pod is gone and everything is cleaned up. */
  forget(uid: string): void;
}
