import { expect, test } from '@playwright/test';
import { openPlayground, screen } from './playground';

const CREATE = 'kubectl run nginx-deploy --image=nginx:1.20-alpine --port=80';

test('a lesson check turns to ✓ once the cluster agrees, and the done step survives a reload with the restored cluster', async ({ page }) => {
  await openPlayground(page);
  const lesson = page.getByRole('complementary', { name: 'lesson' });
  const step = lesson.locator('.lesson-step').filter({ hasText: 'See where it runs' });
  const running = step.locator('.check').filter({ hasText: 'Pod nginx-deploy: phase Running' });

  // Evaluated against a cluster without the Pod yet: not passed.
  await expect(running).toHaveClass(/failed/);
  await expect(running.locator('.check-mark')).toHaveText('✗');
  await expect(step.locator('.step-done')).toHaveCount(0);

  await lesson.getByRole('button', { name: CREATE, exact: true }).click();
  await expect.poll(async () => (await screen(page)).replace(/\n/g, '')).toContain(CREATE);
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toContain('pod/nginx-deploy created');

  await expect(running.locator('.check-mark')).toHaveText('✓', { timeout: 10_000 });
  await expect(running).toHaveAttribute('title', 'Pod nginx-deploy as expected');
  await expect(step.locator('.step-done')).toBeVisible();
  await page.screenshot({ path: 'test-results/lesson-check-passed.png' });

  // A reload restores the saved cluster (the Pod comes back), and the step stays done.
  await page.reload();
  await expect(step.locator('.step-done')).toBeVisible({ timeout: 20_000 });
  await expect(running.locator('.check-mark')).toHaveText('✓', { timeout: 30_000 });
});
