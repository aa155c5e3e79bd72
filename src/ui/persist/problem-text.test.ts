import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../../engine/cluster/snapshot-validate';
import type { Language } from '../i18n';
import { NoticeView } from './NoticeBanner';
import type { ImportProblem, PersistNotice } from './notice';
import { problemText } from './problem-text';
import { PROBLEM_STRINGS } from './strings';

const pod = { resource: 'pods', namespace: 'default', name: 'web-1' };

/** Each problem, as the English notice words it and as the Chinese one does. */
const CASES: [ImportProblem, string, string][] = [
  [{ code: 'not-json' }, 'it is not JSON', '它不是 JSON 文件'],
  [{ code: 'page-not-object' }, 'its "page" section should be an object', '其中的 "page" 部分应当是一个对象'],
  [{ code: 'page-field-type', field: 'page.speed', expected: '0|1|2|5|10|60' }, 'the field "page.speed" should be 0|1|2|5|10|60', '字段 "page.speed" 的值应当是 0|1|2|5|10|60'],
  [{ code: 'not-a-snapshot', format: 'kubeplay-snapshot' }, 'this is not a kubeplay snapshot (it has no "format": "kubeplay-snapshot")', '这不是 kubeplay 快照（其中没有 "format": "kubeplay-snapshot"）'],
  [{ code: 'newer-version', version: 2, readable: 1 }, 'it was saved by a newer kubeplay (snapshot version 2; this page reads version 1)', '它由更新版本的 kubeplay 保存（快照版本 2；本页面只能读取版本 1）'],
  [{ code: 'older-version', version: 0 }, 'it was saved by an older kubeplay (snapshot version 0) that this page can no longer read', '它由旧版本的 kubeplay 保存（快照版本 0），本页面已无法读取'],
  [{ code: 'proto-key', field: 'objects[0].object.metadata' }, 'it contains a "__proto__" key in objects[0].object.metadata, which a snapshot never has', '其中 objects[0].object.metadata 处含有 "__proto__" 键，快照里从不会有这样的键'],
  [{ code: 'proto-key', field: '' }, 'it contains a "__proto__" key, which a snapshot never has', '其中含有 "__proto__" 键，快照里从不会有这样的键'],
  [{ code: 'field-missing', field: 'resourceVersion' }, 'the field "resourceVersion" is missing', '缺少字段 "resourceVersion"'],
  [{ code: 'field-type', field: 'seed', expected: 'number', actual: 'text' }, 'the field "seed" should be a number, not text', '字段 "seed" 应当是数字，而不是文本'],
  [{ code: 'field-type', field: 'objects', expected: 'list', actual: 'object' }, 'the field "objects" should be a list, not an object', '字段 "objects" 应当是列表，而不是对象'],
  [{ code: 'field-type', field: 'nodes[0]', expected: 'object', actual: 'boolean' }, 'the field "nodes[0]" should be an object, not true/false', '字段 "nodes[0]" 应当是对象，而不是布尔值（true/false）'],
  [{ code: 'field-type', field: 'nodes[0].images[1]', expected: 'text', actual: 'null' }, 'the field "nodes[0].images[1]" should be text, not null', '字段 "nodes[0].images[1]" 应当是文本，而不是null'],
  [{ code: 'field-type', field: 'nodes[0].images[1]', expected: 'text', actual: 'other' }, 'the field "nodes[0].images[1]" should be text, not something else', '字段 "nodes[0].images[1]" 应当是文本，而不是其他类型的值'],
  [{ code: 'field-range', field: 'workers', min: 0, max: 1000, value: 1.5 }, 'the field "workers" should be a whole number from 0 to 1000, not 1.5', '字段 "workers" 应当是 0 到 1000 之间的整数，而不是 1.5'],
  [{ code: 'field-negative', field: 'simTimeMs' }, 'the field "simTimeMs" should not be negative', '字段 "simTimeMs" 不应为负数'],
  [
    { code: 'field-choice', field: 'nodes[0].disk.entries[3].type', choices: ['file', 'dir', 'symlink'], value: 'fifo' },
    'the field "nodes[0].disk.entries[3].type" should be file, dir or symlink, not fifo',
    '字段 "nodes[0].disk.entries[3].type" 应当是 file、dir、symlink 之一，而不是 fifo',
  ],
  [{ code: 'path-not-plain', field: 'nodes[0].disk.removed[2]', path: '/root/../etc' }, 'the path "/root/../etc" in nodes[0].disk.removed[2] is not a plain absolute path', 'nodes[0].disk.removed[2] 中的路径 "/root/../etc" 不是普通的绝对路径'],
  [{ code: 'unknown-resource', field: 'objects[0]', resource: 'widgets' }, 'objects[0] is of a kind this cluster does not have (widgets)', 'objects[0] 的类型（widgets）在这个集群中不存在'],
  [{ code: 'object-unnamed', field: 'objects[4].object' }, 'objects[4].object has no name', 'objects[4].object 没有名称'],
  [
    { code: 'object-refused', object: pod, message: 'Pod "web-1" is invalid: spec.containers[0].image: Required value' },
    'the pods object default/web-1 is not valid: Pod "web-1" is invalid: spec.containers[0].image: Required value',
    'pods 对象 default/web-1 无效：Pod "web-1" is invalid: spec.containers[0].image: Required value',
  ],
  [{ code: 'object-refused', object: { resource: 'deployments.apps', namespace: 'default' }, message: 'x' }, 'the deployments.apps object default/(no name) is not valid: x', 'deployments.apps 对象 default/（无名称） 无效：x'],
  [{ code: 'object-twice', object: pod }, 'the pods object default/web-1 is in it twice', 'pods 对象 default/web-1 在其中出现了两次'],
  [{ code: 'object-namespace', object: { resource: 'pods', name: 'web-1' }, namespaced: true }, 'the pods object web-1 has no namespace', 'pods 对象 web-1 缺少命名空间'],
  [{ code: 'object-namespace', object: { resource: 'nodes', namespace: 'default', name: 'worker01' }, namespaced: false }, 'the nodes object default/worker01 should have no namespace', 'nodes 对象 default/worker01 不应有命名空间'],
  [{ code: 'object-no-uid', object: pod }, 'the pods object default/web-1 has no uid', 'pods 对象 default/web-1 缺少 uid'],
  [{ code: 'object-resource-version', object: pod, max: 812 }, 'the pods object default/web-1 has a resourceVersion outside 1..812', 'pods 对象 default/web-1 的 resourceVersion 不在 1..812 范围内'],
  [
    { code: 'nodes-mismatch', found: ['master01', 'worker01'], expected: ['master01', 'worker01', 'worker02'] },
    "its nodes (master01, worker01) are not the cluster's master01, worker01, worker02",
    '其中的节点（master01、worker01）与集群的节点 master01、worker01、worker02 不一致',
  ],
  [{ code: 'nodes-mismatch', found: [], expected: ['master01'] }, "its nodes (none) are not the cluster's master01", '其中的节点（无）与集群的节点 master01 不一致'],
];

/** Every code the notices can be given: a new one without a case above fails the coverage test. */
const CODES = {
  'not-json': true,
  'page-not-object': true,
  'page-field-type': true,
  'not-a-snapshot': true,
  'newer-version': true,
  'older-version': true,
  'proto-key': true,
  'field-missing': true,
  'field-type': true,
  'field-range': true,
  'field-negative': true,
  'field-choice': true,
  'path-not-plain': true,
  'unknown-resource': true,
  'object-unnamed': true,
  'object-refused': true,
  'object-twice': true,
  'object-namespace': true,
  'object-no-uid': true,
  'object-resource-version': true,
  'nodes-mismatch': true,
} satisfies Record<ImportProblem['code'], true>;

describe('why a snapshot was refused, in the page language', () => {
  it.each(CASES)('%j', (problem, en, zh) => {
    expect(problemText(PROBLEM_STRINGS.en, problem)).toBe(en);
    expect(problemText(PROBLEM_STRINGS.zh, problem)).toBe(zh);
  });

  it('has a case for every code', () => {
    expect([...new Set(CASES.map(([p]) => p.code))].sort()).toEqual(Object.keys(CODES).sort());
  });

  it("words the worker's own verdict on a file", () => {
    const checked = validateSnapshot({ format: 'kubeplay-snapshot', version: 1 });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(problemText(PROBLEM_STRINGS.en, checked.problem)).toBe('the field "seed" is missing');
    expect(problemText(PROBLEM_STRINGS.zh, checked.problem)).toBe('缺少字段 "seed"');
  });
});

describe('the notice banner', () => {
  const shown = (notice: PersistNotice, language: Language): string => renderToStaticMarkup(createElement(NoticeView, { notice, language }));

  it('words an unreadable save in the language shown', () => {
    const unreadable: PersistNotice = { kind: 'unreadable', problem: { code: 'newer-version', version: 99, readable: 1 } };
    expect(shown(unreadable, 'en')).toBe(
      '<div class="persist-notice failed" role="alert"><span>Your saved cluster could not be read (it was saved by a newer kubeplay (snapshot version 99; this page reads version 1)); started a fresh one.</span><button type="button">Dismiss</button></div>',
    );
    expect(shown(unreadable, 'zh')).toBe(
      '<div class="persist-notice failed" role="alert"><span>无法读取你保存的集群（它由更新版本的 kubeplay 保存（快照版本 99；本页面只能读取版本 1）），已启动一个新集群。</span><button type="button">关闭</button></div>',
    );
  });

  it('words a refused import with the file name', () => {
    const refused: PersistNotice = { kind: 'import-failed', name: 'broken.json', problem: { code: 'field-missing', field: 'seed' } };
    expect(shown(refused, 'zh')).toContain('<span>无法导入 broken.json（缺少字段 &quot;seed&quot;）；你的集群没有变化。</span>');
    expect(shown(refused, 'en')).toContain('<span>broken.json could not be imported (the field &quot;seed&quot; is missing); your cluster is unchanged.</span>');
  });
});
