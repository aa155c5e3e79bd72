/**
 * kubectl on master01 of a whole simulated cluster, as a learner types it: outputs and exit codes
 * compared with what kubectl v1.30 prints (reference §8, and the real binary against
 * `kubeplay serve`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../engine/tutorial/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);
const KLOG = /^[IWE]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [\w.]+:\d+\] /;

beforeAll(() => {
  learner = new Learner();
});

describe('kubectl on master01', () => {
  it('version prints client, kustomize and server versions', () => {
    expect(onMaster('kubectl version')).toEqual({
      output: 'Client Version: v1.30.2\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\nServer Version: v1.30.2\n',
      code: 0,
    });
  });

  it('an unknown command gets cobra\'s suggestions in kubectl\'s command order', () => {
    expect(onMaster('kubectl gett')).toEqual({ output: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n', code: 1 });
    expect(onMaster('kubectl foo')).toEqual({ output: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n', code: 1 });
    expect(onMaster('kubectl zzzzzz')).toEqual({ output: 'error: unknown command "zzzzzz" for "kubectl"\n', code: 1 });
  });

  it('flag errors point to the command\'s help', () => {
    expect(onMaster('kubectl version --foo')).toEqual({ output: "error: unknown flag: --foo\nSee 'kubectl version --help' for usage.\n", code: 1 });
    expect(onMaster('kubectl version -x')).toEqual({ output: "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl version --help' for usage.\n", code: 1 });
    expect(onMaster('kubectl version -n')).toEqual({ output: "error: flag needs an argument: 'n' in -n\nSee 'kubectl version --help' for usage.\n", code: 1 });
    expect(onMaster('kubectl -v=x version')).toEqual({
      output: 'error: invalid argument "x" for "-v, --v" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl version --help\' for usage.\n',
      code: 1,
    });
  });

  it('--help shows the command\'s help', () => {
    const help = onMaster('kubectl version --help');
    expect(help.code).toBe(0);
    expect(help.output).toContain("Options:\n    --client=false:\n\tIf true, shows client version only (no server required).\n\n    -o, --output='':\n\tOne of 'yaml' or 'json'.\n\nUsage:\n  kubectl version [flags] [options]\n");
  });

  it('-v=6 logs the loaded kubeconfig and each request with status and latency', () => {
    const r = onMaster('kubectl version -v=6');
    const logs = r.output.split('\n').filter((l) => KLOG.test(l));
    expect(logs[0]).toMatch(/ loader\.go:395\] Config loaded from file: {2}\/root\/\.kube\/config$/);
    expect(logs[1]).toMatch(/ round_trippers\.go:553\] GET https:\/\/192\.168\.1\.130:6443\/version\?timeout=32s 200 OK in \d+ milliseconds$/);
  });
});

describe('kubectl without a reachable server', () => {
  it('a worker without kubeconfig dials localhost:8080 and is refused', () => {
    const r = learner.onNode('worker01', 'kubectl version');
    expect(r.code).toBe(1);
    expect(r.output).toBe(
      'Client Version: v1.30.2\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\n'
      + 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
    );
  });

  it('an unreachable address gives up with an i/o timeout', () => {
    const r = onMaster('kubectl version -s https://192.168.1.250:6443');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/Unable to connect to the server: dial tcp 192\.168\.1\.250:6443: (i\/o timeout|connect: no route to host)\n$/);
  });
});
