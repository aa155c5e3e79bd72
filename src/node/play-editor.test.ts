import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster/cluster';
import type { EditResult } from '../userland/lib/editor';
import { hostEditor } from './play-editor';
import { playScript, plainTranscript } from './play-script';

/** What the host editor answers when `command` plays the learner's editor on `content`. */
function editWith(command: string, content: string): { result: EditResult | undefined; errors: string[] } {
  const errors: string[] = [];
  let result: EditResult | undefined;
  hostEditor({ command, onError: (m) => errors.push(m) }).open({ path: '/root/pod.yaml', content, title: 'vi pod.yaml' }, (r) => (result = r));
  return { result, errors };
}

describe('the real editor of npx kubeplay', () => {
  it('runs the command on a copy of the file and hands back what it saved', () => {
    expect(editWith("sed -i 's/web/api/'", 'name: web\n')).toEqual({ result: { saved: true, content: 'name: api\n' }, errors: [] });
  });

  it('counts an editor that changed nothing as not saved', () => {
    expect(editWith('true', 'name: web\n')).toEqual({ result: { saved: false }, errors: [] });
  });

  it('says when the editor failed, and saves nothing', () => {
    const { result, errors } = editWith("sed -i 's/web/api/' /nonexistent; false", 'name: web\n');
    expect(result).toEqual({ saved: false });
    expect(errors).toEqual([`the editor "sed -i 's/web/api/' /nonexistent; false" failed with exit status 1`]);
  });
});

describe('a --script run, which has no editor', () => {
  it('edits in line mode: the lines after kubectl edit are ex commands', async () => {
    const script = [
      'kubectl create deployment web --image=nginx',
      'kubectl edit deploy web',
      '%s/replicas: 1/replicas: 2/',
      'wq',
      "kubectl get deploy web -o jsonpath='{.spec.replicas}{\"\\n\"}'",
    ].join('\n');
    const run = await playScript(Cluster.create({ seed: 3 }), script);
    const transcript = plainTranscript(run.output);
    expect(transcript).toMatch(/\n:%s\/replicas: 1\/replicas: 2\/\n:wq\n"\/tmp\/kubectl-edit-\d+\.yaml" \d+L, \d+B written\ndeployment\.apps\/web edited\n/);
    expect(transcript).toContain("{.spec.replicas}{\"\\n\"}'\n2\n");
  });
});
