import { expect, test } from '@playwright/test';

test('the page starts the simulated cluster in a worker and shows its nodes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'kubeplay' })).toBeVisible();
  for (const node of ['master01', 'worker01', 'worker02']) {
    await expect(page.getByRole('article', { name: node })).toContainText('Ready');
  }
  await expect(page.getByRole('article', { name: 'master01' })).toContainText('etcd-master01');
  await expect(page.getByRole('article', { name: 'master01' })).toContainText('control-plane');
  expect(errors).toEqual([]);
});
