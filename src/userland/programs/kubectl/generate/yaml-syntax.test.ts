/**
 * go-yaml's and Go's JSON errors as kubectl v1.30 prints them for `create -f`. Every expected
 * text below was printed by the real kubectl 1.30 (`kubectl create -f FILE --dry-run=client
 * --validate=false`, which parses before it needs a server) for exactly that file; undefined
 * means kubectl parsed the file (whatever it said about the object afterwards).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { parseManifests } from './manifests';
import { readJsonStream } from './json-syntax';
import { goYamlError } from './yaml-syntax';

/** The parse error kubectl prints after `error parsing FILE: `, or undefined when it parses. */
function parseError(file: string, text: string): string | undefined {
  const failed = parseManifests(file, text).find((m) => !m.ok && m.error.startsWith('error parsing'));
  return failed && !failed.ok ? failed.error.slice(`error parsing ${file}: `.length) : undefined;
}

// [case, file content, what kubectl printed after "error parsing FILE: "]
const YAML_CASES: [string, string, string | undefined][] = [
  ["tab-after-space", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n  labels:\n \tapp: myapp\nspec:\n  containers:\n  - name: c\n    image: nginx\n", "error converting YAML to JSON: yaml: line 6: found character that cannot start any token"],
  ["tab-at-line-start", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n  labels:\n\tapp: myapp\nspec:\n  containers:\n  - name: c\n    image: nginx\n", "error converting YAML to JSON: yaml: line 6: found character that cannot start any token"],
  ["tab-only-indent-top", "apiVersion: v1\n\tkind: Pod\n", "error converting YAML to JSON: yaml: line 2: found a tab character that violates indentation"],
  ["tab-before-dash", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n\t- name: c\n", "error converting YAML to JSON: yaml: line 7: found character that cannot start any token"],
  ["tab-after-dash", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  -\tname: c\n    image: nginx\n", "error converting YAML to JSON: yaml: line 7: found character that cannot start any token"],
  ["tab-after-colon", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name:\tc\n    image: nginx\n", undefined],
  ["tab-after-key-colon-nested", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\t\n  containers:\n  - name: c\n", undefined],
  ["tab-in-plain-continuation", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n  labels:\n    app: my\n\tapp\n", "error converting YAML to JSON: yaml: line 7: found a tab character that violates indentation"],
  ["tab-block-scalar", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\ndata:\n  x: |\n\thello\n", "error converting YAML to JSON: yaml: line 7: found a tab character where an indentation space is expected"],
  ["tab-block-scalar-after-indent", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\ndata:\n  x: |\n    hello\n\tworld\n", "error converting YAML to JSON: yaml: line 8: found a tab character where an indentation space is expected"],
  ["tab-trailing", "apiVersion: v1\t\nkind: Pod\n", undefined],
  ["tab-in-flow", "apiVersion: v1\nkind: Pod\nmetadata: {name:\ta}\n", undefined],
  ["overindent-key", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n   labels:\n    app: a\nspec:\n  containers:\n  - name: c\n    image: nginx\n", "error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"],
  ["underindent-key", "apiVersion: v1\nkind: Pod\nmetadata:\n    name: a\n  labels:\n    app: a\n", "error converting YAML to JSON: yaml: line 4: did not find expected key"],
  ["image-overindent", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n     image: nginx\n", "error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context"],
  ["image-underindent", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n   image: nginx\n", "error converting YAML to JSON: yaml: line 7: did not find expected key"],
  ["dash-underindent", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n    - name: c\n      image: nginx\n  - name: d\n    image: x\n", "error converting YAML to JSON: yaml: line 8: did not find expected key"],
  ["dash-overindent-second", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n    image: nginx\n   - name: d\n", "error converting YAML to JSON: yaml: line 8: did not find expected key"],
  ["missing-colon", "apiVersion: v1\nkind: Pod\nmetadata\n  name: a\n", "error converting YAML to JSON: yaml: line 4: could not find expected ':'"],
  ["missing-colon-leaf", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name c\n    image: nginx\n", "error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context"],
  ["no-space-after-colon", "apiVersion: v1\nkind:Pod\nmetadata:\n  name: a\n", "error converting YAML to JSON: yaml: line 3: could not find expected ':'"],
  ["no-space-after-colon-last", "apiVersion: v1\nkind: Pod\nmetadata:\n  name:a\n", undefined],
  ["no-space-after-dash", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  -name: c\n    image: nginx\n", "error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context"],
  ["no-space-after-dash-scalar", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n    image: nginx\n    args:\n    -a\n    - b\n", "error converting YAML to JSON: yaml: line 11: could not find expected ':'"],
  ["value-colon-value", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c: d\n    image: nginx\n", "error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context"],
  ["dash-after-colon", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers: - name: c\n", "error converting YAML to JSON: yaml: line 6: block sequence entries are not allowed in this context"],
  ["unclosed-double", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: \"c\n    image: nginx\n", "error converting YAML to JSON: yaml: line 9: found unexpected end of stream"],
  ["unclosed-single", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n    image: 'nginx\n", "error converting YAML to JSON: yaml: line 9: found unexpected end of stream"],
  ["single-apostrophe", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n  annotations:\n    note: 'it's'\n", "error converting YAML to JSON: yaml: line 5: did not find expected key"],
  ["unclosed-bracket", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n    image: nginx\n    command: [\"sleep\", \"3600\"\n", "error converting YAML to JSON: yaml: line 9: did not find expected ',' or ']'"],
  ["missing-comma", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n    image: nginx\n    command: [\"sh\" \"-c\"]\n", "error converting YAML to JSON: yaml: line 8: did not find expected ',' or ']'"],
  ["unclosed-brace", "apiVersion: v1\nkind: Pod\nmetadata: {name: a\nspec: {}\n", "error converting YAML to JSON: yaml: line 3: did not find expected ',' or '}'"],
  ["extra-close-bracket", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n    args: [a]]\n", "error converting YAML to JSON: yaml: line 7: did not find expected key"],
  ["bad-escape", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n  annotations:\n    a: \"c:\\dir\"\n", "error converting YAML to JSON: yaml: line 6: found unknown escape character"],
  ["undefined-alias", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n  labels: *common\n", "error converting YAML to JSON: yaml: unknown anchor 'common' referenced"],
  ["at-sign", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n    image: @nginx\n", "error converting YAML to JSON: yaml: line 8: found character that cannot start any token"],
  ["backtick", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n    image: `nginx`\n", "error converting YAML to JSON: yaml: line 8: found character that cannot start any token"],
  ["control-char", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n  labels:\n    app: a\u0001b\n", "error converting YAML to JSON: yaml: control characters are not allowed"],
  ["control-char-late", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n  - name: c\n    image: nginx\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\n  x: 1\nz: a\u0007\n", "error converting YAML to JSON: yaml: control characters are not allowed"],
  ["separator-with-text", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n--- foo\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n", "invalid Yaml document separator: foo"],
  ["separator-4-dashes", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n----\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n", "invalid Yaml document separator: -"],
  ["doc-end-then-more", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n...\nkind: Pod\n", undefined],
  ["directive", "%YAML 1.1\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n", "error converting YAML to JSON: yaml: line 1: did not find expected <document start>"],
  ["directive-bad", "%FOO bar\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n", "error converting YAML to JSON: yaml: found unknown directive name"],
  ["only-scalar", "hello\n", undefined],
  ["key-after-scalar", "apiVersion: v1\nkind: Pod\nfoo\nbar: 1\n", "error converting YAML to JSON: yaml: line 4: could not find expected ':'"],
  ["dup-keys", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\n  name: other\n", undefined],
  ["list-top", "- a\n- b\n", undefined],
  ["question", "? a\n: b\n", undefined],
  ["indentless-bad", "a:\n- b\n c: d\n", "error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context"],
  ["flow-map-in-block", "a: {b: c, d}\ne: f\n", undefined],
  ["crlf-tab", "apiVersion: v1\r\nkind: Pod\r\n\tx: 1\r\n", "error converting YAML to JSON: yaml: line 3: found a tab character that violates indentation"],
  ["anchor-bad", "a: &\n", "error converting YAML to JSON: yaml: did not find expected alphabetic or numeric character"],
  ["tag-bad", "a: !<foo\n", "error converting YAML to JSON: yaml: did not find the expected '>'"],
  ["empty-key", ": a\n", "error converting YAML to JSON: yaml: did not find expected key"],
  ["quote-in-middle", "a: b\"c\nd: \"e\n", "error converting YAML to JSON: yaml: line 3: found unexpected end of stream"],
];

const JSON_CASES: [string, string, string | undefined][] = [
  ["json-trailing-comma", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n}\n", "json: offset 42: invalid character '}' looking for beginning of object key string"],
  ["json-missing-comma", "{\n  \"apiVersion\": \"v1\"\n  \"kind\": \"Pod\"\n}\n", "json: offset 26: invalid character '\"' after object key:value pair"],
  ["json-unclosed", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\"\n", "unexpected EOF"],
  ["json-single-quotes", "{'apiVersion': 'v1'}\n", "json: offset 2: invalid character '\\'' looking for beginning of object key string"],
  ["json-unquoted-key", "{apiVersion: \"v1\"}\n", "json: offset 2: invalid character 'a' looking for beginning of object key string"],
  ["json-bad-value", "{\"apiVersion\": v1}\n", "json: offset 16: invalid character 'v' looking for beginning of value"],
  ["json-leading-ws", "\n\n  {\"a\": tru}\n", "json: offset 14: invalid character '}' in literal true (expecting 'e')"],
  ["json-missing-colon", "{\"a\" \"b\"}\n", "json: offset 6: invalid character '\"' after object key"],
  ["json-array-trailing", "{\"a\": [1, 2,]}\n", "json: offset 13: invalid character ']' looking for beginning of value"],
  ["json-newline-in-string", "{\"a\": \"b\nc\"}\n", "json: offset 9: invalid character '\\n' in string literal"],
  ["json-bad-escape", "{\"a\": \"b\\qc\"}\n", "json: offset 10: invalid character 'q' in string escape code"],
  ["json-bad-number", "{\"a\": 01}\n", "json: offset 8: invalid character '1' after object key:value pair"],
  ["json-bad-number2", "{\"a\": -x}\n", "json: offset 8: invalid character 'x' in numeric literal"],
  ["json-two-objects-second-bad", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}}\n{\"a\": ,}\n", "json: offset 76: invalid character ',' looking for beginning of value"],
  ["json-garbage-after", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}} x\n", "json: offset 70: invalid character 'x' looking for beginning of value"],
  ["json-unclosed-string", "{\"a\": \"b}\n", "json: offset 10: invalid character '\\n' in string literal"],
  ["json-tab-ok", "{\t\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}}\n", undefined],
  ["json-unicode", "{\"a\": \"é\", \"b\": ü}\n", "json: offset 18: invalid character 'Ã' looking for beginning of value"],
  ["json-control", "{\"a\": \"b\u0001\"}\n", "json: offset 9: invalid character '\\x01' in string literal"],
  ["json-empty-obj-comma", "{,}\n", "json: offset 2: invalid character ',' looking for beginning of object key string"],
  ["json-close-bracket", "{\"a\": 1]\n", "json: offset 8: invalid character ']' after object key:value pair"],
];

describe('YAML syntax errors, as kubectl v1.30 prints them', () => {
  it.each(YAML_CASES)('%s', (_, text, expected) => {
    expect(parseError('pod.yaml', text)).toBe(expected);
  });
});

describe('JSON syntax errors (a stream starting with "{")', () => {
  it.each(JSON_CASES)('%s', (_, text, expected) => {
    expect(parseError('pod.json', text)).toBe(expected);
  });
});

describe('documents around a bad one', () => {
  const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

  it('the documents before it go through, those after it are not read; lines count from the document', () => {
    const manifests = parseManifests('m.yaml', `${cm('one')}---\n${cm('two')}  x: [\n---\n${cm('three')}`);
    expect(manifests.map((m) => (m.ok ? m.object.metadata?.name : m.error))).toEqual([
      'one',
      // kubectl v1.30: the error names line 5 of the second document, not line 10 of the file.
      'error parsing m.yaml: error converting YAML to JSON: yaml: line 5: did not find expected node content',
    ]);
  });

  it('JSON values before the bad one go through', () => {
    const manifests = parseManifests('m.json', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}\n{"a": ,}\n');
    expect(manifests.map((m) => (m.ok ? m.object.metadata?.name : m.error))).toEqual([
      'a',
      'error parsing m.json: json: offset 76: invalid character \',\' looking for beginning of value',
    ]);
  });

  it('empty documents and comment-only documents are skipped', () => {
    expect(parseManifests('m.yaml', `---\n# nothing\n---\n\n---\n${cm('one')}`).map((m) => m.ok)).toEqual([true]);
  });
});

/** YAML-ish text: the characters that matter to the scanner, in any order. */
const yamlish = fc.array(fc.constantFrom('a', 'b: ', ':', ' ', '  ', '\t', '\n', '- ', '-', '"', "'", '[', ']', '{', '}', ',', '#', '&x ', '*x', '!', '|', '>', '?', '...', '%', '\\', '1'), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('properties', () => {
  it('what js-yaml and the go-yaml check both accept parses as js-yaml reads it', () => {
    fc.assert(fc.property(yamlish, (text) => {
      if (goYamlError(text) !== undefined) return;
      let values: unknown[];
      try {
        values = loadAll(text, undefined, { schema: CORE_SCHEMA, json: true });
      } catch {
        return;
      }
      const objects = values.slice(0, 1).filter((v) => v !== null && v !== undefined);
      const manifests = parseManifests('p.yaml', text);
      expect(manifests).toHaveLength(objects.length);
      manifests.forEach((m, i) => {
        if (m.ok) expect(m.object).toEqual(objects[i]);
      });
    }), { seed: 1, numRuns: 2000 });
  });

  it('the go-yaml check never throws, whatever the text', () => {
    fc.assert(fc.property(fc.oneof(yamlish, fc.string({ unit: 'binary' })), (text) => {
      const error = goYamlError(text);
      expect(error === undefined || error.startsWith('yaml: ')).toBe(true);
    }), { seed: 2, numRuns: 2000 });
  });

  it('a stream of JSON values reads back as those values; any text reads without throwing', () => {
    fc.assert(fc.property(fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { minLength: 1, maxLength: 3 }), (objects) => {
      // As JSON.parse reads the text back (-0 is written as 0).
      expect(readJsonStream(objects.map((o) => JSON.stringify(o, null, 1)).join('\n'))).toEqual({ values: JSON.parse(JSON.stringify(objects)) });
    }), { seed: 3 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const stream = readJsonStream(`{${text}`);
      expect(stream.error === undefined || /^(json: offset \d+: invalid character .+|unexpected EOF)$/.test(stream.error)).toBe(true);
    }), { seed: 4, numRuns: 2000 });
  });
});
