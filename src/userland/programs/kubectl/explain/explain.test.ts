/**
 * `kubectl explain` on master01, compared with what the real kubectl 1.30 printed for the same
 * arguments against `kubeplay serve` (kept verbatim in explain.oracle.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSchemaDocs, provideSchemaDocs } from '../../../../engine/api/schema';
import { DEFAULT_PATH, SinkFile, SourceFile } from '../../../../engine/runtime/process';
import { Learner } from '../../../../engine/tutorial/testkit';
import { REAL_KUBECTL_EXPLAIN } from './explain.oracle';
import { wordWrap } from './wrap';

let learner: Learner;
const onMaster = (line: string) => learner.onNode('master01', line);

beforeAll(async () => {
  learner = new Learner();
  // What a host does: the descriptions are supplied after start-up.
  provideSchemaDocs(learner.cluster.kernel).supply(await loadSchemaDocs());
});

describe('kubectl explain prints what kubectl 1.30 prints', () => {
  it.each(Object.entries(REAL_KUBECTL_EXPLAIN))('kubectl explain %s', (args, output) => {
    expect(onMaster(`kubectl explain ${args}`)).toEqual({ output, code: 0 });
  });

  it('a field, two blank lines, its description and nothing more', () => {
    expect(onMaster('kubectl explain deployment.spec.replicas').output).toBe(
      'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n    Number of desired pods. This is a pointer to distinguish between explicit\n    zero and not specified. Defaults to 1.\n    \n\n',
    );
  });

  it('maps, quantities and times by the names explain gives them', () => {
    expect(onMaster('kubectl explain pod.metadata.labels').output).toContain('FIELD: labels <map[string]string>\n');
    expect(onMaster('kubectl explain pod.spec.containers.resources').output).toContain('\n  limits\t<map[string]Quantity>\n');
    expect(onMaster('kubectl explain pod.metadata').output).toContain('\n  creationTimestamp\t<string>\n');
  });

  it('errors: a missing field after the preamble, an unknown type without error:, a wrong version', () => {
    expect(onMaster('kubectl explain pod.spec.containers.name.foo')).toEqual({ output: 'KIND:       Pod\nVERSION:    v1\n\nerror: field "foo" does not exist\n', code: 1 });
    expect(onMaster('kubectl explain foo')).toEqual({ output: 'the server doesn\'t have a resource type "foo"\n', code: 1 });
    expect(onMaster('kubectl explain pod --api-version=v2')).toEqual({ output: 'error: couldn\'t find resource for "/v2, Resource=pods"\n', code: 1 });
    expect(onMaster('kubectl explain pod svc')).toEqual({ output: 'error: We accept only this format: explain RESOURCE\n', code: 1 });
    expect(onMaster('kubectl explain')).toEqual({
      output: 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
      code: 1,
    });
  });
});

describe('kubectl explain before the descriptions have arrived', () => {
  /** `argv` started on master01's host, without waiting for it. */
  const startOnMaster = (fresh: Learner, argv: string[]) => {
    let output = '';
    const sink = new SinkFile((d) => (output += d));
    const stdin = new SourceFile();
    stdin.end();
    const proc = fresh.cluster.kernel.spawn(fresh.cluster.machines.get('master01')!.host, argv, {
      env: { PATH: DEFAULT_PATH, HOME: '/root' },
      cwd: '/root',
      files: [stdin, sink, sink],
    });
    return { proc, output: () => output };
  };

  it('waits for the host to supply them, then prints; a learner meanwhile sees nothing yet', async () => {
    const fresh = new Learner();
    const shelf = provideSchemaDocs(fresh.cluster.kernel);
    const run = startOnMaster(fresh, ['kubectl', 'explain', 'pod.spec.restartPolicy']);
    fresh.cluster.clock.advance(10_000);
    expect(run.proc.exited).toBeUndefined();
    expect(run.output()).toBe('');
    shelf.supply(await loadSchemaDocs());
    fresh.waitFor('explain', () => run.proc.exited !== undefined, 1000);
    expect(run.proc.exited).toEqual({ code: 0 });
    expect(run.output()).toContain('FIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n');
  });

  it('Ctrl-C gives up waiting', () => {
    const fresh = new Learner();
    provideSchemaDocs(fresh.cluster.kernel);
    const run = startOnMaster(fresh, ['kubectl', 'explain', 'pod']);
    fresh.cluster.clock.advance(10_000);
    expect(run.proc.exited).toBeUndefined();
    fresh.cluster.kernel.signal(run.proc, 'SIGINT');
    fresh.waitFor('kubectl to stop', () => run.proc.exited !== undefined, 1000);
    expect(run.proc.exited).toMatchObject({ code: 130, signal: 'SIGINT' });
  });
});

describe('wordWrap (go-wordwrap)', () => {
  it.each([
    ['aaa bbb ccc', 7, 'aaa bbb\nccc'],
    ['a verylongword b', 4, 'a\nverylongword\nb'],
    ['one\ntwo three', 7, 'one\ntwo\nthree'],
    ['x  y', 10, 'x  y'],
  ])('%j at %i', (text, limit, wrapped) => {
    expect(wordWrap(text, limit)).toBe(wrapped);
  });
});
