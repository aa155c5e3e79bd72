import { expect, test, type Page } from '@playwright/test';
import { controls, openPlayground, screen, typeLine } from './playground';


const clock = (page: Page) => page.getByLabel('simulated time');
test.beforeEach(async ({ page }) => {
  await openPlayground(page);
  await expect(clock(page)).toHaveText(/^\d\d:\d\d:\d\d$/);
});

test('pause stops the clock and sleep; typing still echoes; play resumes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await controls(page).getByRole('button', { name: 'pause' }).click();
  await expect(page.getByRole('note')).toContainText('Time is paused');
  const stopped = await clock(page).textContent();
  await typeLine(page, 'sleep 5; echo done');
  await page.waitForTimeout(2000);
  expect(await clock(page).textContent()).toBe(stopped);
  const text = await screen(page);
  expect(text).toContain('sleep 5; echo done'); // the shell echoed the keys: zero-time work still runs
  expect(text).not.toMatch(/^done$/m);
  await page.screenshot({ path: 'test-results/time-paused.png' });

  await controls(page).getByRole('button', { name: 'play' }).click();
  await expect(page.getByRole('note')).toHaveCount(0);
  await expect.poll(() => screen(page), { timeout: 10_000 }).toMatch(/^done$/m);
  expect(await clock(page).textContent()).not.toBe(stopped);
  expect(errors).toEqual([]);
});

test('at 60× sleep 30 finishes in about half a second of wall time', async ({ page }) => {
  await controls(page).getByLabel('speed').selectOption('60');
  await typeLine(page, 'sleep 30; echo done');
  const started = Date.now();
  await expect.poll(() => screen(page), { timeout: 10_000, intervals: [50] }).toMatch(/^done$/m);
  const took = Date.now() - started;
  expect(took).toBeGreaterThan(300);
  expect(took).toBeLessThan(2000);
});

test("fast-forward until quiet settles a new deployment's pods to Running", async ({ page }) => {
  const map = page.getByRole('group', { name: 'cluster map' });
  const runningWebPods = () => map.getByRole('button', { name: /^Pod web-.*: Running,/ }).count();
  await controls(page).getByRole('button', { name: 'pause' }).click();
  await typeLine(page, 'kubectl create deployment web --image=nginx --replicas=3');
  await page.waitForTimeout(1000);
  expect(await runningWebPods()).toBe(0);
  const before = await clock(page).textContent();

  await controls(page).getByRole('button', { name: 'fast-forward until quiet' }).click();
  await expect(controls(page).getByRole('status')).toHaveText('quiet', { timeout: 15_000 });
  await expect.poll(runningWebPods, { timeout: 5000 }).toBe(3);
  expect(await clock(page).textContent()).not.toBe(before);
  // Fast-forward leaves the clock as it found it: still paused.
  await expect(controls(page).getByRole('button', { name: 'play' })).toBeVisible();
  await expect.poll(() => screen(page)).toContain('deployment.apps/web created');
  await page.screenshot({ path: 'test-results/time-fast-forward.png' });
});

test('step runs the next event: stepping alone finishes sleep 2 while paused', async ({ page }) => {
  await controls(page).getByRole('button', { name: 'pause' }).click();
  await typeLine(page, 'sleep 2; echo stepped');
  const step = controls(page).getByRole('button', { name: 'step to the next event' });
  let steps = 0;
  while (!/^stepped$/m.test(await screen(page)) && steps < 300) {
    await step.click();
    steps++;
  }
  expect(await screen(page)).toMatch(/^stepped$/m);
  expect(steps).toBeGreaterThan(1); // one step is one event, not the whole sleep
  await expect(controls(page).getByRole('button', { name: 'play' })).toBeVisible();
});
