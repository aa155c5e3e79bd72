/**
 * `kubectl get -o jsonpath|custom-columns` and `--sort-by` on master01 of a whole simulated
 * cluster. Expected texts are what the real kubectl 1.30 printed against `kubeplay serve` for the
 * same commands (the kube-system objects of a fresh cluster).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);
const lines = (text: string): string[] => text.trimEnd().split('\n');

beforeAll(() => {
  learner = new Learner();
});

describe('kubectl get -o jsonpath', () => {
  it("the tutorial's clusterIP lookup prints the address with no newline, ready for $(…)", () => {
    expect(onMaster("kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}'")).toEqual({ output: '10.96.0.1', code: 0 });
    expect(onMaster("echo \"[$(kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}')]\"")).toEqual({ output: '[10.96.0.1]\n', code: 0 });
  });

  it('lists, ranges, filters and quoted text over a list of nodes', () => {
    expect(onMaster("kubectl get nodes -o jsonpath='{.items[*].metadata.name}'").output).toBe('master01 worker01 worker02');
    expect(onMaster("kubectl get nodes -o jsonpath='{.items[-1:].metadata.name}'").output).toBe('worker02');
    expect(onMaster('kubectl get nodes -o jsonpath=\'{.items[0].status.conditions[?(@.type=="Ready")].status}\'').output).toBe('True');
    expect(onMaster('kubectl get nodes -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\t"}{.status.addresses[?(@.type=="InternalIP")].address}{"\\n"}{end}\'').output).toBe(
      'master01\t192.168.1.130\nworker01\t192.168.1.131\nworker02\t192.168.1.132\n',
    );
    expect(onMaster("kubectl get nodes -o jsonpath='{.kind}'").output).toBe('List');
    expect(onMaster("kubectl get nodes -o jsonpath --template='{.kind}'").output).toBe('List');
  });

  it('maps and lists print as compact JSON with sorted keys', () => {
    expect(onMaster("kubectl get svc kubernetes -o jsonpath='{.spec.ports}'").output).toBe('[{"name":"https","port":443,"protocol":"TCP","targetPort":6443}]');
    expect(onMaster("kubectl get svc kubernetes -o jsonpath='{.metadata.labels}'").output).toBe('{"component":"apiserver","provider":"kubernetes"}');
    expect(onMaster("kubectl get svc -n kube-system kube-dns -o jsonpath-as-json='{.spec.ports[0].port}'").output).toBe('[\n    53\n]\n');
  });

  it('a missing key prints nothing unless --allow-missing-template-keys=false', () => {
    expect(onMaster("kubectl get svc kubernetes -o jsonpath='{.spec.foo}'")).toEqual({ output: '', code: 0 });
    const r = onMaster("kubectl get svc kubernetes -o jsonpath='{.spec.foo}' --allow-missing-template-keys=false");
    expect(r.code).toBe(1);
    const out = lines(r.output);
    expect(out.slice(0, 4)).toEqual([
      'error: error executing jsonpath "{.spec.foo}": Error executing template: foo is not found. Printing more information for debugging the template:',
      '\ttemplate was:',
      '\t\t{.spec.foo}',
      '\tobject given to jsonpath engine was:',
    ]);
    expect(out[4]).toMatch(/^\t\tmap\[string\]interface \{\}\{"apiVersion":"v1", "kind":"Service", "metadata":map\[string\]interface \{\}\{.*"spec":map\[string\]interface \{\}\{"clusterIP":"10\.96\.0\.1", /);
    expect(r.output.endsWith('}}\n\n\n')).toBe(true);
  });

  it('parse errors and empty templates fail before any output', () => {
    expect(onMaster("kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP'")).toEqual({ output: 'error: error parsing jsonpath {.spec.clusterIP, unclosed action\n', code: 1 });
    expect(onMaster("kubectl get nodes -o jsonpath='{.items[x]}'")).toEqual({ output: 'error: error parsing jsonpath {.items[x]}, invalid array index x\n', code: 1 });
    expect(onMaster('kubectl get nodes -o jsonpath')).toEqual({ output: 'error: template format specified but no template given\n', code: 1 });
    expect(onMaster('kubectl get nodes -o jsonpath=')).toEqual({ output: 'error: template format specified but no template given\n', code: 1 });
  });

  it('jsonpath-file reads the template from a file', () => {
    expect(onMaster("printf '{.kind}' > /root/t.jsonpath && kubectl get nodes -o jsonpath-file=/root/t.jsonpath")).toEqual({ output: 'List', code: 0 });
    expect(onMaster('kubectl get nodes -o jsonpath-file=/nonexist')).toEqual({ output: 'error: error reading --template /nonexist, open /nonexist: no such file or directory\n', code: 1 });
  });

  it('an unknown format lists every format kubectl knows', () => {
    expect(onMaster('kubectl get nodes -o foo')).toEqual({
      output:
        'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
      code: 1,
    });
  });
});

describe('kubectl get -o custom-columns', () => {
  it('one column per header:path, <none> for a missing value, headers as written', () => {
    const r = onMaster('kubectl get nodes -o custom-columns=NAME:metadata.name,KINDS:.status.addresses[*].type,ADDR:{.status.addresses[0].address},X:.spec.foo');
    expect(r).toEqual({
      output:
        'NAME       KINDS                 ADDR            X\n'
        + 'master01   InternalIP,Hostname   192.168.1.130   <none>\n'
        + 'worker01   InternalIP,Hostname   192.168.1.131   <none>\n'
        + 'worker02   InternalIP,Hostname   192.168.1.132   <none>\n',
      code: 0,
    });
  });

  it('--no-headers, an empty namespace (header only) and maps printed as Go does', () => {
    expect(onMaster('kubectl get nodes -o custom-columns=NAME:.metadata.name --no-headers').output).toBe('master01\nworker01\nworker02\n');
    expect(onMaster('kubectl get pods -o custom-columns=N:.metadata.name')).toEqual({ output: 'N\n', code: 0 });
    expect(lines(onMaster("kubectl get nodes worker01 -o custom-columns='N:.spec'").output)).toEqual(['N', 'map[podCIDR:10.244.1.0/24 podCIDRs:[10.244.1.0/24]]']);
    expect(lines(onMaster('kubectl get deploy -n kube-system -o custom-columns=C:.spec.template.metadata.creationTimestamp,R:.spec.replicas,B:.spec.paused').output)).toEqual([
      'C       R     B',
      '<nil>   2     <none>',
    ]);
  });

  it('malformed specs fail with kubectl\'s messages', () => {
    expect(onMaster('kubectl get nodes -o custom-columns=NAME')).toEqual({ output: 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n', code: 1 });
    expect(onMaster('kubectl get nodes -o custom-columns=NAME:.metadata.name,')).toEqual({ output: 'error: unexpected custom-columns spec: , expected <header>:<json-path-expr>\n', code: 1 });
    expect(onMaster('kubectl get nodes -o custom-columns=')).toEqual({ output: 'error: custom-columns format specified but no custom columns given\n', code: 1 });
    expect(onMaster("kubectl get nodes -o custom-columns='N:.items[x]'")).toEqual({ output: 'N\nerror: invalid array index x\n', code: 1 });
  });

  it('custom-columns-file: a line of headers and a line of paths', () => {
    expect(onMaster("printf 'NAME  CPU\\n.metadata.name  {.status.capacity.cpu}\\n' > /root/cc && kubectl get nodes -o custom-columns-file=/root/cc")).toEqual({
      output: 'NAME       CPU\nmaster01   4\nworker01   8\nworker02   8\n',
      code: 0,
    });
    expect(onMaster("printf 'A B\\n.metadata.name\\n' > /root/cc && kubectl get nodes -o custom-columns-file=/root/cc")).toEqual({
      output: "error: number of headers (2) and field specifications (1) don't match\n",
      code: 1,
    });
  });
});

describe('kubectl get --sort-by', () => {
  const names = (output: string): string[] => lines(output).slice(1).map((l) => l.split(/\s+/)[0]!);

  it('sorts the server table by the object field, names in natural order', () => {
    const r = onMaster('kubectl get pods -n kube-system --sort-by=.metadata.name');
    expect(r.code).toBe(0);
    const sorted = names(r.output);
    expect(sorted).toHaveLength(9);
    // natural order: a shorter run of digits sorts first (coredns-…-9xxxx before coredns-…-84xxx).
    expect(sorted.slice(2)).toEqual([
      'etcd-master01',
      'kube-apiserver-master01',
      'kube-controller-manager-master01',
      ...sorted.filter((n) => n.startsWith('kube-proxy-')),
      'kube-scheduler-master01',
    ]);
  });

  it('sorts by a number inside a list and by an address, keeping equal rows in server order', () => {
    const byRestarts = names(onMaster('kubectl get pods -n kube-system --sort-by=.status.containerStatuses[0].restartCount').output);
    expect(byRestarts).toEqual(names(onMaster('kubectl get pods -n kube-system').output));
    const byNode = lines(onMaster('kubectl get pods -n kube-system -o custom-columns=N:.metadata.name,NODE:.spec.nodeName --no-headers --sort-by=.spec.nodeName').output).map(
      (l) => l.split(/\s+/)[1],
    );
    expect(byNode).toEqual([...byNode].sort());
  });

  it('sorts objects for -o name, jsonpath and custom-columns; quantities by amount', () => {
    expect(onMaster('kubectl get nodes --sort-by=.status.capacity.cpu -o name').output).toBe('node/master01\nnode/worker01\nnode/worker02\n');
    expect(onMaster("kubectl get nodes --sort-by='{.metadata.name}' -o jsonpath='{.items[*].metadata.name}'").output).toBe('master01 worker01 worker02');
  });

  it('a field on no object: an error for object lists, an empty result for tables', () => {
    expect(onMaster('kubectl get pods -n kube-system -o name --sort-by=.spec.foo')).toEqual({
      output: 'error: couldn\'t find any field with path "{.spec.foo}" in the list of objects\n',
      code: 1,
    });
    expect(onMaster('kubectl get pods -n kube-system --sort-by=.spec.foo')).toEqual({ output: 'No resources found in kube-system namespace.\n', code: 0 });
    expect(onMaster('kubectl get nodes,svc --sort-by=.metadata.name')).toEqual({
      output: 'error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n',
      code: 1,
    });
  });

  it('a map cannot be sorted: kubectl stops with a klog fatal line', () => {
    const r = onMaster('kubectl get nodes --sort-by=.metadata.labels');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/^F\d{4} [\d:.]+ +\d+ sorter\.go:377\] Field \{\.metadata\.labels\} in \[\]\[\]\[\]reflect\.Value is an unsortable type: interface, err: unsortable type: map\[string\]interface \{\}\n$/);
  });

  it('asks for the whole list with the objects behind the rows', () => {
    const calls = onMaster('kubectl get pods -n kube-system --sort-by=.metadata.name -v=6').output.split('\n').filter((l) => l.includes('round_trippers'));
    expect(calls.at(-1)).toMatch(/GET https:\/\/192\.168\.1\.130:6443\/api\/v1\/namespaces\/kube-system\/pods\?includeObject=Object 200 OK/);
  });
});
