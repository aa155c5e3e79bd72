/**
 * The tutorial's section 7 pods (probes and hooks) as written there: shared by the scenario tests
 * and the diagrams' tests, which play the same pods.
 */

/** A liveness exec probe that starts failing after 30 s: the kubelet restarts the container. */
export const LIVENESS_EXEC = `
apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec-container
  namespace: default
spec:
  containers:
  - name: liveness-exec-container
    image: busybox:latest
    imagePullPolicy: IfNotPresent
    command: ['/bin/sh','-c','touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 3600']
    livenessProbe:
      exec:
        command: ['test', '-e', '/tmp/healthy']
      initialDelaySeconds: 2
      periodSeconds: 3
`;

/** httpd given `-h /tmp` as one argument cannot chdir to " /tmp": it exits, the postStart hook fails, the container backs off. */
export const POSTSTART = `
apiVersion: v1
kind: Pod
metadata:
  name: poststart-pod
  namespace: default
spec:
  containers:
  - name: busybox-httpd
    image: busybox:latest
    imagePullPolicy: IfNotPresent
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh","-c","echo 'Home Page' >> /tmp/index.html"]
    command: ["/bin/httpd"]
    args: ["-f","-h /tmp"]
`;
