// A crash of the cluster's worker, as the page meets one: an exception nothing catches, thrown
// inside the worker (here by the test, through the browser's own handle on the worker — the page
// has no button for it). The page must say so, start the cluster again from its last snapshot and
// carry on: the terminal logs in again, objects created before are still there, and an object
// view left open follows the new cluster.
import { expect, test, type Page } from '@playwright/test';
import { fastForward, openPlayground, run, savedText, typeLine } from './playground';

/** Throws in the cluster's worker outside any handler: what an engine bug that escapes looks like to the page. */
async function crashClusterWorker(page: Page): Promise<void> {
  const worker = page.workers().find((w) => w.url().includes('cluster.worker'));
  if (!worker) throw new Error(`no cluster worker among ${page.workers().map((w) => w.url()).join(', ')}`);
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('crash injected by e2e/crash.spec.ts');
    });
  });
}

test('a crashed worker comes back from the last snapshot: the notice, the pod still listed, the open object view live again', async ({ page }) => {
  test.setTimeout(90_000);
  await openPlayground(page);
  await typeLine(page, 'kubectl run keeper --image=nginx:1.20-alpine');
  await fastForward(page);
  const map = page.getByRole('region', { name: 'diagrams' }).getByRole('group', { name: 'cluster map' });
  const card = map.getByRole('button', { name: /^Pod keeper: / });
  await expect(card).toHaveAttribute('aria-label', /^Pod keeper: Running, 1\/1 ready, 0 restarts, on worker0\d$/);
  await card.click();
  const view = page.getByRole('dialog', { name: 'Pod default/keeper' });
  await expect(view.getByLabel('status')).toContainText('restartCount: 0');
  // The autosave (every 3 s) has the pod: that snapshot is also what a crashed worker restarts from.
  await expect.poll(() => savedText(page), { timeout: 15_000 }).toContain('"name":"keeper"');

  await crashClusterWorker(page);
  await expect(page.getByRole('status').filter({ hasText: 'The cluster stopped unexpectedly' })).toHaveText(
    /started again from its last snapshot; containers were restarted, as after a node reboot/,
    { timeout: 20_000 },
  );
  // Restored as after a power cut, the container started again and counts one restart; the view
  // opened before the crash, still open, hears that from the new worker (and the map agrees).
  await expect(view.getByLabel('status')).toContainText('restartCount: 1', { timeout: 20_000 });
  await expect(view.getByRole('region', { name: 'Events' })).toContainText('SandboxChanged');
  await expect(card).toHaveAttribute('aria-label', /^Pod keeper: Running, 1\/1 ready, 1 restart, on worker0\d$/, { timeout: 20_000 });
  await page.screenshot({ path: 'test-results/crash-restarted.png' });
  // The drawer lies over the terminal: closed, the terminal is in reach. It has logged in to the new
  // cluster, which still lists the pod.
  await view.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => run(page, 'kubectl get pods'), { timeout: 30_000 }).toMatch(/\nkeeper\s+1\/1\s+Running\s+1 \(\S+ ago\)\s+\S+\n/);
});
