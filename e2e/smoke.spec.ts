import { expect, test } from '@playwright/test';

test('the page starts the simulated cluster in a worker and shows its nodes and their pods', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'kubeplay' })).toBeVisible();
  const map = page.getByRole('group', { name: 'cluster map' });
  for (const node of ['master01', 'worker01', 'worker02']) {
    await expect(map.getByRole('button', { name: new RegExp(`^Node ${node}: Ready,`) })).toBeVisible();
  }
  await expect(map.getByRole('button', { name: /^Node master01: Ready, roles control-plane,/ })).toBeVisible();
  await page.getByLabel('Namespace').selectOption('kube-system');
  await expect(map.getByRole('button', { name: /^Pod etcd-master01: Running, 1\/1 ready, .* on master01$/ })).toBeVisible();
  expect(errors).toEqual([]);
});
