import { describe, expect, it } from 'vitest';
import { buildImageLayer, createContainerFs } from '../fs';
import { lookPath } from './look-path';

const fs = createContainerFs({
  image: buildImageLayer({
    '/bin/sleep': { file: '\x7fELF', mode: 0o755 },
    '/usr/bin/env': { file: '\x7fELF', mode: 0o755 },
    '/etc/hosts': '127.0.0.1 localhost\n',
    '/app/run.sh': { file: '#!/bin/sh\n', mode: 0o755 },
    '/opt/tool': { dir: true },
  }),
});
const PATH = '/usr/local/bin:/usr/bin:/bin';

describe('lookPath (Go exec.LookPath as runc runs it)', () => {
  it.each([
    { name: 'sleep', found: '/bin/sleep' },
    { name: 'env', found: '/usr/bin/env' },
    { name: '/bin/sleep', found: '/bin/sleep' },
    { name: './app/run.sh', found: './app/run.sh' },
    { name: 'foo', error: 'exec: "foo": executable file not found in $PATH' },
    { name: 'hosts', error: 'exec: "hosts": executable file not found in $PATH' },
    { name: '', error: 'exec: "": executable file not found in $PATH' },
    { name: '/bin/x', error: 'exec: "/bin/x": stat /bin/x: no such file or directory' },
    { name: '/etc/hosts/x', error: 'exec: "/etc/hosts/x": stat /etc/hosts/x: not a directory' },
    { name: '/etc/hosts', error: 'exec: "/etc/hosts": permission denied' },
    { name: '/opt/tool', error: 'exec: "/opt/tool": is a directory' },
  ])('$name', ({ name, found, error }) => {
    expect(lookPath(fs, name, PATH)).toEqual(found ? { ok: true, path: found } : { ok: false, error });
  });

  it('skips PATH entries that hold a directory or a non-executable file of that name', () => {
    expect(lookPath(fs, 'tool', '/opt:/bin')).toEqual({ ok: false, error: 'exec: "tool": executable file not found in $PATH' });
    expect(lookPath(fs, 'sleep', '/opt:/etc:/bin')).toEqual({ ok: true, path: '/bin/sleep' });
  });
});
