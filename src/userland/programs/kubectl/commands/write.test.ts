/**
 * The commands that change the cluster, typed on master01 of a whole simulated cluster: outputs
 * and exit codes as the real kubectl 1.30 printed them against `kubeplay serve`, and the cluster
 * state they leave behind.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);
const KLOG_W = /^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ helpers\.go:7\d\d\] /;

beforeAll(() => {
  learner = new Learner();
});

describe('kubectl run', () => {
  it('creates a Pod labelled run=NAME', () => {
    expect(onMaster('kubectl run nginx-deploy --image=nginx:1.20-alpine --port=80')).toEqual({ output: 'pod/nginx-deploy created\n', code: 0 });
    const pod = learner.get<Pod>('pods', 'nginx-deploy');
    expect(pod.metadata!.labels).toEqual({ run: 'nginx-deploy' });
    expect(pod.spec!.containers[0]).toMatchObject({ name: 'nginx-deploy', image: 'nginx:1.20-alpine', ports: [{ containerPort: 80, protocol: 'TCP' }] });
    expect(onMaster('kubectl run nginx-deploy --image=nginx')).toEqual({ output: 'Error from server (AlreadyExists): pods "nginx-deploy" already exists\n', code: 1 });
  });

  it('--dry-run=client -o yaml prints the Pod and creates nothing', () => {
    expect(onMaster('kubectl run dry --image=nginx --dry-run=client -o yaml')).toEqual({
      output: `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: dry
  name: dry
spec:
  containers:
  - image: nginx
    name: dry
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
      code: 0,
    });
    expect(onMaster('kubectl get pod dry').code).toBe(1);
  });

  it('the tutorial\'s --dry-run=true: v1.30\'s warning and line, then a hint', () => {
    const r = onMaster('kubectl run nginx-deploy2 --image=nginx:1.20-alpine --port=80 --dry-run=true');
    const lines = r.output.trimEnd().split('\n');
    expect(lines[0]).toMatch(KLOG_W);
    expect(lines[0]).toMatch(/helpers\.go:717\] --dry-run=true is deprecated \(boolean value\) and can be replaced with --dry-run=client\.$/);
    expect(lines[1]).toBe('pod/nginx-deploy2 created (dry run)');
    expect(lines[2]).toMatch(/^kubeplay hint: /);
    expect(lines).toHaveLength(3);
    expect(r.code).toBe(0);
  });

  it('the tutorial\'s --replicas=1: v1.30\'s unknown flag, then a hint', () => {
    const r = onMaster('kubectl run nginx-deploy --image=nginx:1.20-alpine --port=80 --replicas=1');
    const lines = r.output.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['error: unknown flag: --replicas', "See 'kubectl run --help' for usage."]);
    expect(lines[2]).toMatch(/^kubeplay hint: .*kubectl create deployment/);
    expect(r.code).toBe(1);
  });

  it.each([
    ['kubectl run --image=nginx', "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n"],
    ['kubectl run x', 'error: required flag(s) "image" not set\n'],
    ['kubectl run r --image=nginx --restart=Sometimes', "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n"],
    ['kubectl run r --image=NGINX', 'error: Invalid image name "NGINX": invalid reference format\n'],
    ['kubectl run r --image=nginx --expose', "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n"],
    ['kubectl run r --image=nginx --rm', "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n"],
    ['kubectl run r --image=nginx -t', "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n"],
    ['kubectl run r --image=nginx -i --dry-run=client', "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n"],
    ['kubectl run r --image=nginx --dry-run=x', 'error: Invalid dry-run value (x). Must be "none", "server", or "client".\n'],
    [
      'kubectl run Bad --image=nginx',
      `The Pod "Bad" is invalid: \n* metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n* spec.containers[0].name: Invalid value: "Bad": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n`,
    ],
  ])('%s', (line, output) => {
    expect(onMaster(line)).toEqual({ output, code: 1 });
  });

  it('--expose creates the Service first, selecting the pod', () => {
    expect(onMaster('kubectl run ex --image=nginx --port=80 --expose')).toEqual({ output: 'service/ex created\npod/ex created\n', code: 0 });
    expect(learner.get<Service>('services', 'ex').spec).toMatchObject({ selector: { run: 'ex' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
  });
});

describe('kubectl create', () => {
  it('create deployment, then a ClusterIP service for it', () => {
    expect(onMaster('kubectl create deployment myapp --image=ikubernetes/myapp:v1 --replicas=2')).toEqual({ output: 'deployment.apps/myapp created\n', code: 0 });
    expect(learner.get<Deployment>('deployments', 'myapp', 'apps').spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: 'myapp' } } });
    expect(onMaster('kubectl create service clusterip myapp --tcp=80:80')).toEqual({ output: 'service/myapp created\n', code: 0 });
    expect(onMaster('kubectl create namespace dev')).toEqual({ output: 'namespace/dev created\n', code: 0 });
    expect(onMaster('kubectl create namespace dev')).toEqual({ output: 'Error from server (AlreadyExists): namespaces "dev" already exists\n', code: 1 });
    expect(onMaster('kubectl create deployment d')).toEqual({ output: 'error: required flag(s) "image" not set\n', code: 1 });
    expect(onMaster('kubectl create deployment --image=nginx')).toEqual({
      output: "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
      code: 1,
    });
  });

  it('create configmap from literals and a file', () => {
    expect(onMaster('echo hello > greet.txt && kubectl create configmap cf --from-file=greet.txt --from-literal=a=1 -n dev')).toEqual({ output: 'configmap/cf created\n', code: 0 });
    expect(JSON.parse(onMaster('kubectl get configmap cf -n dev -o json').output).data).toEqual({ a: '1', 'greet.txt': 'hello\n' });
  });

  it('create -f with several documents: the others are created, the failure is reported at the end', () => {
    const manifest = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: first\nspec:\n  containers:\n  - name: c\n    image: nginx',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: first\nspec:\n  containers:\n  - name: c\n    image: nginx',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: third',
    ].join('\n---\n');
    const r = onMaster(`cat > two.yaml <<'END'\n${manifest}\nEND\nkubectl create -f two.yaml`);
    expect(r).toEqual({
      output: 'pod/first created\nconfigmap/third created\nError from server (AlreadyExists): error when creating "two.yaml": pods "first" already exists\n',
      code: 1,
    });
  });

  // The tutorial's pod-demo with its tab-indented labels, as a paste into a terminal leaves it:
  // the labels end up as top-level fields the Pod type does not have.
  const strayFields = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: stray\napp: myapp\nspec:\n  containers:\n  - name: c\n    image: nginx\n    imagePullPolicyy: Always';

  it.each([
    ['create -f', 'kubectl create -f stray.yaml', 'error when creating "stray.yaml": '],
    ['apply -f', 'kubectl apply -f stray.yaml', 'error when creating "stray.yaml": '],
    ['replace --force', 'kubectl replace --force -f stray.yaml', 'error when replacing "stray.yaml": '],
  ])('%s checks fields strictly by default (--validate=strict): the server refuses unknown ones', (_, command, context) => {
    const r = onMaster(`printf '${strayFields.replace(/\n/g, '\\n')}\\n' > stray.yaml; ${command}`);
    expect(r.output).toContain(`Error from server (BadRequest): ${context}Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "app", unknown field "spec.containers[0].imagePullPolicyy"\n`);
    expect(r.code).toBe(1);
    expect(onMaster('kubectl get pod stray').code).toBe(1);
  });

  it('--validate=warn creates it and prints each dropped field as a server warning; a bad value is refused before anything is sent', () => {
    expect(onMaster(`printf '${strayFields.replace(/\n/g, '\\n')}\\n' > stray.yaml; kubectl create -f stray.yaml --validate=warn`)).toEqual({
      output: 'Warning: unknown field "app"\nWarning: unknown field "spec.containers[0].imagePullPolicyy"\npod/stray created\n',
      code: 0,
    });
    expect(learner.get<Pod>('pods', 'stray').spec!.containers[0]!.imagePullPolicy).toBe('Always');
    expect(onMaster('kubectl create deployment strict --image=nginx --validate=maybe')).toEqual({
      output: 'error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n',
      code: 1,
    });
    expect(onMaster('kubectl get deployment strict').code).toBe(1);
    expect(onMaster('kubectl -v=6 create deployment strict --image=nginx 2>&1 | grep -o "POST .*Strict"').output).toBe(
      'POST https://192.168.1.130:6443/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict\n',
    );
  });
});

describe('kubectl create -f, several failures', () => {
  it('are listed at the end, one per line, plain ones without their error: prefix', () => {
    const good = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept';
    const noKind = 'apiVersion: v1\nmetadata:\n  name: nokind';
    expect(onMaster(`printf '${good}\\n' > kept.yaml; printf '${noKind}\\n' > nokind.yaml; kubectl create -f kept.yaml -f kept.yaml -f nokind.yaml`)).toEqual({
      output:
        'configmap/kept created\n' +
        'Error from server (AlreadyExists): error when creating "kept.yaml": configmaps "kept" already exists\n' +
        'error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
      code: 1,
    });
  });
});

describe('the tutorial\'s Deployment: expose, scale, set image', () => {
  beforeAll(() => {
    onMaster('kubectl create deployment web --image=nginx --port=80 --replicas=2');
    learner.cluster.clock.advance(60_000);
  });

  it('expose deployment copies selector and port; a deployment without ports cannot be exposed', () => {
    expect(onMaster('kubectl expose deployment web --name=nginx --port=80 --target-port=80 --protocol=TCP')).toEqual({ output: 'service/nginx exposed\n', code: 0 });
    expect(learner.get<Service>('services', 'nginx').spec).toMatchObject({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
    expect(onMaster('kubectl expose deployment myapp --name=myapp')).toEqual({ output: "error: couldn't find port via --port flag or introspection\n", code: 1 });
    expect(onMaster('kubectl expose deploment myapp --name=myapp')).toEqual({ output: 'error: the server doesn\'t have a resource type "deploment"\n', code: 1 });
    expect(onMaster('kubectl expose deployment nope --port=80')).toEqual({ output: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 });
  });

  it('the tutorial\'s expose deployment nginx-deploy after run: v1.30\'s NotFound, then a hint to expose the pod; other misses get no hint', () => {
    expect(onMaster('kubectl expose deployment nginx-deploy --name=nginx --port=80 --target-port=80 --protocol=TCP')).toEqual({
      output:
        'Error from server (NotFound): deployments.apps "nginx-deploy" not found\n' +
        'kubeplay hint: kubectl run made a Pod named nginx-deploy, not a Deployment (since v1.18); expose the pod: kubectl expose pod nginx-deploy --name=NAME --port=PORT\n',
      code: 1,
    });
    expect(onMaster('kubectl expose deployment ghost --port=80')).toEqual({ output: 'Error from server (NotFound): deployments.apps "ghost" not found\n', code: 1 });
  });

  it('expose pod nginx-deploy (the tutorial\'s second form)', () => {
    expect(onMaster('kubectl expose pod nginx-deploy --name=nginx2 --port=80 --target-port=80 --protocol=TCP')).toEqual({ output: 'service/nginx2 exposed\n', code: 0 });
    expect(learner.get<Service>('services', 'nginx2').spec!.selector).toEqual({ run: 'nginx-deploy' });
  });

  it('scale sets the replicas through the scale subresource', () => {
    expect(onMaster('kubectl scale --replicas=5 deployment web')).toEqual({ output: 'deployment.apps/web scaled\n', code: 0 });
    expect(learner.get<Deployment>('deployments', 'web', 'apps').spec!.replicas).toBe(5);
    expect(onMaster('kubectl scale deployment/web --replicas=3 --current-replicas=4')).toEqual({ output: 'error: Expected replicas to be 4, was 5\n', code: 1 });
    expect(onMaster('kubectl scale --replicas=-1 deployment web')).toEqual({
      output: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n',
      code: 1,
    });
    expect(onMaster('kubectl scale deployment web')).toEqual({ output: 'error: required flag(s) "replicas" not set\n', code: 1 });
    expect(onMaster('kubectl scale deployment nope --replicas=2')).toEqual({ output: 'error: no objects passed to scale\n', code: 1 });
  });

  it('the tutorial\'s scale … --port=80: v1.30\'s unknown flag, then a hint; nothing scaled', () => {
    const r = onMaster('kubectl scale --replicas=3 deployment web --port=80');
    const lines = r.output.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['error: unknown flag: --port', "See 'kubectl scale --help' for usage."]);
    expect(lines[2]).toMatch(/^kubeplay hint: /);
    expect(r.code).toBe(1);
    expect(learner.get<Deployment>('deployments', 'web', 'apps').spec!.replicas).toBe(5);
  });

  it('set image changes the template; the same image again prints nothing', () => {
    expect(onMaster('kubectl set image deployment web nginx=nginx:1.26')).toEqual({ output: 'deployment.apps/web image updated\n', code: 0 });
    expect(learner.get<Deployment>('deployments', 'web', 'apps').spec!.template.spec!.containers[0]!.image).toBe('nginx:1.26');
    expect(onMaster('kubectl set image deployment web nginx=nginx:1.26')).toEqual({ output: '', code: 0 });
    expect(onMaster('kubectl set image deployment web nginxx=nginx:1.27')).toEqual({ output: 'error: unable to find container named "nginxx"\n', code: 1 });
    expect(onMaster('kubectl set image deployment web')).toEqual({ output: 'error: at least one image update is required\n', code: 1 });
  });
});

describe('kubectl label and annotate', () => {
  it('adds, refuses to overwrite, overwrites and removes', () => {
    expect(onMaster('kubectl label po nginx-deploy release=canary')).toEqual({ output: 'pod/nginx-deploy labeled\n', code: 0 });
    expect(onMaster('kubectl label po nginx-deploy release=stable')).toEqual({ output: "error: 'release' already has a value (canary), and --overwrite is false\n", code: 1 });
    expect(onMaster('kubectl label po nginx-deploy release=stable --overwrite')).toEqual({ output: 'pod/nginx-deploy labeled\n', code: 0 });
    expect(learner.get<Pod>('pods', 'nginx-deploy').metadata!.labels).toEqual({ run: 'nginx-deploy', release: 'stable' });
    expect(onMaster('kubectl label po nginx-deploy release-')).toEqual({ output: 'pod/nginx-deploy unlabeled\n', code: 0 });
    expect(onMaster('kubectl label po nginx-deploy release-')).toEqual({ output: 'label "release" not found.\npod/nginx-deploy not labeled\n', code: 0 });
    expect(onMaster('kubectl label po nginx-deploy --list')).toEqual({ output: 'run=nginx-deploy\n', code: 0 });
  });

  it('labels a node, and every pod of a selector', () => {
    expect(onMaster('kubectl label nodes worker01 disktype=ssd')).toEqual({ output: 'node/worker01 labeled\n', code: 0 });
    expect(onMaster('kubectl label nodes worker01 disktype=general-disk --overwrite')).toEqual({ output: 'node/worker01 labeled\n', code: 0 });
    const r = onMaster('kubectl label pods -l app=web tier=fe');
    expect(r.code).toBe(0);
    expect(r.output.trimEnd().split('\n').every((l) => /^pod\/web-\w+-\w+ labeled$/.test(l))).toBe(true);
    expect(learner.list<Pod>('pods', 'app=web,tier=fe').length).toBe(learner.list<Pod>('pods', 'app=web').length);
  });

  it('annotate', () => {
    expect(onMaster('kubectl annotate pod nginx-deploy note=hi')).toEqual({ output: 'pod/nginx-deploy annotated\n', code: 0 });
    expect(onMaster('kubectl annotate pod nginx-deploy note=bye')).toEqual({
      output: "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n",
      code: 1,
    });
    expect(onMaster('kubectl annotate pod nginx-deploy note-')).toEqual({ output: 'pod/nginx-deploy annotated\n', code: 0 });
    expect(learner.get<Pod>('pods', 'nginx-deploy').metadata!.annotations?.note).toBeUndefined();
  });
});

describe('kubectl rollout and delete (the tutorial\'s myapp)', () => {
  beforeAll(() => {
    onMaster('kubectl create deployment roll --image=ikubernetes/myapp:v1 --replicas=2');
    learner.cluster.clock.advance(60_000);
  });

  it('status after a set image waits until the new pods are ready, then says so', () => {
    expect(onMaster('kubectl set image deployment roll myapp=ikubernetes/myapp:v2').output).toBe('deployment.apps/roll image updated\n');
    const r = onMaster('kubectl rollout status deployment roll');
    expect(r.code).toBe(0);
    const lines = r.output.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('deployment "roll" successfully rolled out');
    expect(lines.slice(0, -1).every((l) => l.startsWith('Waiting for deployment "roll" rollout to finish: ') || l === 'Waiting for deployment spec update to be observed...')).toBe(true);
    expect(onMaster('kubectl rollout status deployment nope')).toEqual({ output: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 });
  });

  it('history lists both revisions; undo goes back to v1', () => {
    expect(onMaster('kubectl rollout history deployment/roll')).toEqual({
      output: 'deployment.apps/roll \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
      code: 0,
    });
    expect(onMaster('kubectl rollout undo deployment roll')).toEqual({ output: 'deployment.apps/roll rolled back\n', code: 0 });
    expect(learner.get<Deployment>('deployments', 'roll', 'apps').spec!.template.spec!.containers[0]!.image).toBe('ikubernetes/myapp:v1');
    expect(onMaster('kubectl rollout undo deployment roll --to-revision=9')).toEqual({ output: 'error: unable to find specified revision 9 in history\n', code: 1 });
  });

  it('pause, undo refused while paused, resume, restart', () => {
    expect(onMaster('kubectl rollout pause deployment roll')).toEqual({ output: 'deployment.apps/roll paused\n', code: 0 });
    expect(onMaster('kubectl rollout pause deployment roll')).toEqual({ output: 'error: deployments.apps "roll" is already paused\n', code: 1 });
    expect(onMaster('kubectl rollout undo deployment roll')).toEqual({
      output: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
      code: 1,
    });
    expect(onMaster('kubectl rollout resume deployment roll')).toEqual({ output: 'deployment.apps/roll resumed\n', code: 0 });
    expect(onMaster('kubectl rollout restart deployment roll')).toEqual({ output: 'deployment.apps/roll restarted\n', code: 0 });
    expect(learner.get<Deployment>('deployments', 'roll', 'apps').spec!.template.metadata!.annotations).toHaveProperty(['kubectl.kubernetes.io/restartedAt']);
    expect(onMaster('kubectl rollout history pod nginx-deploy')).toEqual({ output: 'error: no history viewer has been implemented for "Pod"\n', code: 1 });
  });

  it('delete prints its line and returns once the pod is gone', () => {
    const before = learner.now;
    expect(onMaster('kubectl delete pod nginx-deploy')).toEqual({ output: 'pod "nginx-deploy" deleted\n', code: 0 });
    expect(onMaster('kubectl get pod nginx-deploy').code).toBe(1);
    expect(learner.now - before).toBeGreaterThan(0);
    expect(onMaster('kubectl delete pod nginx-deploy')).toEqual({ output: 'Error from server (NotFound): pods "nginx-deploy" not found\n', code: 1 });
    expect(onMaster('kubectl delete pod')).toEqual({ output: 'error: resource(s) were provided, but no name was specified\n', code: 1 });
  });

  it('delete -f, --force --grace-period=0 and -l', () => {
    expect(onMaster('kubectl delete -f two.yaml')).toEqual({ output: 'pod "first" deleted\npod "first" deleted\nconfigmap "third" deleted\n', code: 0 });
    onMaster('kubectl run quick --image=busybox -- sleep 3600');
    expect(onMaster('kubectl delete pod quick --grace-period=0 --force')).toEqual({
      output: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "quick" force deleted\n',
      code: 0,
    });
    expect(onMaster('kubectl delete deployment -l app=roll')).toEqual({ output: 'deployment.apps "roll" deleted\n', code: 0 });
    expect(onMaster('kubectl delete pods -l app=nothing')).toEqual({ output: 'No resources found\n', code: 0 });
  });
});

describe('kubectl apply', () => {
  const manifest = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: applied
spec:
  replicas: 1
  selector:
    matchLabels:
      app: applied
  template:
    metadata:
      labels:
        app: applied
    spec:
      containers:
      - name: web
        image: ${image}`;

  it('created, unchanged, configured — and the annotation records the configuration', () => {
    expect(onMaster(`kubectl apply -f - <<'END'\n${manifest('nginx')}\nEND`)).toEqual({ output: 'deployment.apps/applied created\n', code: 0 });
    const recorded = learner.get<Deployment>('deployments', 'applied', 'apps').metadata!.annotations!['kubectl.kubernetes.io/last-applied-configuration']!;
    expect(JSON.parse(recorded)).toMatchObject({ kind: 'Deployment', metadata: { name: 'applied' }, spec: { replicas: 1 } });
    expect(onMaster(`kubectl apply -f - <<'END'\n${manifest('nginx')}\nEND`)).toEqual({ output: 'deployment.apps/applied unchanged\n', code: 0 });
    expect(onMaster(`kubectl apply -f - <<'END'\n${manifest('nginx:1.26')}\nEND`)).toEqual({ output: 'deployment.apps/applied configured\n', code: 0 });
    expect(learner.get<Deployment>('deployments', 'applied', 'apps').spec!.template.spec!.containers[0]!.image).toBe('nginx:1.26');
  });

  it('an object made by create gets the missing-annotation warning, then is configured', () => {
    onMaster('kubectl create deployment plain --image=nginx');
    const r = onMaster(`kubectl apply -f - <<'END'\n${manifest('nginx').replaceAll('applied', 'plain').replace('replicas: 1', 'replicas: 2')}\nEND`);
    expect(r.output).toBe(
      'Warning: resource deployments/plain is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\ndeployment.apps/plain configured\n',
    );
    expect(learner.get<Deployment>('deployments', 'plain', 'apps').spec!.replicas).toBe(2);
  });
});
