/**
 * kubectl patch and replace on master01 of a simulated cluster: outputs as the real kubectl 1.30
 * printed them against `kubeplay serve`, and the objects they leave behind.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1';
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);
const replicas = () => learner.get<Deployment>('deployments', 'web', 'apps').spec!.replicas;

beforeAll(() => {
  learner = new Learner();
  onMaster('kubectl create deployment web --image=nginx --replicas=2');
  learner.wait(30_000);
});

describe('kubectl patch', () => {
  it('strategic by default; the same patch again is "(no change)"', () => {
    expect(onMaster(`kubectl patch deployment web -p '{"spec":{"replicas":3}}'`)).toEqual({ output: 'deployment.apps/web patched\n', code: 0 });
    expect(replicas()).toBe(3);
    expect(onMaster(`kubectl patch deploy/web -p '{"spec":{"replicas":3}}'`)).toEqual({ output: 'deployment.apps/web patched (no change)\n', code: 0 });
  });

  it('YAML patches, merge and JSON patches', () => {
    expect(onMaster(`kubectl patch deployment web -p 'spec: {replicas: 4}'`).output).toBe('deployment.apps/web patched\n');
    expect(replicas()).toBe(4);
    expect(onMaster(`kubectl patch deployment web --type merge -p '{"metadata":{"labels":{"tier":"front"}}}'`).output).toBe('deployment.apps/web patched\n');
    expect(learner.get<Deployment>('deployments', 'web', 'apps').metadata!.labels).toEqual({ app: 'web', tier: 'front' });
    expect(onMaster(`kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`).output).toBe('deployment.apps/web patched\n');
    expect(replicas()).toBe(2);
  });

  it('a strategic patch merges a container by name', () => {
    expect(onMaster(`kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}'`).code).toBe(0);
    const containers = learner.get<Deployment>('deployments', 'web', 'apps').spec!.template.spec!.containers;
    expect(containers).toHaveLength(1);
    expect(containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.25' });
  });

  it('--subresource scale answers with the Scale; status patches the status', () => {
    expect(onMaster(`kubectl patch deployment web --subresource=scale --type=merge -p '{"spec":{"replicas":1}}'`)).toEqual({ output: 'scale.autoscaling/web patched\n', code: 0 });
    expect(replicas()).toBe(1);
    expect(onMaster(`kubectl patch deployment web --subresource=status -p '{"status":{"observedGeneration":99}}'`).output).toBe('deployment.apps/web patched\n');
  });

  it('--dry-run changes nothing; -o name and -o yaml print the object', () => {
    expect(onMaster(`kubectl patch deployment web -p '{"spec":{"replicas":7}}' --dry-run=client`).output).toBe('deployment.apps/web patched\n');
    expect(onMaster(`kubectl patch deployment web -p '{"spec":{"replicas":7}}' --dry-run=server -o name`).output).toBe('deployment.apps/web\n');
    expect(onMaster(`kubectl patch deployment web -p '{"spec":{"replicas":7}}' --dry-run=client -o yaml`).output).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n[^]*\n {2}replicas: 7\n/);
    expect(replicas()).toBe(1);
  });

  it.each([
    [`kubectl patch deployment web`, 'error: must specify --patch or --patch-file containing the contents of the patch\n'],
    [`kubectl patch deployment web -p '{}' --type foo`, 'error: --type must be one of [json merge strategic], not "foo"\n'],
    [`kubectl patch deployment web --subresource=foo -p '{}'`, 'error: invalid subresource value: "foo". Must be one of [status scale]\n'],
    [`kubectl patch deployment -p '{}'`, 'error: resource(s) were provided, but no name was specified\n'],
    [`kubectl patch deployment nope -p '{"spec":{"replicas":1}}'`, 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    [`kubectl patch deployment web -p '{"spec":'`, "Error from server (BadRequest): couldn't decode the request body as JSON: Unexpected end of JSON input\n"],
    [`kubectl patch deployment web -p 'a: b: c'`, 'error: unable to parse "a: b: c": yaml: bad indentation of a mapping entry\n'],
    [`kubectl patch deployment web -p '{"spec":{"replicas":-1}}'`, 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'],
    [
      `kubectl patch deployment web -p '{"spec":{"replicas":"x"}}'`,
      'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    ],
    [`kubectl patch deployment web --type json -p '{"a":1}'`, 'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n'],
    [`kubectl patch deployment web --type merge -p '[1]'`, 'Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}\n'],
  ])('%s', (line, output) => {
    expect(onMaster(line)).toEqual({ output, code: 1 });
  });

  it('--patch-file and -f pick the patch and the object from files', () => {
    const r = onMaster(`echo '{"data":{"k":"v2"}}' > p.json && kubectl create configmap cm --from-literal=k=v && kubectl get cm cm -o yaml > cm.yaml && kubectl patch -f cm.yaml --patch-file p.json`);
    expect(r).toEqual({ output: 'configmap/cm created\nconfigmap/cm patched\n', code: 0 });
    expect(learner.get<ConfigMap>('configmaps', 'cm').data).toEqual({ k: 'v2' });
  });
});

describe('kubectl replace', () => {
  const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: rp\nspec:\n  containers:\n  - name: c\n    image: ${image}`;

  it('replace -f PUTs the object; a missing one is NotFound with the file name', () => {
    expect(onMaster(`cat > rp.yaml <<'END'\n${pod('nginx')}\nEND\nkubectl replace -f rp.yaml`)).toEqual({
      output: 'Error from server (NotFound): error when replacing "rp.yaml": pods "rp" not found\n',
      code: 1,
    });
    onMaster('kubectl create -f rp.yaml');
    learner.wait(20_000);
    const uid = learner.must('rp').pod.metadata!.uid;
    // The manifest as written lacks what the server filled in (nodeName, volumes): start from the live object.
    expect(onMaster(`kubectl get pod rp -o yaml > live.yaml && sed -i 's/image: nginx$/image: nginx:1.25/' live.yaml && kubectl replace -f live.yaml`)).toEqual({
      output: 'pod/rp replaced\n',
      code: 0,
    });
    expect(onMaster('kubectl replace -f live.yaml --dry-run=client')).toEqual({ output: 'pod/rp replaced (dry run)\n', code: 0 });
    const replaced = learner.must('rp').pod;
    expect(replaced.spec!.containers[0]!.image).toBe('nginx:1.25');
    expect(replaced.metadata!.uid).toBe(uid);
  });

  it('a stale resourceVersion is a Conflict, a forbidden pod change Invalid; --force deletes and creates it anew', () => {
    const stale = onMaster(`kubectl replace -f live.yaml`).output;
    expect(stale).toMatch(/^Error from server \(Conflict\): error when replacing "live.yaml": Operation cannot be fulfilled on pods "rp": the object has been modified/);
    const r = onMaster(`kubectl get pod rp -o yaml > live.yaml && sed -i 's/name: c$/name: d/' live.yaml rp.yaml && kubectl replace -f live.yaml`);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/^The Pod "rp" is invalid: spec: Forbidden: pod updates may not change fields other than/);
    const uid = learner.must('rp').pod.metadata!.uid;
    expect(onMaster('kubectl replace --force -f rp.yaml')).toEqual({ output: 'pod "rp" deleted\npod/rp replaced\n', code: 0 });
    const fresh = learner.get<Pod>('pods', 'rp');
    expect(fresh.metadata!.uid).not.toBe(uid);
    expect(fresh.spec!.containers[0]!.name).toBe('d');
  });

  it('needs -f', () => {
    expect(onMaster('kubectl replace pod rp')).toEqual({ output: 'error: must specify one of -f and -k\n', code: 1 });
    expect(onMaster('kubectl replace')).toEqual({ output: 'error: must specify one of -f and -k\n', code: 1 });
    expect(onMaster('kubectl replace --force -f rp.yaml --dry-run=client')).toEqual({ output: 'error: --dry-run can not be used when --force is set\n', code: 1 });
  });
});
