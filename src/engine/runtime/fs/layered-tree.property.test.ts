/**
 * The overlay must be invisible: any sequence of operations on (image + writable layer) shows the
 * same tree, and fails with the same errno, as the same operations on a plain writable copy of the
 * image. And the image itself never changes. Failing seeds get pinned below as regressions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildImageLayer, createContainerFs, emptyLayer, type LayerEntry, type Vfs } from './index';
import { errnoOf } from './testkit';

const name = fc.constantFrom('a', 'b', 'c');
const path = fc.array(name, { minLength: 1, maxLength: 3 }).map((cs) => '/' + cs.join('/'));
const entry: fc.Arbitrary<LayerEntry> = fc.oneof(
  fc.constantFrom('x', 'yy', ''),
  fc.constant({ dir: true as const }),
  path.map((p) => ({ symlink: p })),
);

/** Drop entries that would sit under a file or symlink, so the spec is a valid tree. */
function validSpec(pairs: [string, LayerEntry][]): Record<string, LayerEntry> {
  const spec: Record<string, LayerEntry> = {};
  for (const [p, e] of [...pairs].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (p in spec) continue;
    const parts = p.split('/');
    const blocked = parts.slice(1, -1).some((_, i) => {
      const ancestor = spec[parts.slice(0, i + 2).join('/')];
      return ancestor !== undefined && !(typeof ancestor === 'object' && 'dir' in ancestor);
    });
    if (!blocked) spec[p] = e;
  }
  return spec;
}

type Op = (fs: Vfs) => void;
const step = (label: string, run: Op): [string, Op] => [label, run];
const op: fc.Arbitrary<[string, Op]> = fc.oneof(
  fc.tuple(path, fc.string({ maxLength: 3 })).map(([p, s]) => step(`write ${p}`, (fs) => fs.writeFile(p, s, 1))),
  fc.tuple(path, fc.string({ maxLength: 3 })).map(([p, s]) => step(`append ${p}`, (fs) => fs.appendFile(p, s, 1))),
  fc.tuple(path, fc.boolean()).map(([p, parents]) => step(`mkdir ${p}`, (fs) => fs.mkdir(p, 1, { parents }))),
  path.map((p) => step(`rm -r ${p}`, (fs) => fs.rm(p, { recursive: true }))),
  path.map((p) => step(`unlink ${p}`, (fs) => fs.unlink(p))),
  path.map((p) => step(`rmdir ${p}`, (fs) => fs.rmdir(p))),
  path.map((p) => step(`touch ${p}`, (fs) => fs.touch(p, 1))),
  fc.tuple(path, path).map(([p, q]) => step(`mv ${p} ${q}`, (fs) => fs.rename(p, q, 1))),
  fc.tuple(path, path).map(([t, p]) => step(`ln -s ${t} ${p}`, (fs) => fs.symlink(t, p, 1))),
);

/** Everything visible, as text: type, and content or link target. */
function snapshot(fs: Vfs, dir = '/', out: Record<string, string> = {}): Record<string, string> {
  for (const n of fs.readdir(dir)) {
    const p = (dir === '/' ? '' : dir) + '/' + n;
    const st = fs.lstat(p);
    if (st.type === 'dir') {
      out[p] = 'dir';
      snapshot(fs, p, out);
    } else out[p] = st.type === 'file' ? `file:${fs.readFile(p)}` : `link:${fs.readlink(p)}`;
  }
  return out;
}

/** The reference: an empty writable tree with the image's contents written into it. */
function plainCopy(spec: Record<string, LayerEntry>): Vfs {
  const fs = createContainerFs({ image: emptyLayer() });
  for (const p of Object.keys(spec).sort()) {
    const e = spec[p]!;
    fs.mkdir(p.slice(0, p.lastIndexOf('/')) || '/', 0, { parents: true });
    if (typeof e === 'string') fs.writeFile(p, e, 0);
    else if ('symlink' in e) fs.symlink(e.symlink, p, 0);
    else if ('dir' in e) fs.mkdir(p, 0, { parents: true });
  }
  return fs;
}

const outcome = errnoOf;

describe('overlay ≡ plain copy', () => {
  it('same visible tree and same errors for any operation sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(path, entry), { maxLength: 8 }), fc.array(op, { maxLength: 15 }), (pairs, ops) => {
        const spec = validSpec(pairs);
        const image = buildImageLayer(spec);
        const overlay = createContainerFs({ image });
        const copy = plainCopy(spec);
        const before = snapshot(createContainerFs({ image }));
        expect(snapshot(overlay)).toEqual(snapshot(copy));
        for (const [label, run] of ops) {
          expect([label, outcome(() => run(overlay))]).toEqual([label, outcome(() => run(copy))]);
          expect(snapshot(overlay)).toEqual(snapshot(copy));
        }
        // The image is untouched, so a restarted container sees exactly the image again.
        expect(snapshot(createContainerFs({ image }))).toEqual(before);
      }),
      { seed: 20240219, numRuns: 400 },
    );
  });
});
