import { describe, expect, it } from 'vitest';
import { buildImageLayer, createContainerFs } from '../../engine/runtime/fs';
import { decodePath, lookupStatic, mimeType } from './static-files';

const ROOT = '/usr/share/nginx/html/';

function site() {
  return createContainerFs({
    image: buildImageLayer({
      [`${ROOT}index.html`]: '<h1>hello</h1>\n',
      [`${ROOT}docs/readme.txt`]: 'read me\n',
      [`${ROOT}private.html`]: { file: 'secret\n', mode: 0o600 },
    }),
  });
}

describe('lookupStatic', () => {
  it.each([
    ['/', { kind: 'file', path: `${ROOT}index.html`, content: '<h1>hello</h1>\n' }],
    ['/index.html', { kind: 'file', path: `${ROOT}index.html` }],
    ['/docs', { kind: 'directory', path: `${ROOT}docs` }],
    ['/docs/', { kind: 'no-index', path: `${ROOT}docs/` }],
    ['/nothing', { kind: 'missing', errno: 'ENOENT' }],
    ['/index.html/', { kind: 'missing', errno: 'ENOTDIR' }],
  ])('%s', (uri, expected) => {
    const fs = site();
    expect(lookupStatic(fs, ROOT.slice(0, -1) + uri, ['index.html'])).toMatchObject(expected);
  });

  // Answers are remembered until the filesystem changes: every change must show on the next request.
  it('sees a deleted index file at once', () => {
    const fs = site();
    expect(lookupStatic(fs, ROOT, ['index.html']).kind).toBe('file');
    fs.unlink(`${ROOT}index.html`);
    expect(lookupStatic(fs, ROOT, ['index.html'])).toEqual({ kind: 'no-index', path: ROOT });
  });

  it('sees a rewritten file: its content, size and time', () => {
    const fs = site();
    expect(lookupStatic(fs, ROOT, ['index.html'])).toMatchObject({ content: '<h1>hello</h1>\n', stat: { size: 15, mtime: 0 } });
    fs.writeFile(`${ROOT}index.html`, 'bye\n', 5000);
    expect(lookupStatic(fs, ROOT, ['index.html'])).toMatchObject({ content: 'bye\n', stat: { size: 4, mtime: 5000 } });
  });

  it('sees a new index file in a directory that had none', () => {
    const fs = site();
    expect(lookupStatic(fs, `${ROOT}docs/`, ['index.html']).kind).toBe('no-index');
    fs.writeFile(`${ROOT}docs/index.html`, 'docs\n', 1000);
    expect(lookupStatic(fs, `${ROOT}docs/`, ['index.html'])).toMatchObject({ kind: 'file', content: 'docs\n' });
  });

  it('answers each user by their permissions, and sees a chmod', () => {
    const fs = site();
    const nobody = fs.as({ uid: 65534, gid: 65534 });
    expect(lookupStatic(fs, `${ROOT}private.html`, []).kind).toBe('file');
    expect(lookupStatic(nobody, `${ROOT}private.html`, [])).toMatchObject({ kind: 'missing', errno: 'EACCES' });
    fs.chmod(`${ROOT}private.html`, 0o644);
    expect(lookupStatic(nobody, `${ROOT}private.html`, []).kind).toBe('file');
  });

  it('tries the index names it is given, and resolves relative paths from the working directory', () => {
    const fs = site();
    expect(lookupStatic(fs, ROOT, ['readme.txt', 'index.html'])).toMatchObject({ path: `${ROOT}index.html` });
    expect(lookupStatic(fs, `${ROOT}docs/`, ['readme.txt', 'index.html'])).toMatchObject({ path: `${ROOT}docs/readme.txt` });
    expect(lookupStatic(fs, `${ROOT}docs/`, ['index.html']).kind).toBe('no-index');
    expect(lookupStatic(fs.at(ROOT), './index.html', [])).toMatchObject({ kind: 'file', content: '<h1>hello</h1>\n' });
    expect(lookupStatic(fs.at(`${ROOT}docs`), './index.html', [])).toMatchObject({ kind: 'missing', errno: 'ENOENT' });
  });
});

describe('request paths', () => {
  it.each([
    ['/a%20b.html', '/a b.html'],
    ['/plain', '/plain'],
    ['/bad%zz', undefined],
  ])('decodes %s', (path, decoded) => {
    expect(decodePath(path)).toBe(decoded);
  });

  it('types files by extension', () => {
    expect(['/a.html', '/b.CSS', '/c', '/.hidden', '/d.tar.gz'].map(mimeType)).toEqual(['text/html', 'text/css', undefined, undefined, 'application/gzip']);
  });
});
