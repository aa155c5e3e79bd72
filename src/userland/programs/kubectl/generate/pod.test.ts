/**
 * `kubectl run` against the real kubectl 1.30: each expected text below is what
 * `kubectl run … --dry-run=client -o yaml|json` printed (captured against `kubeplay serve`).
 */
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { KubectlError, UsageError } from '../framework/errors';
import { podForRun, type RunSpec } from './pod';
import { thrown } from './testing';

describe('kubectl run → Pod', () => {
  it.each<[string, RunSpec, string]>([
    [
      'run nginx --image=nginx',
      { name: 'nginx', image: 'nginx' },
      `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
    ],
    [
      'run nginx-deploy --image=nginx:1.20-alpine --port=80 --labels=app=web,tier=fe --env=A=1 --env=B=x --restart=Never --image-pull-policy=IfNotPresent',
      {
        name: 'nginx-deploy',
        image: 'nginx:1.20-alpine',
        port: '80',
        labels: 'app=web,tier=fe',
        env: ['A=1', 'B=x'],
        restart: 'Never',
        imagePullPolicy: 'IfNotPresent',
      },
      `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    app: web
    tier: fe
  name: nginx-deploy
spec:
  containers:
  - env:
    - name: A
      value: "1"
    - name: B
      value: x
    image: nginx:1.20-alpine
    imagePullPolicy: IfNotPresent
    name: nginx-deploy
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}
`,
    ],
    [
      'run bb --image=busybox --command -- sleep 3600',
      { name: 'bb', image: 'busybox', command: true, args: ['sleep', '3600'] },
      `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: bb
  name: bb
spec:
  containers:
  - command:
    - sleep
    - "3600"
    image: busybox
    name: bb
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
    ],
    [
      'run bb --image=busybox -- sleep 3600',
      { name: 'bb', image: 'busybox', args: ['sleep', '3600'] },
      `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: bb
  name: bb
spec:
  containers:
  - args:
    - sleep
    - "3600"
    image: busybox
    name: bb
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
    ],
  ])('%s', (_, spec, yaml) => {
    expect(podForRun(spec)).toEqual(load(yaml));
  });

  it('builds the fields in the order `-o json` prints them', () => {
    const pod = podForRun({
      name: 'nginx-deploy',
      image: 'nginx:1.20-alpine',
      port: '80',
      labels: 'tier=fe,app=web',
      env: ['A=1'],
      restart: 'Never',
      imagePullPolicy: 'IfNotPresent',
    });
    expect(JSON.stringify(pod, null, 4)).toBe(`{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "nginx-deploy",
        "creationTimestamp": null,
        "labels": {
            "app": "web",
            "tier": "fe"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "nginx-deploy",
                "image": "nginx:1.20-alpine",
                "ports": [
                    {
                        "containerPort": 80
                    }
                ],
                "env": [
                    {
                        "name": "A",
                        "value": "1"
                    }
                ],
                "resources": {},
                "imagePullPolicy": "IfNotPresent"
            }
        ],
        "restartPolicy": "Never",
        "dnsPolicy": "ClusterFirst"
    },
    "status": {}
}`);
  });

  it('-i and -t ask for a terminal that closes with the first attach', () => {
    expect(podForRun({ name: 'c', image: 'busybox', stdin: true, tty: true }).spec!.containers[0]).toEqual({
      name: 'c',
      image: 'busybox',
      resources: {},
      stdin: true,
      stdinOnce: true,
      tty: true,
    });
  });

  it.each<[string, RunSpec, string, boolean]>([
    ['--labels=a', { name: 'x', image: 'nginx', labels: 'a' }, 'unexpected label spec: a', false],
    ['--labels=a=b,=c', { name: 'x', image: 'nginx', labels: 'a=b,=c' }, 'unexpected empty label key', false],
    ['--env=1A=b', { name: 'x', image: 'nginx', env: ['1A=b'] }, 'invalid env: 1A=b', false],
    ['--env=A', { name: 'x', image: 'nginx', env: ['A'] }, 'invalid env: A', false],
    ['--port=abc', { name: 'x', image: 'nginx', port: 'abc' }, 'strconv.Atoi: parsing "abc": invalid syntax', false],
    ['--image-pull-policy=Sometimes', { name: 'x', image: 'nginx', imagePullPolicy: 'Sometimes' }, 'invalid image pull policy: Sometimes', true],
    ['--restart=Sometimes', { name: 'x', image: 'nginx', restart: 'Sometimes' }, 'invalid restart policy: Sometimes', true],
    ['--image=NGINX', { name: 'x', image: 'NGINX' }, 'Invalid image name "NGINX": invalid reference format', false],
  ])('%s is refused as kubectl refuses it', (_, spec, message, seeHelp) => {
    const error = thrown(() => podForRun(spec));
    // A usage mistake also points to `kubectl run -h`; a bad value does not.
    expect(error).toBeInstanceOf(seeHelp ? UsageError : KubectlError);
    expect(error instanceof UsageError).toBe(seeHelp);
    expect(error).toMatchObject({ message });
  });
});
