/**
 * `kubectl describe` on a simulated cluster, compared line for line with what the real kubectl
 * 1.30 printed against `kubeplay serve` for the same objects (captured below), the varying parts
 * — names, IPs, ids, times, ages — filled in from the objects themselves.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';
import { rfc1123z } from './writer';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);

beforeAll(() => {
  learner = new Learner();
  // The tutorial's rolling update: myapp v1, then set image v2.
  expect(onMaster('kubectl create deployment myapp --image=ikubernetes/myapp:v1 --replicas=2').code).toBe(0);
  learner.wait(30_000);
  expect(onMaster('kubectl set image deployment/myapp myapp=ikubernetes/myapp:v2').code).toBe(0);
  learner.wait(60_000);
});

/** The running v2 pods of myapp, by name. */
function myappPods(): Pod[] {
  const out = onMaster("kubectl get pods -l app=myapp -o jsonpath='{.items[*].metadata.name}'");
  return out.output.trim().split(/\s+/).map((name) => learner.must(name).pod);
}

describe('kubectl describe pod', () => {
  it('prints the pod after the rolling update as kubectl 1.30 does: image v2, its events', () => {
    const pod = myappPods().find((p) => p.status?.phase === 'Running')!;
    const name = pod.metadata!.name!;
    const c = pod.status!.containerStatuses![0]!;
    const token = pod.spec!.volumes![0]!.name;
    const r = onMaster(`kubectl describe po ${name}`);
    expect(r.code).toBe(0);
    const events = r.output.slice(r.output.indexOf('Events:'));
    expect(r.output.slice(0, r.output.indexOf('Events:'))).toBe(`Name:             ${name}
Namespace:        default
Priority:         0
Service Account:  default
Node:             ${pod.spec!.nodeName}/${pod.status!.hostIP}
Start Time:       ${rfc1123z(pod.status!.startTime)}
Labels:           app=myapp
                  pod-template-hash=${pod.metadata!.labels!['pod-template-hash']}
Annotations:      <none>
Status:           Running
IP:               ${pod.status!.podIP}
IPs:
  IP:           ${pod.status!.podIP}
Controlled By:  ReplicaSet/${pod.metadata!.ownerReferences![0]!.name}
Containers:
  myapp:
    Container ID:   ${c.containerID}
    Image:          ikubernetes/myapp:v2
    Image ID:       docker.io/ikubernetes/myapp@sha256:2de48081dc45cfb0e23bd88fb6d442eeb058dd45afc9d8c42abbdac3b06a3232
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      ${rfc1123z(c.state!.running!.startedAt)}
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from ${token} (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  ${token}:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
`);
    const lines = events.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Events:',
      expect.stringMatching(/^ {2}Type {4}Reason {5}Age {2,}From {15}Message$/),
      expect.stringMatching(/^ {2}---- {4}------ {5}---- +---- {15}-------$/),
    ]);
    expect(lines.slice(3).map((l) => l.replace(/ {2}\d+s +/, '  AGE  '))).toEqual([
      `  Normal  Scheduled  AGE  default-scheduler  Successfully assigned default/${name} to ${pod.spec!.nodeName}`,
      '  Normal  Pulling    AGE  kubelet            Pulling image "ikubernetes/myapp:v2"',
      expect.stringMatching(/^ {2}Normal {2}Pulled {5}AGE {2}kubelet {12}Successfully pulled image "ikubernetes\/myapp:v2" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 6488305 bytes\.$/),
      '  Normal  Created    AGE  kubelet            Created container myapp',
      '  Normal  Started    AGE  kubelet            Started container myapp',
    ]);
  });

  it('a name prefix describes every matching pod; --show-events=false drops the events', () => {
    const r = onMaster('kubectl describe pod myapp --show-events=false');
    expect(r.code).toBe(0);
    const names = [...r.output.matchAll(/^Name: +(\S+)$/gm)].map((m) => m[1]);
    expect(names).toEqual(myappPods().map((p) => p.metadata!.name).sort());
    expect(r.output).not.toContain('Events:');
    // kubectl prints each match followed by one newline: a blank line between them.
    expect(r.output).toContain('op=Exists for 300s\n\nName:');
  });

  it('NotFound texts and exit codes as kubectl prints them', () => {
    expect(onMaster('kubectl describe pod nope')).toEqual({ output: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(onMaster('kubectl describe pod/nope pod/nope2')).toEqual({
      output: 'Error from server (NotFound): pods "nope" not found\nError from server (NotFound): pods "nope2" not found\n',
      code: 1,
    });
    expect(onMaster('kubectl describe pods -l app=zzz')).toEqual({ output: 'No resources found in default namespace.\n', code: 0 });
    expect(onMaster('kubectl describe nope')).toEqual({ output: 'error: the server doesn\'t have a resource type "nope"\n', code: 1 });
    expect(onMaster('kubectl describe')).toEqual({
      output: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
      code: 1,
    });
  });
});

describe('kubectl describe deployment, replicaset, service, node, namespace', () => {
  it('a deployment after its rolling update: revision 2, old and new replica sets, scaling events', () => {
    const rs = onMaster("kubectl get rs -l app=myapp -o jsonpath='{range .items[*]}{.metadata.name} {.spec.replicas}{\"\\n\"}{end}'").output.trim().split('\n').map((l) => l.split(' '));
    const [oldRs] = rs.find(([, n]) => n === '0')!;
    const [newRs] = rs.find(([, n]) => n === '2')!;
    const r = onMaster('kubectl describe deploy myapp');
    expect(r.code).toBe(0);
    const created = learner.get('deployments', 'myapp', 'apps').metadata!.creationTimestamp;
    expect(r.output.replace(/ {2}\d+s +deployment/g, '  AGE  deployment')).toBe(`Name:                   myapp
Namespace:              default
CreationTimestamp:      ${rfc1123z(created)}
Labels:                 app=myapp
Annotations:            deployment.kubernetes.io/revision: 2
Selector:               app=myapp
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=myapp
  Containers:
   myapp:
    Image:         ikubernetes/myapp:v2
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  ${oldRs} (0/0 replicas created)
NewReplicaSet:   ${newRs} (2/2 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  AGE  deployment-controller  Scaled up replica set ${oldRs} to 2
  Normal  ScalingReplicaSet  AGE  deployment-controller  Scaled up replica set ${newRs} to 1
  Normal  ScalingReplicaSet  AGE  deployment-controller  Scaled down replica set ${oldRs} to 1 from 2
  Normal  ScalingReplicaSet  AGE  deployment-controller  Scaled up replica set ${newRs} to 2 from 1
  Normal  ScalingReplicaSet  AGE  deployment-controller  Scaled down replica set ${oldRs} to 0 from 1
`);
  });

  it('describe rs lists every replica set, two blank lines apart, with pod counts by phase', () => {
    const r = onMaster('kubectl describe rs');
    expect(r.code).toBe(0);
    const parts = r.output.split('\n\n\nName:');
    expect(parts).toHaveLength(2);
    expect(r.output).toMatch(/^Replicas: {7}0 current \/ 0 desired\nPods Status: {4}0 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    expect(r.output).toMatch(/^Replicas: {7}2 current \/ 2 desired\nPods Status: {4}2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    expect(r.output).toMatch(/^Annotations: {4}deployment\.kubernetes\.io\/desired-replicas: 2\n {16}deployment\.kubernetes\.io\/max-replicas: 3\n {16}deployment\.kubernetes\.io\/revision: 1$/m);
  });

  it('a service shows its ports and up to three endpoints', () => {
    expect(onMaster('kubectl expose deployment myapp --port=80').code).toBe(0);
    learner.wait(5_000);
    const svc = learner.get<{ spec: { clusterIP: string } } & import('../../../../engine/api/types').KubeObject>('services', 'myapp');
    const ips = myappPods().map((p) => `${p.status!.podIP}:80`).sort();
    const r = onMaster('kubectl describe svc myapp');
    const shown = /^Endpoints: +(\S+)$/m.exec(r.output)![1]!.split(',').sort();
    expect(shown).toEqual(ips);
    expect(r.output.replace(/^Endpoints: +\S+$/m, 'Endpoints:         EPS')).toBe(`Name:              myapp
Namespace:         default
Labels:            app=myapp
Annotations:       <none>
Selector:          app=myapp
Type:              ClusterIP
IP Family Policy:  SingleStack
IP Families:       IPv4
IP:                ${svc.spec.clusterIP}
IPs:               ${svc.spec.clusterIP}
Port:              <unset>  80/TCP
TargetPort:        80/TCP
Endpoints:         EPS
Session Affinity:  None
Events:            <none>
`);
  });

  it('endpoints and namespaces in kubectl\'s layout', () => {
    const ep = onMaster('kubectl describe endpoints myapp').output;
    expect(ep).toMatch(/^Subsets:\n {2}Addresses: {10}[\d.,]+\n {2}NotReadyAddresses: {2}<none>\n {2}Ports:\n {4}Name {5}Port {2}Protocol\n {4}---- {5}---- {2}--------\n {4}<unset> {2}80 {4}TCP\n\nEvents: {2}<none>\n$/m);
    expect(onMaster('kubectl describe ns default').output).toBe(`Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
  });

  it('a node: lease, conditions, capacity, its pods with their share of the node, events', () => {
    // master01 as kubeadm leaves it: the control plane's static pods, both CoreDNS replicas, kube-proxy and flannel.
    const r = onMaster('kubectl describe node master01');
    expect(r.code).toBe(0);
    expect(r.output).toContain(`Lease:
  HolderIdentity:  master01
  AcquireTime:     <unset>
`);
    // NetworkUnavailable (flannel's) is the widest condition type.
    expect(r.output).toMatch(/^ {2}Type {17}Status {2}LastHeartbeatTime {17}LastTransitionTime {16}Reason {23}Message$/m);
    expect(r.output).toMatch(/^ {2}NetworkUnavailable {3}False {3}.+ {3}FlannelIsUp {18}Flannel is running on this node$/m);
    expect(r.output).toMatch(/^Non-terminated Pods: {10}\(8 in total\)$/m);
    expect(r.output).toMatch(/^ {2}kube-system {17}coredns-\S+ +100m \(2%\) {5}0 \(0%\) {6}70Mi \(0%\) {8}170Mi \(2%\) {5}\S+$/m);
    expect(r.output).toMatch(/^ {2}kube-flannel {16}kube-flannel-ds-\S+ +100m \(2%\) {5}0 \(0%\) {6}50Mi \(0%\) {8}0 \(0%\) {9}\S+$/m);
    expect(r.output).toMatch(/^ {2}kube-system {17}kube-apiserver-master01 +250m \(6%\) {5}0 \(0%\) {6}0 \(0%\) {11}0 \(0%\) {9}\S+$/m);
    expect(r.output).toContain(`Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                950m (23%)  0 (0%)
  memory             290Mi (3%)  340Mi (4%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-1Gi      0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
Events:
`);
    // The node controller's event (the node's uid) and the kubelet's (its name) both appear.
    expect(r.output).toMatch(/^ {2}Normal {2}RegisteredNode +\S+ +node-controller +Node master01 event: Registered Node master01 in Controller$/m);
    expect(r.output).toMatch(/^ {2}Normal {2}NodeReady +\S+ +kubelet +Node master01 status is now: NodeReady$/m);
  });

  it('a ConfigMap prints its data under rules', () => {
    const r = onMaster('kubectl describe cm kube-root-ca.crt');
    expect(r.output).toMatch(/^Annotations: {2}kubernetes\.io\/description:\n {16}Contains a CA bundle .{60,}\.\.\.\n\nData\n====\nca\.crt:\n----\n-----BEGIN CERTIFICATE-----\n/m);
    expect(r.output).toMatch(/-----END CERTIFICATE-----\n\n\nBinaryData\n====\n\nEvents: {2}<none>\n$/);
  });
});
