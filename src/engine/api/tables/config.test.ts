import { describe, expect, it } from 'vitest';
import { configMapPrinter, namespacePrinter, podTemplatePrinter, secretPrinter, serviceAccountPrinter } from './config';
import { at, rowContext } from './testkit';

const ctx = rowContext(90_000);
const metadata = { name: 'x', creationTimestamp: at(0) };
const names = (cols: readonly { name: string }[]) => cols.map((c) => c.name);

describe('config-ish kinds', () => {
  it('Namespace: STATUS', () => {
    expect(namespacePrinter.cells({ metadata: { ...metadata, name: 'default' }, status: { phase: 'Active' } }, ctx)).toEqual(['default', 'Active', '90s']);
    expect(namespacePrinter.cells({ metadata, status: { phase: 'Terminating' } }, ctx)[1]).toBe('Terminating');
    expect(names(namespacePrinter.columns)).toEqual(['Name', 'Status', 'Age']);
  });

  it('ConfigMap: DATA counts data and binaryData', () => {
    expect(configMapPrinter.cells({ metadata: { ...metadata, name: 'kube-root-ca.crt' }, data: { 'ca.crt': '...' } }, ctx)).toEqual(['kube-root-ca.crt', 1, '90s']);
    expect(configMapPrinter.cells({ metadata, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }, ctx)[1]).toBe(3);
    expect(configMapPrinter.cells({ metadata }, ctx)[1]).toBe(0);
    expect(names(configMapPrinter.columns)).toEqual(['Name', 'Data', 'Age']);
  });

  it('Secret: TYPE and DATA', () => {
    expect(secretPrinter.cells({ metadata: { ...metadata, name: 'db' }, type: 'Opaque', data: { user: 'YQ==', pass: 'Yg==' } }, ctx)).toEqual(['db', 'Opaque', 2, '90s']);
    expect(names(secretPrinter.columns)).toEqual(['Name', 'Type', 'Data', 'Age']);
  });

  it('ServiceAccount: SECRETS', () => {
    expect(serviceAccountPrinter.cells({ metadata: { ...metadata, name: 'default' } }, ctx)).toEqual(['default', 0, '90s']);
    expect(serviceAccountPrinter.cells({ metadata, secrets: [{ name: 's' }] }, ctx)[1]).toBe(1);
    expect(names(serviceAccountPrinter.columns)).toEqual(['Name', 'Secrets', 'Age']);
  });

  it('PodTemplate: CONTAINERS IMAGES POD LABELS, no age', () => {
    const pt = {
      metadata,
      template: {
        metadata: { labels: { run: 'x', app: 'y' } },
        spec: {
          containers: [
            { name: 'a', image: 'busybox' },
            { name: 'b', image: 'nginx' },
          ],
        },
      },
    };
    expect(podTemplatePrinter.cells(pt, ctx)).toEqual(['x', 'a,b', 'busybox,nginx', 'app=y,run=x']);
    expect(podTemplatePrinter.cells({ metadata }, ctx)).toEqual(['x', '', '', '<none>']);
    expect(names(podTemplatePrinter.columns)).toEqual(['Name', 'Containers', 'Images', 'Pod Labels']);
  });
});
