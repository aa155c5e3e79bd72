// The editor's Kubernetes schema, checked with a standard JSON-schema validator on manifests a
// learner writes: what it accepts and what it flags, before and after the descriptions load.
import Ajv, { type ErrorObject } from 'ajv';
import { describe, expect, test } from 'vitest';
import fields from '../../generated/schema-fields.json';
import docsJson from '../../generated/schema-docs.json';
import type { SchemaDocs } from '../../engine/api/schema';
import type { JSONSchema } from 'monaco-yaml';
import { kubernetesSchema, type SchemaFields } from './k8s-schema';

const docs = docsJson as unknown as SchemaDocs;
const compile = (withDocs: boolean) => new Ajv({ strict: false, allErrors: true }).compile(kubernetesSchema(fields as SchemaFields, withDocs ? docs : undefined));
const validate = { bare: compile(false), described: compile(true) };

/** The errors that matter to a learner: the innermost ones (the if/then wrappers only repeat them). */
function problems(manifest: unknown, withDocs = true): string[] {
  const check = withDocs ? validate.described : validate.bare;
  if (check(manifest)) return [];
  return (check.errors ?? [])
    .filter((e: ErrorObject) => e.keyword !== 'if' && e.keyword !== 'allOf')
    .map((e: ErrorObject) => `${e.instancePath || '/'} ${e.keyword}${e.params && 'additionalProperty' in e.params ? ` ${String(e.params['additionalProperty'])}` : ''}${e.keyword === 'required' ? ` ${String(e.params['missingProperty'])}` : ''}`)
    .sort();
}

const pod = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec });
const nginx = { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] };

describe('manifests', () => {
  test.each<[string, unknown, string[]]>([
    ['the tutorial pod', pod({ containers: [nginx, { name: 'busybox', image: 'busybox', command: ['sleep', '3600'] }] }), []],
    ['a misspelt field under spec', pod({ contianers: [nginx] }), ['/spec additionalProperties contianers', '/spec required containers']],
    ['an unknown field in a container', pod({ containers: [{ ...nginx, imagePolicy: 'Always' }] }), ['/spec/containers/0 additionalProperties imagePolicy']],
    ['a port as a string', pod({ containers: [{ ...nginx, ports: [{ containerPort: '80' }] }] }), ['/spec/containers/0/ports/0/containerPort type']],
    ['quantities as strings or numbers', pod({ containers: [{ ...nginx, resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: 1 } } }] }), []],
    ['a probe port by number or by name', pod({ containers: [{ ...nginx, livenessProbe: { httpGet: { path: '/', port: 'http' } }, readinessProbe: { tcpSocket: { port: 80 } } }] }), []],
    ['an enum value that does not exist', pod({ restartPolicy: 'Sometimes', containers: [nginx] }), ['/spec/restartPolicy enum']],
    ['a labels map holding a list', { ...pod({ containers: [nginx] }), metadata: { name: 'x', labels: { app: ['web'] } } }, ['/metadata/labels/app type']],
    ['no kind', { apiVersion: 'v1', metadata: { name: 'x' } }, ['/ required kind']],
    ['a kind that does not exist', { apiVersion: 'v1', kind: 'Pdo' }, ['/kind enum']],
    [
      'a Deployment',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [nginx] } } } },
      [],
    ],
    ['replicas as words', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 'three', selector: {}, template: {} } }, ['/spec/replicas type']],
    ['a Service with a named targetPort', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] } }, []],
    ['a List as kubectl edit opens several objects', { apiVersion: 'v1', kind: 'List', metadata: {}, items: [pod({ containers: [nginx] }), pod({ containers: [{ ...nginx, colour: 'red' }] })] }, ['/items/1/spec/containers/0 additionalProperties colour']],
  ])('%s', (_name, manifest, expected) => {
    expect(problems(manifest)).toEqual(expected);
  });

  test('enum values come with the descriptions: before they load, any string passes', () => {
    expect(problems(pod({ restartPolicy: 'Sometimes', containers: [nginx] }), false)).toEqual([]);
  });
});

describe('words from kubectl explain', () => {
  const schema = kubernetesSchema(fields as SchemaFields, docs);
  const definition = (name: string) => schema.definitions![name]!;
  /** A field's schema (the generator never writes `true`/`false` ones). */
  const field = (type: JSONSchema, name: string) => type.properties![name] as JSONSchema;

  test('a type and each field carry the descriptions explain prints', () => {
    expect(definition('core.v1.Pod').description).toBe(docs['core.v1.Pod']!.description);
    expect(field(definition('core.v1.PodSpec'), 'containers').description).toBe(docs['core.v1.PodSpec']!.fields['containers']);
    expect(field(definition('core.v1.Container'), 'imagePullPolicy').enum).toEqual(['Always', 'IfNotPresent', 'Never']);
  });

  test('without the descriptions the schema still knows every field', () => {
    const bare = kubernetesSchema(fields as SchemaFields);
    expect(Object.keys(bare.definitions!['core.v1.PodSpec']!.properties!)).toEqual(Object.keys(fields.types['core.v1.PodSpec'].fields));
    expect(bare.definitions!['core.v1.Pod']!.description).toBeUndefined();
    expect(field(bare.definitions!['core.v1.PodSpec']!, 'containers').description).toBeUndefined();
  });

  test('every kind the apiserver serves is offered, and the chosen type is the one explain uses', () => {
    const kinds = field(schema, 'kind').enum as string[];
    expect(kinds).toEqual(expect.arrayContaining(['Pod', 'Deployment', 'Service', 'ConfigMap', 'List']));
    expect(schema.allOf).toContainEqual({
      if: { properties: { apiVersion: { const: 'apps/v1' }, kind: { const: 'Deployment' } }, required: ['apiVersion', 'kind'] },
      then: { $ref: '#/definitions/apps.v1.Deployment' },
    });
  });
});
