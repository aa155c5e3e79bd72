/**
 * The enum data (enums.json, v1.30's `+enum` types) against the generated schema: each entry is a
 * string field the schema has, its values are listed the way the apiserver's OpenAPI lists them
 * (sorted, once each), and gen-schema carried them into the docs with the "Possible enum values"
 * paragraph the real descriptions end with.
 */
import { describe, expect, it } from 'vitest';
import { loadSchemaDocs } from './docs';
import enumNotes from './enums.json';
import { fieldType } from './types';

const entries = Object.entries(enumNotes as Record<string, Record<string, string>>).map(([key, notes]) => {
  const i = key.lastIndexOf('.');
  return { typeName: key.slice(0, i), field: key.slice(i + 1), values: Object.keys(notes), notes };
});

describe('enum fields', () => {
  it.each(entries.map((e) => [`${e.typeName}.${e.field}`, e] as const))('%s', async (_, e) => {
    expect(fieldType(e.typeName, e.field)).toBe('string');
    expect(e.values).toEqual([...new Set(e.values)].sort());
    const docs = (await loadSchemaDocs())[e.typeName]!;
    expect(docs.enums?.[e.field]).toEqual(e.values);
    const paragraph = ['Possible enum values:', ...e.values.map((v) => ` - \`${JSON.stringify(v)}\` ${e.notes[v]}`)].join('\n');
    expect(docs.fields[e.field]!.endsWith(`\n\n${paragraph}`)).toBe(true);
  });

  it('covers the fields a learner meets first', () => {
    const keys = entries.map((e) => `${e.typeName}.${e.field}`);
    for (const key of [
      'core.v1.Container.imagePullPolicy',
      'core.v1.PodSpec.restartPolicy',
      'core.v1.PodStatus.phase',
      'core.v1.ServiceSpec.type',
      'core.v1.ServicePort.protocol',
      'core.v1.Taint.effect',
      'apps.v1.DeploymentStrategy.type',
      'batch.v1.CronJobSpec.concurrencyPolicy',
    ]) {
      expect(keys).toContain(key);
    }
  });
});
