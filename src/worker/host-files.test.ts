import { describe, expect, it } from 'vitest';
import { Learner } from '../engine/tutorial/testkit';
import { answerFileCall, MAX_EDITOR_FILE } from './host-files';
import type { FileCall, FileReply } from './protocol';

/** The editor's calls on master01's host filesystem, beside the node's own shell. */
function master01() {
  const learner = new Learner();
  const fs = learner.cluster.machines.get('master01')!.host.fs;
  const call = (c: FileCall): FileReply => answerFileCall(fs, c, learner.cluster.clock.now());
  return { learner, call };
}

describe('the editor and the shell share master01 files', () => {
  it('a file saved in the editor is what cat prints, and a file the shell wrote is listed and read', () => {
    const { learner, call } = master01();
    expect(call({ op: 'write', path: '/root/pod.yaml', text: 'kind: Pod\n' })).toEqual({ ok: true });
    expect(learner.onNode('master01', 'cat pod.yaml')).toEqual({ output: 'kind: Pod\n', code: 0 });

    learner.onNode('master01', 'echo hi > a.txt; mkdir -p manifests');
    const listed = call({ op: 'list', path: '/root' });
    expect(listed.ok && listed.entries).toEqual(
      expect.arrayContaining([
        { name: 'manifests', kind: 'dir', size: 4096 },
        { name: 'a.txt', kind: 'file', size: 3 },
        { name: 'pod.yaml', kind: 'file', size: 10 },
      ]),
    );
    // Directories first, then files by name.
    const names = listed.ok ? listed.entries!.map((e) => e.name) : [];
    expect(names.indexOf('manifests')).toBeLessThan(names.indexOf('a.txt'));
    expect(names.indexOf('a.txt')).toBeLessThan(names.indexOf('pod.yaml'));
    expect(call({ op: 'read', path: '/root/a.txt' })).toEqual({ ok: true, text: 'hi\n' });
  });

  it.each<[string, FileCall, string]>([
    ['a missing file', { op: 'read', path: '/root/nope.yaml' }, '/root/nope.yaml: No such file or directory'],
    ['a directory', { op: 'read', path: '/root' }, '/root: Is a directory'],
    ['a missing directory', { op: 'list', path: '/nowhere' }, '/nowhere: No such file or directory'],
    ['writing into a missing directory', { op: 'write', path: '/nowhere/x.yaml', text: '' }, '/nowhere/x.yaml: No such file or directory'],
    ['writing over a directory', { op: 'write', path: '/root', text: '' }, '/root: Is a directory'],
    ['writing over 1 MB', { op: 'write', path: '/root/big', text: 'x'.repeat(MAX_EDITOR_FILE + 1) }, '/root/big: File too large for the editor (over 1 MB)'],
  ])('%s is a sentence, not an exception', (_, c, error) => {
    expect(master01().call(c)).toEqual({ ok: false, error });
  });

  it('a file over 1 MB made elsewhere is not opened', () => {
    const { learner, call } = master01();
    learner.cluster.machines.get('master01')!.host.fs.writeFile('/root/big.bin', 'x'.repeat(MAX_EDITOR_FILE + 1), learner.now);
    expect(learner.onNode('master01', 'wc -c < big.bin').output.trim()).toBe('1048577');
    expect(call({ op: 'read', path: '/root/big.bin' })).toEqual({ ok: false, error: '/root/big.bin: File too large for the editor (over 1 MB)' });
  });
});
