import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fieldSelectorMatches,
  FieldSelectorError,
  parseFieldSelector,
  supportedFieldLabels,
  unsupportedFieldError,
} from './fieldselectors';
import { resourceFor } from './resources';
import {
  formatLabelSelector,
  labelKeyErrors,
  labelSelectorAsSelector,
  LabelSelectorError,
  parseLabelSelector,
  pinnedLabel,
  tryParseLabelSelector,
} from './selectors';
import type { KubeObject } from './types';

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('label selector parsing', () => {
  const matching: [string, Record<string, string>, boolean][] = [
    ['', {}, true],
    ['app=nginx', { app: 'nginx' }, true],
    ['app=nginx', { app: 'web' }, false],
    ['app==nginx', { app: 'nginx' }, true],
    ['app!=nginx', {}, true],
    ['app!=nginx', { app: 'nginx' }, false],
    ['env in (prod,dev)', { env: 'dev' }, true],
    ['env in (prod,dev)', {}, false],
    ['env notin (prod,dev)', {}, true],
    ['env notin (prod,dev)', { env: 'prod' }, false],
    ['app', { app: '' }, true],
    ['app', {}, false],
    ['!app', {}, true],
    ['!app', { app: 'x' }, false],
    ['app=nginx,tier!=db', { app: 'nginx', tier: 'web' }, true],
    ['app=nginx, tier!=db', { app: 'nginx', tier: 'db' }, false],
    ['x in (foo,,baz),y,z notin ()', { x: '', y: '1' }, true],
    ['a in (in)', { a: 'in' }, true],
    ['app=', { app: '' }, true],
    ['n>3', { n: '4' }, true],
    ['n<3', { n: '4' }, false],
    ['app.kubernetes.io/name=web', { 'app.kubernetes.io/name': 'web' }, true],
    ['constructor', { constructor: 'x' }, true],
    ['constructor', {}, false],
  ];
  it.each(matching)('%j against %j → %s', (text, labels, expected) => {
    expect(parseLabelSelector(text).matches(labels)).toBe(expected);
  });

  const canonical: [string, string][] = [
    ['tier!=db,app=nginx', 'app=nginx,tier!=db'],
    ['env in (b, a, b)', 'env in (a,b)'],
    ['!canary', '!canary'],
    ['app==x', 'app==x'],
    ['  app  ', 'app'],
  ];
  it.each(canonical)('%j prints as %j', (text, expected) => {
    expect(parseLabelSelector(text).toString()).toBe(expected);
  });

  const errors: [string, string][] = [
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in', "unable to parse requirement: found '' expected: '('"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['=b', "found '=', expected: !, identifier, or 'end of string'"],
    ['A_=b', `unable to parse requirement: <nil>: Invalid value: "A_": ${NAME_PART}`],
    ['a=-b', `unable to parse requirement: values[0][a]: Invalid value: "-b": ${LABEL_VALUE}`],
    ['n>x', `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
  ];
  it.each(errors)('%j fails with the upstream message', (text, expected) => {
    expect(tryParseLabelSelector(text)).toBe(expected);
  });

  it('validates keys like IsQualifiedName', () => {
    expect(labelKeyErrors('app')).toEqual([]);
    expect(labelKeyErrors('example.com/app')).toEqual([]);
    expect(labelKeyErrors('/app')).toEqual(['prefix part must be non-empty']);
    expect(labelKeyErrors('a/b/c')[0]).toMatch(/^a qualified name must consist of/);
    expect(labelKeyErrors('x'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
  });

  it('never throws anything but a parse error on arbitrary input (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: fc.constantFrom('a', 'b', '=', '!', '(', ')', ',', ' ', 'in', 'notin', '-', '/', '.', '<', '>') }), (text) => {
        const r = tryParseLabelSelector(text);
        if (typeof r !== 'string') {
          // A selector that parses prints a text that parses to the same thing.
          expect(parseLabelSelector(r.toString()).toString()).toBe(r.toString());
        }
      }),
      { seed: 4242, numRuns: 2000 },
    );
  });

  it('picks the narrowest pinned label for index lookups', () => {
    expect(pinnedLabel(parseLabelSelector('a in (x,y),b=z,c'))).toEqual({ key: 'b', values: ['z'] });
    expect(pinnedLabel(parseLabelSelector('!a,b!=c'))).toBeUndefined();
  });
});

describe('metav1.LabelSelector', () => {
  it('nil selects nothing, empty selects everything', () => {
    expect(labelSelectorAsSelector(undefined).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector(null).matches({})).toBe(false);
    expect(labelSelectorAsSelector({}).matches({ a: 'b' })).toBe(true);
  });

  it('combines matchLabels and matchExpressions', () => {
    const s = labelSelectorAsSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['fe', 'be'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'team', operator: 'Exists' },
      ],
    });
    expect(s.matches({ app: 'web', tier: 'fe', team: 'x' })).toBe(true);
    expect(s.matches({ app: 'web', tier: 'fe', team: 'x', canary: 'y' })).toBe(false);
    expect(s.matches({ app: 'web', tier: 'fe', team: 'x', env: 'dev' })).toBe(false);
    expect(s.toString()).toBe('app=web,!canary,env notin (dev),team,tier in (be,fe)');
  });

  it('reports bad operators and values like upstream', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow(
      new LabelSelectorError('"Gt" is not a valid label selector operator'),
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
  });

  it('formats for SELECTOR columns', () => {
    expect(formatLabelSelector({ matchLabels: { app: 'nginx', 'pod-template-hash': '7854ff8877' } })).toBe('app=nginx,pod-template-hash=7854ff8877');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
  });
});

describe('field selectors', () => {
  const pods = resourceFor('', 'pods')!;
  const pod = { metadata: { name: 'a', namespace: 'default' }, spec: { nodeName: 'w1', restartPolicy: 'Always' }, status: { phase: 'Running' } } as KubeObject;

  const cases: [string, boolean][] = [
    ['', true],
    ['spec.nodeName=w1', true],
    ['spec.nodeName==w1', true],
    ['spec.nodeName!=w1', false],
    ['spec.nodeName=', false],
    ['status.phase=Running,metadata.name=a', true],
    ['metadata.namespace!=default', false],
    ['spec.hostNetwork=false', true],
    ['status.podIP=', true],
  ];
  it.each(cases)('%j → %s', (text, expected) => {
    expect(fieldSelectorMatches(pods, parseFieldSelector(text), pod)).toBe(expected);
  });

  it('rejects what upstream rejects', () => {
    expect(() => parseFieldSelector('foo')).toThrow(new FieldSelectorError("invalid selector: 'foo'; can't understand 'foo'"));
    expect(() => parseFieldSelector('a=b=c')).toThrow('invalid field selector: unescaped character in value: =');
    expect(() => parseFieldSelector('a=b\\x')).toThrow('invalid field selector: invalid escape sequence: \\x');
    expect(parseFieldSelector('a=b\\,c').requirements[0]!.value).toBe('b,c');
    expect(unsupportedFieldError(pods, parseFieldSelector('foo=bar'))).toBe('field label not supported: foo');
    expect(unsupportedFieldError(resourceFor('apps', 'deployments')!, parseFieldSelector('spec.nodeName=x'))).toBe(
      'field label not supported: spec.nodeName',
    );
  });

  it('exposes the documented fields per kind', () => {
    const r = (g: string, p: string) => resourceFor(g, p)!;
    expect(supportedFieldLabels(r('', 'events'))).toContain('involvedObject.uid');
    expect(supportedFieldLabels(r('', 'nodes'))).toContain('spec.unschedulable');
    expect(supportedFieldLabels(r('', 'namespaces'))).toContain('status.phase');
    expect(supportedFieldLabels(r('', 'secrets'))).toContain('type');
    expect(supportedFieldLabels(r('apps', 'replicasets'))).toContain('status.replicas');
    expect(supportedFieldLabels(r('batch', 'jobs'))).toContain('status.successful');
    const event = { metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'a' }, reason: 'Scheduled', source: { component: 'default-scheduler' }, type: 'Normal' } as KubeObject;
    expect(fieldSelectorMatches(r('', 'events'), parseFieldSelector('involvedObject.kind=Pod,source=default-scheduler,type=Normal'), event)).toBe(true);
    const job = { metadata: { name: 'j' }, status: { succeeded: 2 } } as KubeObject;
    expect(fieldSelectorMatches(r('batch', 'jobs'), parseFieldSelector('status.successful=2'), job)).toBe(true);
    const node = { metadata: { name: 'n' }, spec: {} } as KubeObject;
    expect(fieldSelectorMatches(r('', 'nodes'), parseFieldSelector('spec.unschedulable=false'), node)).toBe(true);
  });
});
