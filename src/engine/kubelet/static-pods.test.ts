import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { CONFIG_HASH, CONFIG_MIRROR, isMirrorPod, mirrorPodOf, mirrors, staticPodFromManifest } from './static-pods';

const manifest: Pod = { metadata: { name: 'etcd', namespace: 'kube-system' }, spec: { hostNetwork: true, containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.12-0' }] } };
const node: Node = { metadata: { name: 'master01', uid: 'node-uid' } };

describe('static pods', () => {
  it('a manifest becomes <name>-<node>, bound to the node, defaulted, with its hash as uid', () => {
    const pod = staticPodFromManifest(manifest, 'master01', 'T');
    expect(pod.metadata!.name).toBe('etcd-master01');
    expect(pod.spec!.nodeName).toBe('master01');
    expect(pod.spec!.restartPolicy).toBe('Always');
    expect(pod.spec!.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
    expect(pod.metadata!.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(pod.metadata!.annotations).toEqual({ [CONFIG_HASH]: pod.metadata!.uid, 'kubernetes.io/config.seen': 'T', 'kubernetes.io/config.source': 'file' });
    expect(manifest.metadata!.name).toBe('etcd'); // the manifest itself is untouched
  });

  it('the same manifest on the same node hashes the same; another node or another manifest does not', () => {
    const uid = (m: Pod, n: string) => staticPodFromManifest(m, n, 'T').metadata!.uid;
    expect(uid(manifest, 'master01')).toBe(uid(manifest, 'master01'));
    expect(uid(manifest, 'master02')).not.toBe(uid(manifest, 'master01'));
    expect(uid({ ...manifest, metadata: { ...manifest.metadata, labels: { a: 'b' } } }, 'master01')).not.toBe(uid(manifest, 'master01'));
  });

  it('the mirror pod: the config.mirror annotation and the Node as controlling owner', () => {
    const pod = staticPodFromManifest(manifest, 'master01', 'T');
    const mirror = mirrorPodOf(pod, node);
    expect(isMirrorPod(mirror)).toBe(true);
    expect(isMirrorPod(pod)).toBe(false);
    expect(mirror.metadata!.annotations![CONFIG_MIRROR]).toBe(pod.metadata!.uid);
    expect(mirror.metadata!.uid).toBeUndefined();
    expect(mirror.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'master01', uid: 'node-uid', controller: true }]);
    expect(mirrors(mirror, pod)).toBe(true);
    expect(mirrors(mirror, staticPodFromManifest({ ...manifest, spec: { ...manifest.spec!, hostNetwork: false } }, 'master01', 'T'))).toBe(false);
  });
});
