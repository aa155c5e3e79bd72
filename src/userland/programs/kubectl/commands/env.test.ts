/** kubectl set env on master01: outputs as kubectl 1.30 printed them, and the Deployment after. */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);
const envOf = () => learner.get<Deployment>('deployments', 'web', 'apps').spec!.template.spec!.containers[0]!.env;

beforeAll(() => {
  learner = new Learner();
  onMaster('kubectl create deployment web --image=nginx && kubectl create configmap envcm --from-literal=k1=v1');
});

describe('kubectl set env', () => {
  it('sets, skips an unchanged object silently, lists and removes', () => {
    expect(onMaster('kubectl set env deployment/web A=1 B=2')).toEqual({ output: 'deployment.apps/web env updated\n', code: 0 });
    expect(envOf()).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    expect(onMaster('kubectl set env deployment/web A=1')).toEqual({ output: '', code: 0 });
    expect(onMaster('kubectl set env deployment/web --list')).toEqual({ output: '# Deployment web, container nginx\nA=1\nB=2\n', code: 0 });
    expect(onMaster('kubectl set env deployment/web A-')).toEqual({ output: 'deployment.apps/web env updated\n', code: 0 });
    expect(envOf()).toEqual([{ name: 'B', value: '2' }]);
    expect(onMaster('kubectl set env deployment/web C-')).toEqual({ output: '', code: 0 });
  });

  it('--from=configmap copies every key, -c picks containers', () => {
    expect(onMaster('kubectl set env deployment/web --from=configmap/envcm')).toEqual({ output: 'Warning: key k1 transferred to K1\ndeployment.apps/web env updated\n', code: 0 });
    expect(envOf()).toContainEqual({ name: 'K1', valueFrom: { configMapKeyRef: { key: 'k1', name: 'envcm' } } });
    expect(onMaster('kubectl set env deployment/web --list')).toEqual({ output: '# Deployment web, container nginx\nB=2\n# K1 from configmap envcm, key k1\n', code: 0 });
    expect(onMaster('kubectl set env deployment/web -c nope X=1')).toEqual({ output: 'Warning: Deployment/web does not have any containers matching "nope"\n', code: 0 });
  });

  it('the new template rolls out: the pods get the variable', () => {
    learner.wait(60_000);
    const pods = learner.list<Pod>('pods', 'app=web');
    expect(pods).toHaveLength(1);
    expect(pods[0]!.spec!.containers[0]!.env).toContainEqual({ name: 'B', value: '2' });
  });

  it('a bad name is refused', () => {
    expect(onMaster('kubectl set env deploy/web 1A=x')).toEqual({
      output: `error: "1A" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`,
      code: 1,
    });
  });
});
