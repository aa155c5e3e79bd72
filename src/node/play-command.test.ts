// The `kubeplay` command line as a shell user meets it: a process with a script on stdin.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kubeplay.mjs');

function run(args: string[], input: string, closeStdoutAfterBytes?: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // A reader like `head` that has seen enough and goes away.
      if (closeStdoutAfterBytes !== undefined && stdout.length >= closeStdoutAfterBytes) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

test('a piped script prints the transcript without colours and exits 0', async () => {
  const r = await run([], 'echo hello\nhostname\n');
  expect(r.stdout).toBe('[root@master01 ~]# echo hello\nhello\n[root@master01 ~]# hostname\nmaster01\n[root@master01 ~]# \nlogout\n');
  expect(r.code).toBe(0);
}, 60_000);

test('a reader that stops early (| head) ends the run quietly, without a stack trace', async () => {
  const r = await run([], 'kubectl explain pod.spec\n'.repeat(3), 200);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}, 60_000);
