/**
 * `kubectl get -w` in every output format, typed on master01 while a configmap changes: what
 * exists first, then each change, laid out as kubectl 1.30 prints it (checked against the real
 * binary watching `kubeplay serve`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Learner } from '../../../../engine/tutorial/testkit';

let learner: Learner;
let change = 0;
/** `kubectl get <args> -w` for three seconds while configmap a gets a new value after one. */
const watching = (args: string) => {
  change += 1;
  return learner.onNode('master01', `(sleep 1; kubectl patch cm a -p '{"data":{"x":"${change}"}}' >/dev/null) & timeout 3 kubectl get ${args} -w`);
};

beforeAll(() => {
  learner = new Learner();
  expect(learner.onNode('master01', 'kubectl create configmap a --from-literal=x=0 && kubectl create configmap bb --from-literal=x=0').code).toBe(0);
});

describe('kubectl get -w', () => {
  it('-o name: a line for each object, then for each change', () => {
    expect(watching('cm -o name')).toEqual({ output: 'configmap/a\nconfigmap/bb\nconfigmap/kube-root-ca.crt\nconfigmap/a\n', code: 124 });
  });

  it('-o json: each object indented; with --output-watch-events one compact event per line', () => {
    const plain = watching('cm a -o json').output;
    // One named object: the server's first event restates it and is not printed again.
    expect(plain.match(/^{\n {4}"apiVersion": "v1",\n/gm)).toHaveLength(2);
    const events = watching('cm -o json --output-watch-events').output.trimEnd().split('\n');
    expect(events.map((line) => JSON.parse(line) as { type: string; object: { metadata: { name: string } } }).map((e) => `${e.type} ${e.object.metadata.name}`))
      .toEqual(['ADDED a', 'ADDED bb', 'ADDED kube-root-ca.crt', 'MODIFIED a']);
    expect(events[0]).toMatch(/^{"type":"ADDED","object":{"apiVersion":"v1","data":{"x":"\d+"},"kind":"ConfigMap","metadata":{"creationTimestamp":/);
  });

  it('-o yaml: documents separated by ---; events as object and type', () => {
    const docs = watching('cm -o yaml').output.split(/^---\n/m);
    expect(docs).toHaveLength(4);
    expect(docs.map((d) => /^ {2}name: (.*)$/m.exec(d)?.[1])).toEqual(['a', 'bb', 'kube-root-ca.crt', 'a']);
    const events = watching('cm a -o yaml --output-watch-events').output;
    expect(events).toMatch(/^object:\n {2}apiVersion: v1\n {2}data:\n {4}x: "\d+"\n {2}kind: ConfigMap\n[^]*\ntype: ADDED\n---\nobject:\n[^]*\ntype: MODIFIED\n$/);
  });

  it('-o jsonpath: the template per object with nothing in between', () => {
    expect(watching("cm -o jsonpath='{.metadata.name}'")).toEqual({ output: 'abbkube-root-ca.crta', code: 124 });
    expect(watching("cm -o jsonpath='{.type} ' --output-watch-events")).toEqual({ output: 'ADDED ADDED ADDED MODIFIED ', code: 124 });
  });

  it('-o custom-columns: one header, the first rows aligned together, columns kept', () => {
    const out = watching('cm -o custom-columns=N:.metadata.name,D:.data.x').output;
    expect(out).toMatch(/^N {18}D\na {18}\d+\nbb {17}0\nkube-root-ca.crt {3}<none>\na {18}\d+\n$/);
  });

  it('tables: rows per change; --output-watch-events adds an EVENT column', () => {
    expect(watching('cm').output).toMatch(/^NAME {15}DATA {3}AGE\na {18}1 {6}\d+s\nbb {17}1 {6}\d+s\nkube-root-ca.crt {3}1 {6}\d+s\na {18}1 {6}\d+s\n$/);
    expect(watching('cm --output-watch-events').output).toMatch(
      /^EVENT {6}NAME {15}DATA {3}AGE\nADDED {6}a {18}1 {6}\d+s\nADDED {6}bb {17}1 {6}\d+s\nADDED {6}kube-root-ca.crt {3}1 {6}\d+s\nMODIFIED {3}a {18}1 {6}\d+s\n$/,
    );
    expect(watching('cm a').output).toMatch(/^NAME {3}DATA {3}AGE\na {6}1 {6}\d+s\na {6}1 {6}\d+s\n$/);
  });

  it('--watch-only prints the changes alone', () => {
    expect(watching('cm --watch-only -o name')).toEqual({ output: 'configmap/a\n', code: 124 });
    expect(watching('cm --watch-only').output).toMatch(/^NAME {3}DATA {3}AGE\na {6}1 {6}\d+s\n$/);
  });

  it('watches one kind at a time', () => {
    expect(watching('cm a bb -o name')).toEqual({ output: 'configmap/a\nconfigmap/bb\nerror: you may only watch a single resource or type of resource at a time\n', code: 1 });
    expect(watching('cm,svc -o name')).toEqual({ output: 'error: you may only specify a single resource type\n', code: 1 });
  });
});
