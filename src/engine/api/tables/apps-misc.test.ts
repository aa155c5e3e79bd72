import { describe, expect, it } from 'vitest';
import { controllerName, controllerRevisionPrinter, leasePrinter } from './apps-misc';
import { at, rowContext } from './testkit';

describe('Lease', () => {
  it('prints HOLDER, empty without one', () => {
    const lease = { metadata: { name: 'worker01', creationTimestamp: at(0) }, spec: { holderIdentity: 'worker01', leaseDurationSeconds: 40 } };
    expect(leasePrinter.cells(lease, rowContext(3_000))).toEqual(['worker01', 'worker01', '3s']);
    expect(leasePrinter.cells({ metadata: { name: 'x' }, spec: {} }, rowContext(0))[1]).toBe('');
    expect(leasePrinter.columns.map((c) => c.name)).toEqual(['Name', 'Holder', 'Age']);
  });
});

describe('ControllerRevision', () => {
  const owner = (apiVersion: string, kind: string, controller = true) => ({ apiVersion, kind, name: 'web', uid: 'u', controller });
  it.each<[string, ReturnType<typeof owner>[], string]>([
    ['statefulset', [owner('apps/v1', 'StatefulSet')], 'statefulset.apps/web'],
    ['daemonset', [owner('apps/v1', 'DaemonSet')], 'daemonset.apps/web'],
    ['core kind', [owner('v1', 'Pod')], 'pod/web'],
    ['not a controller', [owner('apps/v1', 'DaemonSet', false)], '<none>'],
    ['no owner', [], '<none>'],
  ])('CONTROLLER %s', (_, ownerReferences, want) => {
    expect(controllerName({ metadata: { name: 'r', ownerReferences }, revision: 1 })).toBe(want);
  });

  it('prints REVISION', () => {
    const cr = { metadata: { name: 'web-7b9d6c5f4', creationTimestamp: at(0), ownerReferences: [owner('apps/v1', 'StatefulSet')] }, revision: 2 };
    expect(controllerRevisionPrinter.cells(cr, rowContext(60_000))).toEqual(['web-7b9d6c5f4', 'statefulset.apps/web', 2, '60s']);
    expect(controllerRevisionPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Controller', 'Revision', 'Age']);
  });
});
