import { describe, expect, it } from 'vitest';
import { TtyFile } from '../../engine/runtime/process';
import { attachEditor, type EditRequest, type EditResult } from '../lib/editor';
import { runTool, toolBox } from './testkit';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n';

/** vi on a terminal whose viewer has an editor: `answer` decides what the user does, a second later. */
function viWithEditor(argv: string[], answer: (request: EditRequest) => EditResult, files = { '/root/pod.yaml': { file: POD } }) {
  const box = toolBox({ flavour: 'busybox', files: { '/root': { dir: true }, ...files } });
  let output = '';
  const tty = new TtyFile((d) => (output += d));
  const requests: EditRequest[] = [];
  attachEditor(box.kernel, tty, {
    open(request, done) {
      requests.push(request);
      box.clock.schedule(1000, () => done(answer(request)));
    },
  });
  const proc = box.kernel.spawn(box.ns, argv, { env: { PATH: '/bin' }, cwd: '/root', files: [tty, tty, tty] });
  box.clock.runUntil(() => proc.exited !== undefined, 60_000);
  return { box, requests, output, status: proc.exited, at: box.clock.now() };
}

describe('vi with the editor the terminal provides', () => {
  it('hands the file over and writes back what the user saved', () => {
    const run = viWithEditor(['vi', 'pod.yaml'], (r) => ({ saved: true, content: r.content.replace('web', 'api') }));
    expect(run.requests).toEqual([{ path: '/root/pod.yaml', content: POD, title: 'vi pod.yaml' }]);
    expect(run.status?.code).toBe(0);
    expect(run.at).toBeGreaterThanOrEqual(1000);
    expect(run.box.ns.fs.readFile('/root/pod.yaml')).toContain('name: api');
    expect(run.output).toBe('');
  });

  it('leaves the file alone when the user quits without saving', () => {
    const run = viWithEditor(['vi', 'pod.yaml'], () => ({ saved: false }));
    expect(run.status?.code).toBe(0);
    expect(run.box.ns.fs.readFile('/root/pod.yaml')).toBe(POD);
  });

  it('creates a new file with an empty buffer', () => {
    const run = viWithEditor(['vim', 'new.txt'], () => ({ saved: true, content: 'hello\n' }));
    expect(run.requests[0]).toEqual({ path: '/root/new.txt', content: '', title: 'vim new.txt' });
    expect(run.box.ns.fs.readFile('/root/new.txt')).toBe('hello\n');
  });
});

describe('vi in line mode (no editor attached)', () => {
  const box = (): ReturnType<typeof toolBox> => toolBox({ flavour: 'busybox', files: { '/pod.yaml': { file: POD } } });

  it.each([
    ['substitutes and writes', ':%s/web/api/\n:wq\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n', '"/pod.yaml" 4L, 47B written\n'],
    ['appends typed lines up to "."', '$a\n  labels:\n    app: web\n.\nwq\n', `${POD}  labels:\n    app: web\n`, '"/pod.yaml" 6L, 70B written\n'],
    ['deletes and changes lines', '1,2d\n1c\nmeta:\n.\nx\n', 'meta:\n  name: web\n', '"/pod.yaml" 2L, 18B written\n'],
    ['inserts before a line', '1i\n# top\n.\nwq\n', `# top\n${POD}`, 'written'],
    ['quits without saving with q!', '%s/web/api/\nq!\n', POD, ':'],
    ['stops at the end of input without saving', '%s/web/api/\n', POD, ':'],
  ])('%s', (_name, keys, file, shown) => {
    const b = box();
    const run = runTool(b, ['vi', '/pod.yaml'], { stdin: keys });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(shown);
    expect(b.ns.fs.readFile('/pod.yaml')).toBe(file);
  });

  it('opens with vim\'s file summary and prints numbered lines', () => {
    const run = runTool(box(), ['vi', '/pod.yaml'], { stdin: 'nu\nq\n' });
    expect(run.stdout).toMatch(/^"\/pod.yaml" 4L, 47B\n/);
    expect(run.stdout).toContain('  1 apiVersion: v1\n  2 kind: Pod\n');
  });

  it.each([
    ['q after a change', 's/web/x/\nq\nq!\n', 'E37: No write since last change (add ! to override)'],
    ['an unknown command', 'set nu\nq\n', 'E492: Not an editor command: set nu'],
    ['a pattern that is not there', 's/nothing/x/\nq\n', 'E486: Pattern not found: nothing'],
    ['a line past the end', '9d\nq\n', 'E16: Invalid range'],
  ])('reports %s as vim does', (_name, keys, error) => {
    const b = box();
    const run = runTool(b, ['vi', '/pod.yaml'], { stdin: keys });
    expect(run.stdout).toContain(`${error}\n`);
    expect(b.ns.fs.readFile('/pod.yaml')).toBe(POD);
  });

  it('writes a new file under the name given to w', () => {
    const b = box();
    const run = runTool(b, ['nano'], { stdin: 'a\nhello\n.\nw\nw /tmp/h.txt\nq\n' });
    expect(run.stdout).toContain('E32: No file name\n');
    expect(run.stdout).toContain('"/tmp/h.txt" 1L, 6B written\n');
    expect(b.ns.fs.readFile('/tmp/h.txt')).toBe('hello\n');
  });
});
