import { describe, expect, test } from 'vitest';
import type { Table } from '../../../../engine/api/tables/types';
import { cellText, tableCells, TableWriter, type TableOptions } from './table';

describe('TableWriter', () => {
  test('each column is as wide as its widest cell plus three spaces, at least six; the last is not padded', () => {
    const text = new TableWriter().format([
      ['NAME', 'READY', 'STATUS', 'AGE'],
      ['web-7d4b9c6f5-abcde', '1/1', 'Running', '5m'],
      ['db', '0/1', 'CrashLoopBackOff', '119s'],
    ]);
    expect(text).toBe(
      'NAME                  READY   STATUS             AGE\n' +
        'web-7d4b9c6f5-abcde   1/1     Running            5m\n' +
        'db                    0/1     CrashLoopBackOff   119s\n',
    );
  });

  test('under a watch, widths are remembered: a column never shrinks, and a wider cell widens it from then on', () => {
    const writer = new TableWriter();
    expect(writer.format([['NAME', 'STATUS', 'AGE'], ['web', 'Pending', '0s']])).toBe('NAME   STATUS    AGE\nweb    Pending   0s\n');
    expect(writer.format([['web', 'Running', '2s']])).toBe('web    Running   2s\n');
    expect(writer.format([['web', 'ContainerCreating', '1s']])).toBe('web    ContainerCreating   1s\n');
    expect(writer.format([['web', 'Running', '3s']])).toBe('web    Running             3s\n');
  });

  test('an empty row is an empty line', () => {
    expect(new TableWriter().format([[]])).toBe('\n');
  });
});

describe('cellText', () => {
  test.each([
    ['Running', 'Running'],
    [3, '3'],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
    ['first line\nsecond', 'first line...'],
    ['a\r\nb', 'a...'],
    ['form\ffeed', 'form...'],
    [{ a: 1 }, '{"a":1}'],
  ])('%j prints as %j', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('tableCells', () => {
  const table: Table = {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
      { name: 'Ready', type: 'string', format: '', description: '', priority: 0 },
      { name: 'IP', type: 'string', format: '', description: '', priority: 1 },
    ],
    rows: [{ cells: ['web', '1/1', '10.244.1.5'], object: { metadata: { namespace: 'default', labels: { tier: 'front', app: 'web' } } } as never }],
  };
  const plain: TableOptions = { wide: false, noHeaders: false, withNamespace: false, namePrefix: '', labelColumns: [], showLabels: false };

  test.each<[string, Partial<TableOptions>, string[][]]>([
    ['plain', {}, [['NAME', 'READY'], ['web', '1/1']]],
    ['-o wide', { wide: true }, [['NAME', 'READY', 'IP'], ['web', '1/1', '10.244.1.5']]],
    ['-A', { withNamespace: true }, [['NAMESPACE', 'NAME', 'READY'], ['default', 'web', '1/1']]],
    ['several kinds', { namePrefix: 'pod/' }, [['NAME', 'READY'], ['pod/web', '1/1']]],
    ['-L app.kubernetes.io/tier,app', { labelColumns: ['app.kubernetes.io/tier', 'app'] }, [['NAME', 'READY', 'TIER', 'APP'], ['web', '1/1', '', 'web']]],
    ['--show-labels', { showLabels: true }, [['NAME', 'READY', 'LABELS'], ['web', '1/1', 'app=web,tier=front']]],
    ['--no-headers', { noHeaders: true }, [['web', '1/1']]],
  ])('%s', (_, options, cells) => {
    expect(tableCells(table, { ...plain, ...options })).toEqual(cells);
  });
});
