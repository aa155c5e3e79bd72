import { expect, test, type Page } from '@playwright/test';
import { controls, fastForward, openPlayground, screen, typeLine } from './playground';

/** The map on the diagram panel's tab (a lesson step may draw another one). */
const map = (page: Page) => page.getByRole('region', { name: 'diagrams' }).getByRole('group', { name: 'cluster map' });
/** The web pods' labels as the map reads them out: `Pod web-…: Running, 1/1 ready, 0 restarts, on worker01`. */
const webPods = (page: Page) => map(page).getByRole('button', { name: /^Pod web-/ });
const labels = async (page: Page) => (await webPods(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).sort();

test.beforeEach(async ({ page }) => {
  await openPlayground(page);
});

test('a scale-up shows new pods in the map; they turn Running', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await typeLine(page, 'kubectl create deployment web --image=nginx --replicas=2');
  await expect.poll(() => screen(page)).toContain('deployment.apps/web created');
  await fastForward(page);
  await expect.poll(() => labels(page)).toEqual([expect.stringMatching(/: Running, 1\/1 ready, 0 restarts, on worker0\d$/), expect.stringMatching(/: Running, 1\/1 ready, 0 restarts, on worker0\d$/)]);
  await expect(map(page).getByRole('button', { name: 'Deployment web: 2/2 ready' })).toBeVisible();

  await typeLine(page, 'kubectl scale deployment web --replicas=5');
  await expect.poll(() => screen(page)).toContain('deployment.apps/web scaled');
  // At 1× the three new pods show up (Pending, then ContainerCreating) before they run.
  await expect.poll(async () => (await labels(page)).length, { timeout: 10_000 }).toBe(5);
  await page.screenshot({ path: 'test-results/cluster-map-scaling.png' });
  await fastForward(page);
  await expect.poll(async () => (await labels(page)).filter((l) => / Running, 1\/1 ready/.test(l)).length).toBe(5);
  await page.screenshot({ path: 'test-results/cluster-map-scaled.png' });
  expect(errors).toEqual([]);
});

test('a pod opens in the object view: YAML, events, and a killed container restarts', async ({ page }) => {
  await typeLine(page, 'kubectl create deployment web --image=nginx --replicas=1');
  await expect.poll(() => screen(page)).toContain('deployment.apps/web created');
  await fastForward(page);
  const pod = webPods(page).first();
  await expect(pod).toHaveAttribute('aria-label', /: Running, 1\/1 ready, 0 restarts/);
  const name = (await pod.getAttribute('aria-label'))!.match(/^Pod (\S+):/)![1]!;
  // Keyboard: focus the card, Enter opens it.
  await pod.focus();
  await page.keyboard.press('Enter');
  const view = page.getByRole('dialog', { name: `Pod default/${name}` });
  await expect(view.getByLabel('spec')).toContainText('- image: nginx');
  await expect(view.getByLabel('spec')).toContainText('nodeName: worker0');
  await expect(view.getByLabel('status')).toContainText('phase: Running');
  await expect(view.getByRole('region', { name: 'YAML' })).toContainText(`name: ${name}`);
  const events = view.getByRole('region', { name: 'Events' });
  await expect(events.getByRole('row', { name: /Scheduled/ })).toContainText('default-scheduler');
  await expect(events.getByRole('row', { name: /Started/ })).toContainText('kubelet');
  await expect(events.getByRole('row', { name: /Pulled|Pulling/ }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/object-view-pod.png' });

  await view.getByRole('button', { name: 'Kill container nginx' }).click();
  await expect(view.getByRole('status')).toHaveText('Done — watch the map and the events.');
  await expect(map(page).getByRole('button', { name: new RegExp(`^Pod ${name}: Running, 1/1 ready, 1 restart,`) })).toBeVisible({ timeout: 15_000 });
  await expect(view.getByLabel('status')).toContainText('restartCount: 1');
  await expect(view.getByLabel('status')).toContainText('exitCode: 137');
  await page.screenshot({ path: 'test-results/object-view-killed.png' });

  // Another object replaces it: the page has one object view, whichever map opened it.
  await map(page).getByRole('button', { name: /^Node worker01: / }).click();
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await expect(page.getByRole('dialog')).toHaveAccessibleName('Node worker01');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});


test('stop a node’s kubelet from the map: NotReady after the grace period; started again, Ready', async ({ page }) => {
  const worker = () => map(page).getByRole('button', { name: /^Node worker01: / });
  await expect(worker()).toHaveAttribute('aria-label', /^Node worker01: Ready,/);
  await worker().click();
  const view = page.getByRole('dialog', { name: 'Node worker01' });
  await view.getByRole('button', { name: 'Stop kubelet' }).click();
  await expect(view.getByRole('button', { name: 'Start kubelet' })).toBeFocused();
  await controls(page).getByLabel('speed').selectOption('60');
  await expect(worker()).toHaveAttribute('aria-label', /^Node worker01: NotReady,/, { timeout: 10_000 });
  await expect(view.getByLabel('spec')).toContainText('key: node.kubernetes.io/unreachable');
  await expect(view.getByRole('region', { name: 'Events' })).toContainText('NodeNotReady');
  await page.screenshot({ path: 'test-results/object-view-node-stopped.png' });
  await view.getByRole('button', { name: 'Start kubelet' }).click();
  await expect(worker()).toHaveAttribute('aria-label', /^Node worker01: Ready,/, { timeout: 10_000 });
  // Esc closes the view even with the focus outside it (here: the speed menu), but not in the terminal.
  await controls(page).getByLabel('speed').focus();
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
});
