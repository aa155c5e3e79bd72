import { describe, expect, it } from 'vitest';
import { CATALOG_ENTRIES } from '../../engine/runtime/images/catalog-data';
import { programRegistry } from '../registry';
import { PROGRAMS } from './index';

/**
 * Program ids images ship that kubeplay does not simulate yet; running one says so
 * ("not simulated in kubeplay").
 */
const NOT_YET = new Set([
  'busybox:nc', 'busybox:ifconfig', 'busybox:netstat', 'busybox:traceroute',
  'busybox:top', 'busybox:df', 'busybox:du', 'busybox:free', 'busybox:mount', 'busybox:uptime',
]);

describe('PROGRAMS', () => {
  const used = [...new Set(CATALOG_ENTRIES.flatMap((entry) => Object.values(entry.programs)))].sort();

  it('implements every program id of the image catalogue, apart from the known gaps', () => {
    const missing = used.filter((id) => !programRegistry(id) && !NOT_YET.has(id));
    expect(missing).toEqual([]);
  });

  it('lists no gap that has since been filled', () => {
    expect([...NOT_YET].filter((id) => id in PROGRAMS)).toEqual([]);
  });
});
